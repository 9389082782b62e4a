// CockroachDB over GCP Private Service Connect: one `GcpPrivateServiceConnect` per region. Check holds the region's
// settings to the component's argument rules; prepare looks up the cluster, its endpoint service and the GCP network
// and plans; build constructs the component from that plan and adds the connection outputs.
import { cockroachTarget } from "../../components/cockroach/target";
import { checkGcpProjectId } from "../../components/core/gcpChecks";
import {
  type CheckedPscArgs,
  checkPscArgs,
  GcpPrivateServiceConnect,
  type GcpPrivateServiceConnectArgs,
  type GcpPrivateServiceConnectPlan,
  type GcpPscFacts,
  lookupPscFacts,
  planGcpPrivateServiceConnect,
} from "../../components/gcp";
import { GCP_PSC_SETTING_KEYS } from "../config/gcpSchema";
import type { ProgramConfig } from "../config/read";
import { connectionOutputs } from "../connection";
import type { RegionSpec } from "../regions";
import type { CockroachPrepared, CockroachShared } from "../targets/cockroachShared";
import { gcpRouteProblems, projectIssues, regionIssues } from "./gcpProblems";
import type { RegionRoute } from "./types";

export interface CockroachGcpPscPrepared extends CockroachPrepared {
  facts: GcpPscFacts;
  plan: GcpPrivateServiceConnectPlan;
}

export const cockroachGcpPsc: RegionRoute<CheckedPscArgs, CockroachGcpPscPrepared, CockroachShared> = {
  settingKeys: GCP_PSC_SETTING_KEYS,

  check(spec, { config }) {
    const issues = [...regionIssues(spec), ...projectIssues(config)];
    try {
      const checked = checkPscArgs(spec.name, argsOf(spec, config));
      return issues.length > 0 ? { issues } : { checked };
    } catch (err) {
      return { issues: [...issues, ...gcpRouteProblems(err, pscKeyOf(spec)).issues] };
    }
  },

  async prepare(spec, checked, { lookups }) {
    try {
      const facts = await lookupPscFacts(checked, lookups);
      return { clusterId: checked.clusterId, cluster: facts.cluster, facts, plan: planGcpPrivateServiceConnect(spec.name, checked, facts) };
    } catch (err) {
      throw gcpRouteProblems(err, pscKeyOf(spec));
    }
  },

  build(spec, { facts, plan }, { settings, shared }) {
    const psc = new GcpPrivateServiceConnect(spec.name, plan, { endpointServices: shared.endpointServices(plan.clusterId) });
    const port = cockroachTarget.port;
    const connection = connectionOutputs(facts.cluster, psc.privateSqlHost, port, settings.connection, psc.connectionStatus, shared.fetchCa);
    return {
      outputs: {
        path: "gcp-psc",
        networkSelfLink: psc.networkSelfLink,
        endpointName: psc.endpointName,
        endpointAddress: psc.endpointAddress,
        pscConnectionId: psc.pscConnectionId,
        serviceAttachment: psc.serviceAttachment,
        privateSqlHost: psc.privateSqlHost,
        connectionStatus: psc.connectionStatus,
        ...connection,
      },
      ready: psc.ready,
    };
  },
};

/** The region's settings as the component's arguments; the common `tags` become the address's labels. */
function argsOf(spec: RegionSpec, config: ProgramConfig): GcpPrivateServiceConnectArgs {
  const settings = spec.settings as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const key of GCP_PSC_SETTING_KEYS) if (settings[key] !== undefined) args[key] = settings[key];
  if (args.project === undefined && config.gcpProject !== undefined && checkGcpProjectId(config.gcpProject) === undefined) {
    args.project = config.gcpProject;
  }
  if (settings.tags !== undefined) args.labels = settings.tags;
  return { ...args, clusterId: settings.clusterId as string, region: spec.region, network: settings.network as GcpPrivateServiceConnectArgs["network"] };
}

/** A component argument's config key: `labels` are the common `tags`; `project` may be `gcp:project`. */
function pscKeyOf(spec: RegionSpec): (argument: string) => string {
  return (argument) => {
    if (argument === "labels" || argument.startsWith("labels.")) return spec.keyOf(argument.replace(/^labels/, "tags"));
    if (argument === "project" && spec.settings.project === undefined) return "gcp:project";
    return spec.keyOf(argument);
  };
}
