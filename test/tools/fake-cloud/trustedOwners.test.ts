import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeCloudServer } from "../../../tools/fake-cloud";
import { AWS_STANDARD, call, networkingPath, startWithAllClusters } from "./helpers";

const OWNERS = networkingPath(AWS_STANDARD, "private-endpoint-trusted-owners");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const addOwner = (external_owner_id: unknown, type: unknown = "AWS_ACCOUNT_ID") =>
  call(fake, "POST", OWNERS, { body: { type, external_owner_id } });

let fake: FakeCloudServer;
beforeEach(async () => {
  fake = await startWithAllClusters();
});
afterEach(() => fake.close());

describe("trusted owners", () => {
  it("add, list, get and remove, wrapped as the API wraps them", async () => {
    const added = await addOwner("012345678901");
    expect(added.status).toBe(200);
    const owner = added.body.trusted_owner;
    expect(owner).toEqual({
      id: expect.stringMatching(UUID),
      cluster_id: AWS_STANDARD.id,
      type: "AWS_ACCOUNT_ID",
      external_owner_id: "012345678901",
      created_at: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(owner.created_at))).toBe(false);

    expect((await call(fake, "GET", OWNERS)).body).toEqual({ trusted_owners: [owner] });
    expect((await call(fake, "GET", `${OWNERS}/${owner.id}`)).body).toEqual({ trusted_owner: owner });
    expect((await call(fake, "DELETE", `${OWNERS}/${owner.id}`)).body).toEqual({ trusted_owner: owner });
    expect((await call(fake, "GET", `${OWNERS}/${owner.id}`)).status).toBe(404);
    expect((await call(fake, "DELETE", `${OWNERS}/${owner.id}`)).status).toBe(404);
    expect(fake.trustedOwners(AWS_STANDARD.id)).toEqual([]);
  });

  it("does not deduplicate: each POST adds a new entry", async () => {
    const first = await addOwner("012345678901");
    const second = await addOwner("012345678901");
    expect(second.status).toBe(200);
    expect(second.body.trusted_owner.id).not.toBe(first.body.trusted_owner.id);
    expect((await call(fake, "GET", OWNERS)).body.trusted_owners).toHaveLength(2);
  });

  it('accepts the "*" wildcard', async () => {
    expect((await addOwner("*")).body.trusted_owner.external_owner_id).toBe("*");
  });

  it.each([
    { owner: "12345", type: "AWS_ACCOUNT_ID", why: "short account" },
    { owner: "01234567890a", type: "AWS_ACCOUNT_ID", why: "non-digit" },
    { owner: undefined, type: "AWS_ACCOUNT_ID", why: "missing owner" },
    { owner: "012345678901", type: "GCP_PROJECT", why: "unknown type" },
  ])("rejects $why with 400 INVALID_ARGUMENT", async ({ owner, type }) => {
    const result = await addOwner(owner, type);
    expect(result.status).toBe(400);
    expect(result.body.code).toBe(3);
    expect(fake.trustedOwners(AWS_STANDARD.id)).toEqual([]);
  });
});
