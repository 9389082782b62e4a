// Resource IDs of the form `<clusterId>:<rest>`, as used for import (`pulumi import` / the `import` option).
import { CLUSTER_ID_EXAMPLE, isClusterId } from "../../core/checks";

/** Splits at the first ":". `resource` and `format` go into the error, e.g. ("PrivateEndpointConnection", "<clusterId>:<endpointId>"). */
export function splitClusterScopedId(id: string, resource: string, format: string): { clusterId: string; rest: string } {
  const at = id.indexOf(":");
  const clusterId = at < 0 ? "" : id.slice(0, at);
  const rest = at < 0 ? "" : id.slice(at + 1);
  if (!isClusterId(clusterId) || rest === "") {
    throw new Error(
      `Invalid ${resource} ID ${JSON.stringify(id)}: expected ${format}, where the cluster ID is a UUID ` +
        `(e.g. ${CLUSTER_ID_EXAMPLE}:...).`,
    );
  }
  return { clusterId, rest };
}
