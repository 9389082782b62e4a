// Who owns a cloud entry. A resource that found its entry already there (another stack's, the Console's, or one left
// by a rename without an alias) adopts it and records `adopted: true`; its delete leaves the entry in place with a
// warning, unless the user set `deleteAdopted`. Entries this resource created are removed on delete as before.
// State written before this rule has no `adopted`: it counts as created, which is what those resources did then.

export interface Ownership {
  /** True when the entry existed before this resource and was adopted rather than created. */
  adopted?: boolean;
  /** Remove an adopted entry on delete too. @default false */
  deleteAdopted?: boolean;
}

/** Whether delete must leave the entry alone; says so through `report` when it does. */
export function leaveAdopted(
  props: Ownership | undefined,
  what: string,
  resource: string,
  report: (line: string) => void,
): boolean {
  if (props?.adopted !== true || props.deleteAdopted === true) return false;
  report(
    `${resource}: leaving the ${what} in place: it existed before this resource, which adopted it. Set ` +
      `deleteAdopted: true on the resource to remove it on delete.`,
  );
  return true;
}

/** What adopting `existing` with the wanted flags changes, in words, or undefined when nothing differs. */
export function adoptionDiffers(existing: object, wanted: object): string | undefined {
  const before = existing as Record<string, unknown>;
  const changes = Object.entries(wanted)
    .filter(([key, value]) => value !== undefined && before[key] !== value)
    .map(([key, value]) => `${key} ${JSON.stringify(before[key])} -> ${JSON.stringify(value)}`);
  return changes.length === 0 ? undefined : `it changes ${changes.join(", ")} (whoever else manages this entry sees that)`;
}
