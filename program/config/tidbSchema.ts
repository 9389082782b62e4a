// The TiDB target's region setting `tidb` (top level as the default, or per regions entry): which TiDB Cloud
// Serverless cluster to look the endpoint service up from, or the service itself, and what to do about an endpoint
// already in the VPC. The values' rules are the component's (components/tidb), applied here so a bad value is
// reported with the rest of the config.
import { z } from "zod";
import { checkTidbClusterId } from "../../components/tidb/target";
import { checkPort } from "../../components/core/checks";

const CLUSTER_ID_ALLOWED = "the cluster's numeric ID as a quoted string, e.g. \"10289758592817381\"";

/**
 * A TiDB cluster ID. YAML reads an unquoted `10289758592817381` as a number, which loses digits beyond 2^53: a
 * number is refused with the advice to quote it, never rounded into another cluster's ID.
 */
const clusterId = z.unknown().superRefine((value, ctx) => {
  if (typeof value === "number") {
    ctx.addIssue({ code: "custom", message: CLUSTER_ID_ALLOWED, params: { reason: "is a number; YAML numbers lose the digits of long IDs, so quote it" } });
    return;
  }
  if (typeof value !== "string") {
    ctx.addIssue({ code: "custom", message: CLUSTER_ID_ALLOWED, params: { reason: "not a string" } });
    return;
  }
  const invalid = checkTidbClusterId(value);
  if (invalid) ctx.addIssue({ code: "custom", message: invalid.allowed, params: { reason: invalid.reason } });
});

const service = z.strictObject(
  {
    serviceName: z.string({ error: "the endpoint service name, com.amazonaws.vpce.<region>.vpce-svc-..." }),
    availabilityZones: z
      .array(z.string({ error: "an AZ ID (use1-az1) or name (us-east-1a)" }), { error: "a list of AZ IDs (use1-az1) or names (us-east-1a)" })
      .min(1, { error: "at least one AZ of the service" }),
    host: z.string({ error: "the private host, e.g. gateway01-privatelink.us-east-1.prod.aws.tidbcloud.com" }),
    port: z
      .number({ error: "an integer from 1 to 65535" })
      .superRefine((value, ctx) => {
        const invalid = checkPort(value);
        if (invalid) ctx.addIssue({ code: "custom", message: invalid.allowed, params: { reason: invalid.reason } });
      })
      .optional(),
  },
  { error: "a map with serviceName, availabilityZones, host and optionally port (TiDB Cloud console: Networking > Private Endpoint)" },
);

export const TIDB_SETTING_KEYS = ["clusterId", "service", "existingEndpoint"] as const;

export const tidbSettings = z.strictObject(
  {
    clusterId: clusterId.optional(),
    service: service.optional(),
    existingEndpoint: z.enum(["refuse", "reuse"], { error: "refuse or reuse" }).optional(),
  },
  { error: "a map with clusterId (look the service up) or service (give it), and optionally existingEndpoint" },
);

export type TidbSettings = z.infer<typeof tidbSettings>;
