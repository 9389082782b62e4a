// TiDB Cloud Serverless over an AWS interface endpoint: one `TidbPrivateLink` per region. Check reads the region's
// settings (the `tidb` map and the network keys) as the component's arguments; prepare looks up the cluster's
// service (TiDB Cloud API) or takes the given one, the AWS facts and the endpoints already in an existing VPC, and
// plans; build constructs the component from that plan and adds the connection outputs.
import * as pulumi from "@pulumi/pulumi";
import { AwsPrivateLinkLookupError } from "../../components/aws";
import {
  type CheckedTidbArgs,
  TidbPrivateLink,
  type TidbPrivateLinkArgs,
  TidbPrivateLinkArgumentError,
  type TidbPrivateLinkPlan,
  checkTidbPrivateLinkArgs,
  lookupTidbPrivateLinkFacts,
  planTidbPrivateLink,
} from "../../components/tidb";
import type { ConfigIssue } from "../config/errors";
import { TIDB_SETTING_KEYS } from "../config/tidbSchema";
import type { RegionSpec } from "../regions";
import { tidbConnectionOutputs } from "../targets/tidbConnection";
import { type RegionRoute, RouteProblems } from "./types";

export interface TidbAwsPrepared {
  plan: TidbPrivateLinkPlan;
}

const LOOKUP_HINTS: Record<string, string> = {
  clusterId:
    "the ID of a TiDB Cloud Serverless cluster that the API key (TIDBCLOUD_PUBLIC_KEY / TIDBCLOUD_PRIVATE_KEY) can read, " +
    "or tidb.service given instead",
  region: "a region enabled for the AWS account",
  "vpc.vpcId": "a VPC that exists in the region, readable with the AWS credentials in use (ec2:DescribeVpcs, ec2:DescribeVpcEndpoints)",
  "vpc.subnetIds": "subnets that exist in the region, readable with the AWS credentials in use",
};

export const tidbAws: RegionRoute<CheckedTidbArgs, TidbAwsPrepared, undefined> = {
  settingKeys: ["vpc", "allowedCidrs", "allowedSecurityGroupIds", "port", "privateDns", "tags", "tidb"],

  check(spec) {
    try {
      return { checked: checkTidbPrivateLinkArgs(spec.name, argsOf(spec)) };
    } catch (err) {
      return { issues: problemsOf(err, spec).issues };
    }
  },

  async prepare(spec, checked, { lookups }) {
    try {
      const facts = await lookupTidbPrivateLinkFacts(checked, lookups);
      return { plan: planTidbPrivateLink(spec.name, checked, facts, ownerOf(spec)) };
    } catch (err) {
      throw problemsOf(err, spec);
    }
  },

  build(spec, { plan }, { settings }) {
    const link = new TidbPrivateLink(spec.name, plan);
    const connection = tidbConnectionOutputs(plan.privateHost, plan.port, plan.userPrefix, settings.connection);
    return {
      outputs: {
        vpcId: link.vpcId,
        endpointId: link.endpointId,
        ...(link.securityGroup ? { securityGroupId: link.securityGroup.id } : {}),
        endpointDnsEntries: link.ready.dnsEntries,
        serviceName: plan.serviceName,
        ...connection,
      },
      ready: [link.ready],
    };
  },
};

/** The owner mark on the region's resources: which stack and component made them. */
function ownerOf(spec: RegionSpec): string {
  return `${pulumi.getProject()}/${pulumi.getStack()}/${spec.name}`;
}

/** The region's settings as the component's arguments: the `tidb` map's fields and the network keys. */
function argsOf(spec: RegionSpec): TidbPrivateLinkArgs {
  const settings = spec.settings as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const key of tidbAws.settingKeys) {
    if (key !== "tidb" && settings[key] !== undefined) args[key] = settings[key];
  }
  const tidb = (settings.tidb ?? {}) as Record<string, unknown>;
  for (const key of TIDB_SETTING_KEYS) if (tidb[key] !== undefined) args[key] = tidb[key];
  return { ...args, vpc: settings.vpc, region: spec.region } as TidbPrivateLinkArgs;
}

/** A component argument -> the config key it came from: the TiDB ones sit in the `tidb` map. */
function keyOf(spec: RegionSpec, argument: string): string {
  const root = argument.split(/[.[]/)[0] as string;
  return spec.keyOf((TIDB_SETTING_KEYS as readonly string[]).includes(root) ? `tidb.${argument}` : argument);
}

function problemsOf(err: unknown, spec: RegionSpec): RouteProblems {
  if (err instanceof TidbPrivateLinkArgumentError) {
    return new RouteProblems(err.problems.map((p) => ({ key: keyOf(spec, p.argument), value: p.value, reason: p.reason, allowed: p.allowed })));
  }
  if (err instanceof AwsPrivateLinkLookupError) {
    // A TiDB API failure (keys refused, no answer, cluster not found) is named for what it is, on the key it was for.
    const cause = (err.cause as Error | undefined)?.message ?? String(err.cause);
    const issue: ConfigIssue = {
      key: keyOf(spec, err.argument),
      value: err.value,
      reason: `could not be looked up (${cause})`,
      allowed: LOOKUP_HINTS[err.argument] ?? "a value that exists",
    };
    return new RouteProblems([issue]);
  }
  throw err;
}
