// Which availability zones get a subnet and an endpoint network interface. Zones are named by AZ *ID* (use1-az1),
// which is the same in every AWS account, never by AZ name (us-east-1a), which each account maps differently.

import { azNumber } from "../core/checks";

function isRegionalAzId(azId: string): boolean {
  return azNumber(azId) !== undefined;
}

/** Orders AZ IDs by their number (use1-az2 before use1-az10), then as text. */
export function compareAzIds(a: string, b: string): number {
  return (azNumber(a) ?? Infinity) - (azNumber(b) ?? Infinity) || a.localeCompare(b);
}

/** Distinct regional AZ IDs, sorted. */
export function sortedAzIds(azIds: Iterable<string>): string[] {
  return [...new Set(azIds)].filter(isRegionalAzId).sort(compareAzIds);
}

/**
 * The AZ IDs that get a subnet in a VPC the component creates: those the endpoint service supports and the
 * account has. Without a service yet (an ADVANCED cluster whose services are still to be created), every AZ of
 * the account: the endpoint's subnets are then narrowed to the service's AZs at deploy time.
 */
export function subnetAzIds(serviceAzIds: readonly string[] | undefined, accountAzIds: readonly string[]): string[] {
  const account = sortedAzIds(accountAzIds);
  if (serviceAzIds === undefined) return account;
  const supported = new Set(serviceAzIds);
  return account.filter((azId) => supported.has(azId));
}
