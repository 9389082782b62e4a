// Every dynamic resource serializes its provider's code (`__provider`) when constructed: about two seconds for the
// program's three providers, most of the plan's time. The plan never runs a provider and never prints that code,
// so it replaces the serializer with a stub. The providers' own tests serialize them for real.
const PLACEHOLDER = "(provider code: not serialized by the offline plan)";

export function skipProviderSerialization(): void {
  const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
    serializeFunction: (...args: unknown[]) => Promise<unknown>;
  };
  closure.serializeFunction = async () => ({ text: PLACEHOLDER, exportName: "handler", containsSecrets: false });
}
