// Waits run inside dynamic providers from their serialized closure; their timeout error must arrive there intact.
import { expect, it } from "vitest";
import { pollUntil, WaitTimeoutError } from "../../../components/shared/poll";
import { serializeProvider } from "../../support/serialized";

it("a wait's timeout error keeps its message, fields and Error prototype when run from the serialized form", async () => {
  const waiter = {
    async waitBriefly(): Promise<unknown> {
      return pollUntil({
        description: "endpoint vpce-1 to be available",
        timeoutMs: 20,
        minIntervalMs: 5,
        observe: async () => "pending",
        check: (status) => ({ done: false, status }),
        onProgress: () => {},
      }).catch((err: unknown) => err);
    },
  };
  const { provider } = await serializeProvider(waiter);

  const err = (await provider.waitBriefly()) as WaitTimeoutError;

  expect(err).toBeInstanceOf(Error);
  expect(err.name).toBe("WaitTimeoutError");
  expect(err.message).toMatch(/^timed out after \ds waiting for endpoint vpce-1 to be available; last status: pending\./);
  expect(err.lastStatus).toBe("pending");
  expect(String(err)).toBe(`WaitTimeoutError: ${err.message}`);
});
