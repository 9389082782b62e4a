// Static AWS credentials given to a VpcEndpointReadyProvider object (tests against a fake EC2). The provider is
// serialized into state as text, so it must not hold them: it holds a handle, and the credentials stay in a registry
// of the process that constructed it. Runs from the serialized closure too: nothing at module load, and the registry
// symbol is created inside the functions (the serializer cannot capture symbol values).
import type { StaticAwsCredentials } from "./ec2EndpointState";

function registry(): Map<string, StaticAwsCredentials> {
  const key = Symbol.for("crdb-private-endpoints.static-aws-credentials");
  const global = globalThis as unknown as Record<symbol, Map<string, StaticAwsCredentials> | undefined>;
  return (global[key] ??= new Map());
}

/** Keeps `credentials` in this process and returns the handle that stands for them. */
export function holdCredentials(credentials: StaticAwsCredentials): string {
  const { randomUUID } = require("node:crypto") as typeof import("node:crypto");
  const handle = `static-aws-credentials-${randomUUID()}`;
  registry().set(handle, { ...credentials });
  return handle;
}

/** The credentials behind `handle`; fails plainly in a process that never held them (the engine's provider host). */
export function heldCredentials(handle: string): StaticAwsCredentials {
  const credentials = registry().get(handle);
  if (!credentials) {
    throw new Error(
      "VpcEndpointReadyProvider was given static credentials, and those exist only in the process that created it: " +
        "they are never serialized into state. Leave the credentials option unset and let the AWS SDK find credentials " +
        "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, web identity, instance role).",
    );
  }
  return credentials;
}
