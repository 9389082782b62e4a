// The region settings of the GCP paths (gcp-psc, gcp-peering), contributed to the region-settings schema
// (schema.ts). Each value is checked by the rule the GCP components use (components/core/gcpChecks.ts), so the
// stack config and the library accept the same values and say the same words.
import { z } from "zod";
import { allowedBy, type Check } from "../../components/core/checks";
import {
  checkGcpProjectId,
  checkGcpResourceName,
  checkGcpSubnetCidr,
  checkPscDnsMode,
  checkPscEndpointName,
  checkServiceAttachmentUri,
} from "../../components/core/gcpChecks";

/** A string that must pass `check`: the issue's message is what is allowed, `params.reason` what is wrong. */
function checked(check: Check<string>) {
  return z.string({ error: allowedBy(check) }).superRefine((value, ctx) => {
    const invalid = check(value);
    if (invalid) ctx.addIssue({ code: "custom", message: invalid.allowed, params: { reason: invalid.reason } });
  });
}

const flag = z.boolean({ error: "true or false" });

export const GCP_NETWORK_KEYS = ["subnetCidr", "network", "subnetwork"] as const;

/** The gcp-psc path's network: one to create (`subnetCidr`), or an existing network and subnetwork. */
const network = z.strictObject(
  {
    subnetCidr: checked(checkGcpSubnetCidr).optional(),
    network: checked(checkGcpResourceName).optional(),
    subnetwork: checked(checkGcpResourceName).optional(),
  },
  { error: "a map with subnetCidr (create a network), or network and subnetwork (use existing ones)" },
);

export const GCP_PEERING_KEYS = ["network", "peerProject", "peerNetwork", "peeringName", "exportCustomRoutes", "importCustomRoutes"] as const;

/** The gcp-peering path: the application network and the cluster's network from the Console's accept command. */
const peering = z.strictObject(
  {
    network: checked(checkGcpResourceName),
    peerProject: checked(checkGcpProjectId),
    peerNetwork: checked(checkGcpResourceName),
    peeringName: checked(checkGcpResourceName).optional(),
    exportCustomRoutes: flag.optional(),
    importCustomRoutes: flag.optional(),
  },
  { error: "a map with network, peerProject and peerNetwork (from the Console's accept-peering command)" },
);

export const gcpRegionSettings = {
  /** The GCP project of the region's resources. Default: `gcp:project` (the GCP provider's). */
  project: checked(checkGcpProjectId).optional(),
  network: network.optional(),
  endpointName: checked(checkPscEndpointName).optional(),
  allowPscGlobalAccess: flag.optional(),
  dns: checked(checkPscDnsMode).optional(),
  /** Its length limit depends on the region: the route's check applies it. */
  serviceDirectoryNamespace: z.string({ error: "a Service Directory namespace ID" }).optional(),
  enableApis: flag.optional(),
  serviceAttachment: checked(checkServiceAttachmentUri).optional(),
  peering: peering.optional(),
};

/** The gcp-psc route's settings, besides the common ones. */
export const GCP_PSC_SETTING_KEYS = [
  "project",
  "network",
  "endpointName",
  "allowPscGlobalAccess",
  "dns",
  "serviceDirectoryNamespace",
  "enableApis",
  "serviceAttachment",
] as const;

/** The gcp-peering route's settings, besides the common ones. */
export const GCP_PEERING_SETTING_KEYS = ["project", "peering"] as const;
