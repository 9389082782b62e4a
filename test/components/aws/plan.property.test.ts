// Property-based tests (fast-check) of the AZ choice as the whole plan makes it, over generated AZ sets: an existing
// VPC's subnets, a service whose AZs are not known yet, the AZs given with `serviceName`, and a cluster whose ID is not
// known yet. (The CIDR rule and the pure zone helpers are in planners.property.test.ts.)
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AwsPrivateLinkArgs } from "../../../components/aws/args";
import { AwsPrivateLinkArgumentError } from "../../../components/aws/errors";
import type { AwsPrivateLinkFacts, SubnetFacts } from "../../../components/aws/facts";
import { planAwsPrivateLink } from "../../../components/aws/plan";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import { subnetCidrForAz } from "../../../components/aws/planCidrs";
import { CLUSTER_ID, EXISTING_VPC, awsCluster, facts, service } from "./support/fixtures";

const REGION = "us-east-1";
const SERVICE_NAME = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
/** AZ numbers: regions have up to 6 today; the subnet rule covers 1 to 16, and a few beyond test its edge. */
const azNumbers = (max = 18) => fc.uniqueArray(fc.integer({ min: 1, max }), { maxLength: 10 });
const azId = (n: number) => `use1-az${n}`;
const byNumber = (a: number, b: number) => a - b;

function plan(args: Partial<AwsPrivateLinkArgs>, f: Partial<AwsPrivateLinkFacts>, clusterIdUnknown = false) {
  const all = { clusterId: CLUSTER_ID, region: REGION, vpc: { cidrBlock: "10.40.0.0/16" }, ...args } as AwsPrivateLinkArgs;
  return planAwsPrivateLink("prop", checkAwsPrivateLinkArgs("prop", all, { clusterIdUnknown }), facts(f));
}

/** The subnets of a plan, or the failure's arguments when it has none to give. */
function outcome(make: () => ReturnType<typeof plan>) {
  try {
    return { subnets: make().subnets };
  } catch (err) {
    if (!(err instanceof AwsPrivateLinkArgumentError)) throw err;
    return { rejected: err.problems.map((p) => p.argument) };
  }
}

describe("a created VPC whose service AZs are not known at plan time (property)", () => {
  it("gets a subnet in every account AZ the rule covers, each in its own block, and a warning naming the others", () => {
    fc.assert(
      fc.property(azNumbers(), (account) => {
        fc.pre(account.some((n) => n <= 16));
        const advanced = { cluster: awsCluster([REGION], { plan: "ADVANCED" }), service: undefined };
        const p = plan({}, { ...advanced, accountAzIds: account.map(azId) });
        const covered = account.filter((n) => n <= 16).sort(byNumber);
        expect(p.serviceAzIds).toBeUndefined();
        expect(p.subnets).toEqual(covered.map((n) => ({ azId: azId(n), cidrBlock: subnetCidrForAz("10.40.0.0/16", azId(n)) })));
        const beyond = account.filter((n) => n > 16).sort(byNumber);
        const ruleWarning = p.warnings.find((w) => w.includes("the CIDR rule covers -az1 to -az16"));
        if (beyond.length === 0) expect(ruleWarning).toBeUndefined();
        else expect(ruleWarning).toBe(`No subnet in ${beyond.map(azId).join(", ")}: the CIDR rule covers -az1 to -az16.`);
      }),
    );
  });

  it("a clusterId not known yet plans the subnets of a new Advanced cluster, whatever the account has", () => {
    fc.assert(
      fc.property(azNumbers(), (account) => {
        const accountAzIds = account.map(azId);
        const advanced = outcome(() =>
          plan({}, { cluster: awsCluster([REGION], { plan: "ADVANCED" }), service: undefined, accountAzIds }),
        );
        const unknown = outcome(() => plan({ clusterId: "" }, { accountAzIds }, true));
        expect(unknown).toEqual(advanced);
      }),
    );
  });
});

describe("serviceAzIds given with serviceName (property)", () => {
  it("plans the same subnets as a looked-up AVAILABLE service in those AZs, and looks nothing up for it", () => {
    fc.assert(
      fc.property(azNumbers(16), fc.uniqueArray(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 8 }), (account, serviceAzs) => {
        const accountAzIds = account.map(azId);
        const lookedUp = outcome(() => plan({}, { accountAzIds, service: service(REGION, serviceAzs) }));
        const given = outcome(() =>
          plan({ serviceName: SERVICE_NAME, serviceAzIds: serviceAzs.map(azId) }, { accountAzIds, service: undefined }),
        );
        expect(given).toEqual(lookedUp);
      }),
    );
  });
});

describe("an existing VPC's subnets (property)", () => {
  /** Subnets of EXISTING_VPC, in the AZs given (an AZ may repeat: two subnets in one AZ). */
  const subnetsIn = (azs: readonly number[]): SubnetFacts[] =>
    azs.map((n, i) => ({ id: `subnet-${String(i).padStart(17, "0")}`, vpcId: EXISTING_VPC.id, availabilityZoneId: azId(n) }));
  const existing = (subnets: SubnetFacts[]) => ({ vpc: { vpcId: EXISTING_VPC.id, subnetIds: subnets.map((s) => s.id) } });

  it("uses one subnet per AZ, sorted by AZ, narrowed to the service's AZs; a second subnet in an AZ is refused", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }), { nil: undefined }),
        (azs, serviceAzs) => {
          const subnets = subnetsIn(azs);
          const f = {
            vpc: EXISTING_VPC,
            subnets,
            ...(serviceAzs === undefined
              ? { cluster: awsCluster([REGION], { plan: "ADVANCED" }), service: undefined }
              : { service: service(REGION, serviceAzs) }),
          };
          const result = outcome(() => plan(existing(subnets), f));
          const repeated = azs.some((n, i) => azs.indexOf(n) !== i);
          const usable = [...new Set(azs)].filter((n) => serviceAzs === undefined || serviceAzs.includes(n)).sort(byNumber);
          if (repeated || usable.length === 0) {
            expect(result.rejected).toBeDefined();
            if (repeated) expect(result.rejected).toContain(`vpc.subnetIds[${azs.findIndex((n, i) => azs.indexOf(n) !== i)}]`);
            if (usable.length === 0) expect(result.rejected).toContain("vpc.subnetIds");
            return;
          }
          // Each AZ's subnet is the first given in it, and the plan never invents a CIDR block for an existing VPC.
          expect(result.subnets).toEqual(usable.map((n) => ({ azId: azId(n), subnetId: subnets[azs.indexOf(n)]!.id })));
        },
      ),
    );
  });
});
