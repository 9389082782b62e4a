// CockroachDB over GCP VPC peering (Advanced clusters): one `GcpVpcPeering` per region entry, the customer half of the
// peering. Its CockroachDB half is a request in the Cloud Console; until then the peering is INACTIVE, which the
// region's outputs show. All peerings of a stack touch the cluster's network, so each waits for those before it.
import { cockroachTarget } from "../../components/cockroach/target";
import {
  type CheckedPeeringArgs,
  checkPeeringArgs,
  GcpArgumentError,
  PEERING_COMPONENT,
  GcpVpcPeering,
  type GcpVpcPeeringArgs,
  type GcpVpcPeeringFacts,
  type GcpVpcPeeringPlan,
  lookupPeeringFacts,
  planGcpVpcPeering,
} from "../../components/gcp";
import { checkGcpProjectId } from "../../components/core/gcpChecks";
import { GCP_PEERING_SETTING_KEYS } from "../config/gcpSchema";
import type { ProgramConfig } from "../config/read";
import { connectionOutputs } from "../connection";
import type { RegionSpec } from "../regions";
import type { CockroachPrepared, CockroachShared } from "../targets/cockroachShared";
import { gcpRouteProblems, projectIssues, regionIssues } from "./gcpProblems";
import type { RegionRoute } from "./types";

export interface CockroachGcpPeeringPrepared extends CockroachPrepared {
  facts: GcpVpcPeeringFacts;
  plan: GcpVpcPeeringPlan;
  region: string;
}

export const cockroachGcpPeering: RegionRoute<CheckedPeeringArgs, CockroachGcpPeeringPrepared, CockroachShared> = {
  settingKeys: GCP_PEERING_SETTING_KEYS,

  check(spec, { config }) {
    const issues = [...regionIssues(spec), ...projectIssues(config)];
    try {
      const checked = checkPeeringArgs(spec.name, argsOf(spec, config));
      return issues.length > 0 ? { issues } : { checked };
    } catch (err) {
      return { issues: [...issues, ...gcpRouteProblems(err, peeringKeyOf(spec)).issues] };
    }
  },

  async prepare(spec, checked, { lookups }) {
    try {
      const facts = await lookupPeeringFacts(checked, lookups);
      const plan = planGcpVpcPeering(spec.name, checked, facts);
      // The region names the host clients use; the peering itself reaches every region of the cluster.
      if (!facts.cluster.regions.some((r) => r.name === spec.region)) {
        const regions = facts.cluster.regions.map((r) => r.name).join(", ");
        throw new GcpArgumentError(PEERING_COMPONENT, spec.name, [
          { argument: "region", value: spec.region, reason: `is not a region of cluster ${checked.clusterId}`, allowed: `one of the cluster's regions: ${regions}` },
        ]);
      }
      return { clusterId: checked.clusterId, cluster: facts.cluster, facts, plan, region: spec.region };
    } catch (err) {
      throw gcpRouteProblems(err, peeringKeyOf(spec));
    }
  },

  build(spec, { facts, plan, region }, { settings, shared }) {
    const peering = new GcpVpcPeering(spec.name, plan, { after: [...shared.peerings] });
    shared.peerings.push(peering.peering);
    const host = peering.privateSqlHosts.apply((hosts) => hosts[region] ?? "");
    const connection = connectionOutputs(facts.cluster, host, cockroachTarget.port, settings.connection, peering.state, shared.fetchCa);
    return {
      outputs: {
        path: "gcp-peering",
        peeringName: plan.peeringName,
        peerNetwork: plan.peerNetwork,
        // INACTIVE until the CockroachDB half is requested in the Console.
        peeringState: peering.state,
        peeringStateDetails: peering.stateDetails,
        privateSqlHost: host,
        ...connection,
      },
      ready: [peering.peering],
    };
  },
};

function argsOf(spec: RegionSpec, config: ProgramConfig): GcpVpcPeeringArgs {
  const settings = spec.settings;
  const project = settings.project ?? (config.gcpProject !== undefined && checkGcpProjectId(config.gcpProject) === undefined ? config.gcpProject : undefined);
  return {
    ...(settings.peering ?? {}),
    ...(project === undefined ? {} : { project }),
    clusterId: settings.clusterId as string,
  } as GcpVpcPeeringArgs;
}

/** The component's flat arguments sit under `peering` in config, except the cluster, the project and the region. */
function peeringKeyOf(spec: RegionSpec): (argument: string) => string {
  return (argument) => {
    if (argument === "clusterId" || argument === "region") return spec.keyOf(argument);
    if (argument === "project") return spec.settings.project === undefined ? "gcp:project" : spec.keyOf("project");
    return spec.keyOf(`peering.${argument}`);
  };
}
