// Answers to the GCP data-source invokes the GCP paths make (`organizations/getClientConfig`, `compute/getNetwork`,
// `compute/getSubnetwork`) for the lifecycle engine: the pure answers of tools/mocks/gcp.ts for the GCP world the
// stack config implies (its project, auto-mode subnetworks in its regions), so the engine and the offline plan agree.
import { answerGcpInvoke as mockAnswer, type GcpMockWorld, gcpMockWorldOf } from "../mocks/gcp";
import type { PropertyMap } from "./protocol";

export { type GcpMockWorld, gcpMockWorldOf };

export class UnknownGcpInvokeError extends Error {}

export function answerGcpInvoke(token: string, args: PropertyMap, world: GcpMockWorld): PropertyMap {
  const answer = mockAnswer({ token, inputs: args }, world);
  if (!answer) throw new UnknownGcpInvokeError(`the fake GCP project does not answer the invoke ${token}`);
  return answer as PropertyMap;
}

/** The range of an existing subnetwork of the world (by self link), as getSubnetwork reports it; undefined if none. */
export function existingSubnetworkRange(world: GcpMockWorld, selfLink: string): string | undefined {
  try {
    const range = mockAnswer({ token: "gcp:compute/getSubnetwork:getSubnetwork", inputs: { selfLink } }, world)?.ipCidrRange;
    return typeof range === "string" ? range : undefined;
  } catch {
    return undefined;
  }
}
