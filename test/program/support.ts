// Stack config for program tests, written as the Pulumi runtime holds it: `project:key` -> string, with
// structured values (objects, lists, numbers, booleans) as JSON text.
import { CLUSTER_ID } from "../components/aws/support/fixtures";

export const NS = "crdb-private-endpoints";

/** The dev stack: us-east-1, a /16 VPC. */
export const BASE: Record<string, unknown> = {
  "aws:region": "us-east-1",
  [`${NS}:clusterId`]: CLUSTER_ID,
  [`${NS}:vpc`]: { cidrBlock: "10.40.0.0/16" },
};

/** BASE with `changes` applied (short keys are in the project namespace); `undefined` removes a key. */
export function stackConfig(changes: Record<string, unknown> = {}, base: Record<string, unknown> = BASE): Record<string, string> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const full = key.includes(":") ? key : `${NS}:${key}`;
    if (value === undefined) delete merged[full];
    else merged[full] = value;
  }
  return Object.fromEntries(
    Object.entries(merged).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}
