import { describe, expect, it } from "vitest";
import { azNumber } from "../../../components/core/checks";
import { compareAzIds, subnetAzIds } from "../../../components/aws/planZones";

describe("AZ selection", () => {
  it("keeps the AZ IDs both the endpoint service and the account have, in AZ-number order", () => {
    expect(subnetAzIds(["use1-az4", "use1-az1", "use1-az2"], ["use1-az2", "use1-az3", "use1-az1", "use1-az4"])).toEqual([
      "use1-az1",
      "use1-az2",
      "use1-az4",
    ]);
  });

  it("is empty when they share none", () => {
    expect(subnetAzIds(["use1-az5", "use1-az6"], ["use1-az1", "use1-az2"])).toEqual([]);
  });

  it("takes every account AZ while the service's AZs are unknown", () => {
    expect(subnetAzIds(undefined, ["use1-az3", "use1-az1"])).toEqual(["use1-az1", "use1-az3"]);
  });

  it("ignores Local Zone IDs and duplicates", () => {
    expect(subnetAzIds(undefined, ["use1-bos1-az1", "use1-az1", "use1-az1"])).toEqual(["use1-az1"]);
  });

  it("orders by number, not text", () => {
    expect(["use1-az10", "use1-az2"].sort(compareAzIds)).toEqual(["use1-az2", "use1-az10"]);
    expect(azNumber("apse2-az3")).toBe(3);
    expect(azNumber("us-east-1a")).toBeUndefined();
  });
});
