// The recorded registrations of a program run as scheduler tasks: each custom resource takes its modelled latency
// and waits for the custom resources it depends on. A dependency on a component means its custom descendants, as
// the Pulumi SDK expands it.
import type { RecordedResource } from "../../tools/mocks/recorder";
import { latencyOf, type ServicesScenario } from "./latencyModel";
import type { Task } from "./scheduler";

export function tasksOf(resources: readonly RecordedResource[], scenario: ServicesScenario): Task[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string, RecordedResource[]>();
  for (const r of resources) {
    if (r.parentUrn) children.set(r.parentUrn, [...(children.get(r.parentUrn) ?? []), r]);
  }
  const customUnder = (urn: string): string[] => {
    const r = byUrn.get(urn);
    if (!r) return [];
    if (r.custom) return [urn];
    return (children.get(urn) ?? []).flatMap((c) => customUnder(c.urn));
  };
  return resources
    .filter((r) => r.custom)
    .map((r) => ({
      id: r.urn,
      durationS: latencyOf(r.type, scenario).seconds,
      deps: [...new Set(r.dependencyUrns.flatMap(customUnder))].filter((d) => d !== r.urn),
    }));
}

/** `type name` of a URN, for printing a critical path. */
export function shortName(urn: string): string {
  const parts = urn.split("::");
  const type = (parts[2] ?? "").split("$").at(-1) ?? "";
  return `${type.split(":").at(-1)} ${parts[3] ?? urn}`;
}
