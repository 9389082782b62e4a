import { describe, expect, it } from "vitest";
import { SUBNET_BLOCKS, subnetCidrForAz } from "../../../components/aws/planCidrs";

describe("subnetCidrForAz: block N of 16 for the AZ ID ending in -azN", () => {
  it("cuts a /16 into /20s, placed by the AZ number", () => {
    expect(subnetCidrForAz("10.40.0.0/16", "use1-az1")).toBe("10.40.0.0/20");
    expect(subnetCidrForAz("10.40.0.0/16", "use1-az2")).toBe("10.40.16.0/20");
    expect(subnetCidrForAz("10.40.0.0/16", "use1-az4")).toBe("10.40.48.0/20");
    expect(subnetCidrForAz("10.40.0.0/16", "use1-az6")).toBe("10.40.80.0/20");
  });

  it("sizes the blocks from the VPC prefix, down to AWS's smallest subnet (/28 of a /24)", () => {
    expect(subnetCidrForAz("172.16.8.0/21", "apse2-az3")).toBe("172.16.9.0/25");
    expect(subnetCidrForAz("192.168.7.0/24", "euw1-az1")).toBe("192.168.7.0/28");
    expect(subnetCidrForAz("192.168.7.0/24", "euw1-az16")).toBe("192.168.7.240/28");
  });

  it("depends only on the VPC CIDR and the AZ's own ID: adding an AZ moves no other subnet", () => {
    const before = ["use1-az1", "use1-az4"].map((z) => subnetCidrForAz("10.0.0.0/16", z));
    const after = ["use1-az1", "use1-az2", "use1-az4"].map((z) => subnetCidrForAz("10.0.0.0/16", z));
    expect(after).toEqual([before[0], "10.0.16.0/20", before[1]]);
  });

  it("gives distinct, non-overlapping blocks inside the VPC", () => {
    const blocks = Array.from({ length: SUBNET_BLOCKS }, (_, i) => subnetCidrForAz("10.1.0.0/16", `use1-az${i + 1}`));
    expect(new Set(blocks).size).toBe(SUBNET_BLOCKS);
    expect(blocks.at(-1)).toBe("10.1.240.0/20");
  });

  it("refuses AZ IDs the rule has no block for", () => {
    expect(() => subnetCidrForAz("10.0.0.0/16", "use1-az17")).toThrow(/no block/);
    expect(() => subnetCidrForAz("10.0.0.0/16", "us-east-1a")).toThrow(/no block/);
    expect(() => subnetCidrForAz("10.0.0.0/16", "use1-bos1-az1")).toThrow(/no block/);
  });
});
