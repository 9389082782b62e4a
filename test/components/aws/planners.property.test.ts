// Property-based tests (fast-check) of the pure planners: the CIDR rule, the AZ choice, the ingress rules and the
// no-shared-AZ failures, over generated VPC blocks, AZ sets and sources rather than a few hand-picked ones. These are
// the rules that keep a deployed stack's resources in place, so their invariants matter more than any one example.
import { Address4 } from "ip-address";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planAwsPrivateLink } from "../../../components/aws/plan";
import { checkAwsPrivateLinkArgs } from "../../../components/aws/planArgs";
import { hasSubnetBlock, SUBNET_BLOCKS, subnetCidrForAz } from "../../../components/aws/planCidrs";
import { ingressRuleKey, planIngressRules } from "../../../components/aws/planIngress";
import { noSharedAzProblem, noSupportedSubnetProblem } from "../../../components/aws/planOverlap";
import { compareAzIds, sortedAzIds, subnetAzIds } from "../../../components/aws/planZones";
import { azNumber, checkSourceCidr, checkVpcCidr } from "../../../components/core/checks";
import { CLUSTER_ID, facts, service } from "./support/fixtures";

// ---- generators -------------------------------------------------------------------------------------------------

const toDotted = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");
const maskOf = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** A canonical IPv4 CIDR block (no host bits) with a prefix in [min, max]. */
const cidr = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min, max }))
    .map(([address, prefix]) => `${toDotted((address & maskOf(prefix)) >>> 0)}/${prefix}`);

/** A VPC block as the component accepts them: /16 to /24. */
const vpcCidr = cidr(16, 24);

const regionPrefix = fc.constantFrom("use1", "usw2", "euw1", "euc1", "apse2", "cac1", "sae1");
/** AZ numbers of a region: regions have up to 6 today; the rule covers 16. */
const azNumbers = (max = SUBNET_BLOCKS) => fc.uniqueArray(fc.integer({ min: 1, max }), { maxLength: max });
const azIdsOf = (prefix: string, numbers: readonly number[]) => numbers.map((n) => `${prefix}-az${n}`);

const securityGroupId = fc.stringMatching(/^[0-9a-f]{17}$/).map((hex) => `sg-${hex}`);

// ---- helpers ------------------------------------------------------------------------------------------------------

const range = (block: string) => {
  const a = new Address4(block);
  return { start: a.startAddress().bigInt(), end: a.endAddress().bigInt() };
};
const inside = (inner: string, outer: string) => {
  const i = range(inner);
  const o = range(outer);
  return i.start >= o.start && i.end <= o.end;
};
const overlap = (x: string, y: string) => {
  const a = range(x);
  const b = range(y);
  return a.start <= b.end && b.start <= a.end;
};

// ---- subnetCidrForAz ------------------------------------------------------------------------------------------------

