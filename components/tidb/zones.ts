// The availability zones of TiDB's endpoint service. The API's `availabilityZone` list is documented as "AZ IDs" but
// not proven to be, and a user copying from the console may write names: each entry is taken as an AZ ID when it
// is one of the region (use1-az4), else as an AZ name (us-east-1a) mapped to its ID with the account's own mapping
// (names map to different zones in each account). Pure: the account's zones are looked up beforehand.
import type { ArgumentProblem } from "../aws/errors";
import { compareAzIds } from "../aws/planZones";
import { awsAzIdPrefix, azNumber } from "../core/checks";

/** The region's zones as the account sees them: `names[i]` is the zone whose ID is `zoneIds[i]`. */
export interface AccountZones {
  zoneIds: string[];
  names: string[];
}

/**
 * The service's AZ IDs, sorted and distinct, and a problem for each entry that is neither an AZ ID of `region` nor
 * the name of one of the account's zones there. `argument` names the setting, e.g. `service.availabilityZones`.
 */
export function serviceAzIdsOf(
  argument: string,
  given: readonly string[],
  region: string,
  account: AccountZones,
): { azIds: string[]; problems: ArgumentProblem[] } {
  const prefix = `${awsAzIdPrefix(region)}-az`;
  const byName = new Map(account.names.map((name, i) => [name, account.zoneIds[i]]));
  const azIds = new Set<string>();
  const problems: ArgumentProblem[] = [];
  given.forEach((entry, i) => {
    if (entry.startsWith(prefix) && azNumber(entry) !== undefined) {
      azIds.add(entry);
      return;
    }
    const id = byName.get(entry);
    if (id !== undefined) {
      azIds.add(id);
      return;
    }
    problems.push({
      argument: `${argument}[${i}]`,
      value: entry,
      reason: `neither an AZ ID of ${region} (${prefix}N) nor the name of one of this account's zones there`,
      allowed:
        `an AZ ID such as ${prefix}1, or one of the account's AZ names in ${region}: ` +
        (account.names.join(", ") || "(none available)"),
    });
  });
  return { azIds: [...azIds].sort(compareAzIds), problems };
}
