// CockroachDB over an AWS interface endpoint (AWS PrivateLink): one `AwsPrivateLink` per region. Prepare checks the
// region's settings as the component's arguments, looks up the cluster, its endpoint service and the AWS facts, and
// plans; build constructs the component from that plan and adds the connection outputs.
import {
  AwsPrivateLink,
  type AwsPrivateLinkArgs,
  AwsPrivateLinkArgumentError,
  type AwsPrivateLinkFacts,
  AwsPrivateLinkLookupError,
  type AwsPrivateLinkPlan,
  type CheckedArgs,
  checkAwsPrivateLinkArgs,
  lookupAwsPrivateLinkFacts,
  planAwsPrivateLink,
} from "../../components/aws";
import { apiAccessProblem } from "../apiAccess";
import type { ConfigIssue } from "../config/errors";
import { connectionOutputs } from "../connection";
import type { RegionOutputs } from "../outputs";
import type { RegionSpec } from "../regions";
import type { CockroachPrepared, CockroachShared } from "../targets/cockroachShared";
import { type RegionRoute, RouteProblems } from "./types";

export interface CockroachAwsPrepared extends CockroachPrepared {
  facts: AwsPrivateLinkFacts;
  plan: AwsPrivateLinkPlan;
}

/** What a failed lookup asks of the setting it was for. */
const LOOKUP_HINTS: Record<string, string> = {
  clusterId: "the ID of an existing cluster that the API key's service account can read",
  region: "a region enabled for the AWS account",
  "vpc.vpcId": "a VPC that exists in the region, readable with the AWS credentials in use",
  "vpc.subnetIds": "subnets that exist in the region, readable with the AWS credentials in use",
};

export const cockroachAws: RegionRoute<CheckedArgs, CockroachAwsPrepared, CockroachShared> = {
  settingKeys: ["vpc", "allowedCidrs", "allowedSecurityGroupIds", "port", "privateDns", "tags"],

  check(spec) {
    try {
      return { checked: checkAwsPrivateLinkArgs(spec.name, argsOf(spec)) };
    } catch (err) {
      return { issues: problemsOf(err, spec).issues };
    }
  },

  async prepare(spec, checked, { lookups }) {
    try {
      const facts = await lookupAwsPrivateLinkFacts(checked, lookups);
      return { clusterId: checked.clusterId, cluster: facts.cluster, facts, plan: planAwsPrivateLink(spec.name, checked, facts) };
    } catch (err) {
      throw problemsOf(err, spec);
    }
  },

  build(spec, { facts, plan }, { settings, shared }) {
    const link = new AwsPrivateLink(spec.name, plan, { endpointServices: shared.endpointServices(plan.clusterId) });
    const connection = connectionOutputs(facts.cluster, link.privateSqlHost, plan.port, settings.connection, link.connectionStatus, shared.fetchCa);
    const outputs: RegionOutputs = {
      vpcId: link.vpcId,
      subnetIds: link.subnetIds,
      securityGroupId: link.securityGroupId,
      endpointId: link.endpointId,
      endpointDnsEntries: link.endpointDnsEntries,
      privateSqlHost: link.privateSqlHost,
      connectionStatus: link.connectionStatus,
      ...connection,
    };
    return { outputs: { ...outputs }, ready: [link.ready] };
  },
};

/** The region's settings the component reads, as its arguments. */
function argsOf(spec: RegionSpec): AwsPrivateLinkArgs {
  const { settings } = spec;
  const args: Record<string, unknown> = {};
  for (const key of cockroachAws.settingKeys) {
    // An unset key stays unset: the component tells "not given" from "given".
    if ((settings as Record<string, unknown>)[key] !== undefined) args[key] = (settings as Record<string, unknown>)[key];
  }
  // vpc is checked (set, and one of its forms) by the component, which reports it under keyOf("vpc").
  return { ...args, vpc: settings.vpc as AwsPrivateLinkArgs["vpc"], clusterId: settings.clusterId as string, region: spec.region };
}

function problemsOf(err: unknown, spec: RegionSpec): RouteProblems {
  if (err instanceof AwsPrivateLinkArgumentError) {
    return new RouteProblems(
      err.problems.map((p) => ({ key: spec.keyOf(p.argument), value: p.value, reason: p.reason, allowed: p.allowed })),
    );
  }
  if (err instanceof AwsPrivateLinkLookupError) {
    const unusable = apiAccessProblem(err.cause);
    if (unusable !== undefined) return new RouteProblems([], [unusable]);
    const cause = (err.cause as Error | undefined)?.message ?? String(err.cause);
    const issue: ConfigIssue = {
      key: spec.keyOf(err.argument),
      value: err.value,
      reason: `could not be looked up (${cause})`,
      allowed: LOOKUP_HINTS[err.argument] ?? "a value that exists",
    };
    return new RouteProblems([issue]);
  }
  throw err;
}