describe("subnetCidrForAz (property)", () => {
  it("subnets never overlap, lie inside the VPC, are one sixteenth of it, and are canonical blocks", () => {
    fc.assert(
      fc.property(vpcCidr, regionPrefix, azNumbers(), (vpc, prefix, numbers) => {
        const blocks = azIdsOf(prefix, numbers).map((azId) => subnetCidrForAz(vpc, azId));
        const vpcPrefix = Number(vpc.split("/")[1]);
        for (const block of blocks) {
          expect(inside(block, vpc)).toBe(true);
          expect(checkSourceCidr(block)).toBeUndefined();
          expect(Number(block.split("/")[1])).toBe(vpcPrefix + Math.log2(SUBNET_BLOCKS));
        }
        for (let i = 0; i < blocks.length; i++) {
          for (let j = i + 1; j < blocks.length; j++) expect(overlap(blocks[i]!, blocks[j]!)).toBe(false);
        }
      }),
    );
  });

  it("an AZ's block is block N of the VPC, whatever other AZs exist and in whatever order they come", () => {
    fc.assert(
      fc.property(vpcCidr, regionPrefix, azNumbers(), azNumbers(), (vpc, prefix, some, others) => {
        const alone = new Map(some.map((n) => [n, subnetCidrForAz(vpc, `${prefix}-az${n}`)]));
        // The same AZs planned among others, reversed: each keeps its block.
        const among = [...new Set([...others, ...some])].reverse();
        for (const n of among) {
          const block = subnetCidrForAz(vpc, `${prefix}-az${n}`);
          if (alone.has(n)) expect(block).toBe(alone.get(n));
          const size = range(block).end - range(block).start + 1n;
          expect(range(block).start).toBe(range(vpc).start + BigInt(n - 1) * size);
        }
      }),
    );
  });

  it("has a block exactly for regional AZ IDs numbered 1 to 16", () => {
    fc.assert(
      fc.property(
        vpcCidr,
        fc.oneof(
          fc.tuple(regionPrefix, fc.integer({ min: 0, max: 99 })).map(([p, n]) => `${p}-az${n}`),
          fc.tuple(regionPrefix, fc.integer({ min: 1, max: 9 })).map(([p, n]) => `${p}-bos1-az${n}`),
          fc.string(),
        ),
        (vpc, azId) => {
          const n = azNumber(azId);
          const expected = n !== undefined && n >= 1 && n <= SUBNET_BLOCKS;
          expect(hasSubnetBlock(azId)).toBe(expected);
          if (expected) expect(() => subnetCidrForAz(vpc, azId)).not.toThrow();
          else expect(() => subnetCidrForAz(vpc, azId)).toThrow(RangeError);
        },
      ),
    );
  });
});

describe("the plan of a created VPC (property)", () => {
  const planFor = (vpc: string, account: readonly number[], serviceAzs: readonly number[]) =>
    planAwsPrivateLink(
      "prop",
      checkAwsPrivateLinkArgs("prop", { clusterId: CLUSTER_ID, region: "us-east-1", vpc: { cidrBlock: vpc } }),
      facts({ accountAzIds: azIdsOf("use1", account), service: service("us-east-1", [...serviceAzs]) }),
    );

  it("puts one subnet in each AZ the account and the service share, and an AZ's block never depends on the others", () => {
    fc.assert(
      fc.property(vpcCidr, azNumbers(), azNumbers(), azNumbers(), azNumbers(), (vpc, account1, service1, account2, service2) => {
        fc.pre(checkVpcCidr(vpc) === undefined);
        const shared1 = account1.filter((n) => service1.includes(n));
        const shared2 = account2.filter((n) => service2.includes(n));
        fc.pre(shared1.length > 0 && shared2.length > 0);
        const first = planFor(vpc, account1, service1).subnets;
        const second = planFor(vpc, account2, service2).subnets;

        expect(first.map((s) => s.azId)).toEqual(sortedAzIds(azIdsOf("use1", shared1)));
        for (let i = 0; i < first.length; i++) {
          expect(inside(first[i]!.cidrBlock!, vpc)).toBe(true);
          for (let j = i + 1; j < first.length; j++) expect(overlap(first[i]!.cidrBlock!, first[j]!.cidrBlock!)).toBe(false);
        }
        // An AZ in both plans has the same block in both: adding or dropping AZs replaces no other subnet.
        const blockIn = new Map(second.map((s) => [s.azId, s.cidrBlock]));
        for (const s of first) if (blockIn.has(s.azId)) expect(s.cidrBlock).toBe(blockIn.get(s.azId));
      }),
    );
  });
});

// ---- AZ choice ------------------------------------------------------------------------------------------------------

