// A region entry names a region of some cloud; which cloud (and so which path) its code says. AWS codes end in
// "-<number>" (us-east-1), GCP codes end in a number glued to the last word (us-central1, europe-west4). The path's
// own checks then hold the code to that cloud's rules.
import { type Check, checkAwsRegion } from "../../components/core/checks";

const GCP_REGION = /^[a-z]+(-[a-z]+)*-[a-z]+\d{1,2}$/;

export type RegionCloud = "aws" | "gcp";

/** The cloud whose region code `region` is, or undefined for a code of neither. */
export function regionCloud(region: string): RegionCloud | undefined {
  if (checkAwsRegion(region) === undefined) return "aws";
  return GCP_REGION.test(region) ? "gcp" : undefined;
}

export const checkRegionCode: Check<string> = (value) =>
  regionCloud(value) === undefined
    ? { reason: "not a region code", allowed: "a region code such as us-east-1 (AWS) or us-central1 (GCP)" }
    : undefined;
