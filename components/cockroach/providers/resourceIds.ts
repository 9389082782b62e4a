// Resource IDs of the form `<clusterId>:<rest>`, as used for import (`pulumi import` / the `import` option).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits at the first ":". `resource` and `format` go into the error, e.g. ("PrivateEndpointConnection", "<clusterId>:<endpointId>"). */
export function splitClusterScopedId(id: string, resource: string, format: string): { clusterId: string; rest: string } {
  const at = id.indexOf(":");
  const clusterId = at < 0 ? "" : id.slice(0, at);
  const rest = at < 0 ? "" : id.slice(at + 1);
  if (!UUID.test(clusterId) || rest === "") {
    throw new Error(
      `Invalid ${resource} ID ${JSON.stringify(id)}: expected ${format}, where the cluster ID is a UUID ` +
        `(e.g. 1f69fdd2-600a-4cfc-a9ba-16995df0d77d:...).`,
    );
  }
  return { clusterId, rest };
}