describe("planZones (property)", () => {
  const azIdList = fc
    .tuple(regionPrefix, fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 12 }))
    .map(([prefix, numbers]) => azIdsOf(prefix, numbers));

  it("sortedAzIds: distinct, sorted by AZ number, regional only, and independent of input order", () => {
    fc.assert(
      fc.property(azIdList, fc.array(fc.constantFrom("use1-bos1-az1", "us-east-1a", "")), (azIds, junk) => {
        const sorted = sortedAzIds([...azIds, ...junk]);
        expect(new Set(sorted).size).toBe(sorted.length);
        expect(new Set(sorted)).toEqual(new Set(azIds));
        for (let i = 1; i < sorted.length; i++) expect(compareAzIds(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
        expect(sortedAzIds([...junk, ...azIds].reverse())).toEqual(sorted);
      }),
    );
  });

  it("subnetAzIds: the account's AZs the service supports (all of them when the service is unknown), order-free", () => {
    fc.assert(
      fc.property(regionPrefix, azNumbers(), fc.option(azNumbers(), { nil: undefined }), (prefix, account, service) => {
        const accountIds = azIdsOf(prefix, account);
        const serviceIds = service && azIdsOf(prefix, service);
        const chosen = subnetAzIds(serviceIds, accountIds);
        const expected = accountIds.filter((azId) => serviceIds === undefined || serviceIds.includes(azId));
        expect(new Set(chosen)).toEqual(new Set(expected));
        expect(chosen).toEqual(sortedAzIds(chosen));
        expect(subnetAzIds(serviceIds && [...serviceIds].reverse(), [...accountIds].reverse())).toEqual(chosen);
      }),
    );
  });
});

// ---- ingress rules --------------------------------------------------------------------------------------------------

describe("planIngressRules (property)", () => {
  const sources = fc.tuple(fc.uniqueArray(cidr(0, 32), { maxLength: 30 }), fc.uniqueArray(securityGroupId, { maxLength: 30 }));

  it("keys are unique, name-safe, one rule per source with exactly one source field", () => {
    fc.assert(
      fc.property(sources, fc.integer({ min: 1, max: 65535 }), ([cidrs, groups], port) => {
        const rules = planIngressRules(cidrs, groups, port);
        expect(rules).toHaveLength(cidrs.length + groups.length);
        expect(new Set(rules.map((r) => r.key)).size).toBe(rules.length);
        for (const rule of rules) {
          expect(rule.key).toMatch(/^[a-z0-9-]+$/);
          expect([rule.cidrIpv4, rule.referencedSecurityGroupId].filter((s) => s !== undefined)).toHaveLength(1);
          expect(rule.description).toContain(`TCP ${port}`);
        }
      }),
    );
  });

  it("each source's rule (key and description) is the same under reordering and whatever other sources exist", () => {
    fc.assert(
      fc.property(sources, sources, ([cidrs, groups], [moreCidrs, moreGroups]) => {
        const byKey = (rules: ReturnType<typeof planIngressRules>) => new Map(rules.map((r) => [r.key, r]));
        const alone = byKey(planIngressRules(cidrs, groups, 26257));
        const shuffled = byKey(
          planIngressRules(
            [...new Set([...moreCidrs, ...cidrs])].reverse(),
            [...new Set([...groups, ...moreGroups])].reverse(),
            26257,
          ),
        );
        for (const [key, rule] of alone) expect(shuffled.get(key)).toEqual(rule);
        expect([...alone.keys()].sort()).toEqual([...cidrs, ...groups].map(ingressRuleKey).sort());
      }),
    );
  });
});

// ---- no shared AZ -------------------------------------------------------------------------------------------------

describe("planOverlap (property)", () => {
  it("the failures name every AZ and subnet involved, on the argument the user can change", () => {
    fc.assert(
      fc.property(regionPrefix, azNumbers(8), azNumbers(8), (prefix, service, account) => {
        const serviceIds = azIdsOf(prefix, service);
        const accountIds = azIdsOf(prefix, account);
        const shared = noSharedAzProblem("us-east-1", serviceIds, accountIds);
        expect(shared).toMatchObject({ argument: "region", value: "us-east-1" });
        for (const azId of [...serviceIds, ...accountIds]) expect(shared.reason).toContain(azId);

        const subnets = accountIds.map((azId, i) => ({ azId, subnetId: `subnet-${String(i).padStart(17, "0")}` }));
        const unsupported = noSupportedSubnetProblem(subnets.map((s) => s.subnetId), subnets, serviceIds);
        expect(unsupported.argument).toBe("vpc.subnetIds");
        for (const s of subnets) expect(unsupported.reason).toContain(`${s.azId} (${s.subnetId})`);
        for (const azId of serviceIds) expect(unsupported.allowed).toContain(azId);
      }),
    );
  });
});
