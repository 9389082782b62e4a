// Private endpoint trusted owners: AWS accounts allowed to connect. The API does not deduplicate, so each POST adds a
// new entry with a fresh UUID; clients must list first.
import { randomUUID } from "node:crypto";
import { invalidArgument, notFound } from "./errors";

export interface TrustedOwner {
  id: string;
  cluster_id: string;
  type: string;
  external_owner_id: string;
  created_at: string;
}

const OWNER_TYPES = ["AWS_ACCOUNT_ID"];

export class TrustedOwnerBook {
  private readonly entries = new Map<string, TrustedOwner>();
  /** created_at of the newest entry: timestamps strictly increase, as the API's (finer than ms) do in practice. */
  private lastCreatedAt = 0;

  constructor(private readonly clusterId: string) {}

  add(type: unknown, externalOwnerId: unknown, now: number): TrustedOwner {
    if (typeof type !== "string" || !OWNER_TYPES.includes(type)) {
      throw invalidArgument(`type must be one of ${OWNER_TYPES.join(", ")}`);
    }
    if (typeof externalOwnerId !== "string" || !/^(\d{12}|\*)$/.test(externalOwnerId)) {
      throw invalidArgument(
        `external_owner_id ${JSON.stringify(externalOwnerId ?? null)} must be a 12-digit AWS account ID or "*"`,
      );
    }
    const owner: TrustedOwner = {
      id: randomUUID(),
      cluster_id: this.clusterId,
      type,
      external_owner_id: externalOwnerId,
      created_at: new Date((this.lastCreatedAt = Math.max(now, this.lastCreatedAt + 1))).toISOString(),
    };
    this.entries.set(owner.id, owner);
    return { ...owner };
  }

  get(id: string): TrustedOwner {
    const owner = this.entries.get(id);
    if (!owner) throw notFound(`trusted owner ${id} not found`);
    return { ...owner };
  }

  remove(id: string): TrustedOwner {
    const owner = this.get(id);
    this.entries.delete(id);
    return owner;
  }

  list(): TrustedOwner[] {
    return [...this.entries.values()].map((owner) => ({ ...owner }));
  }
}
