// What providers hand back to the engine. Two rules, both from running under the real dynamic-provider host:
// - no `undefined` property values: the host turns results into a protobuf Struct, which cannot hold `undefined`
//   (the engine then shows "Unexpected struct type." instead of our result or check failure);
// - a create that made something and then failed reports the ID and what it knows (ErrorResourceInitFailed, which
//   the host sends when the thrown error has an `id`), so state keeps the entry and `pulumi destroy` removes it.

/** A copy without `undefined` values, at any depth of plain objects and arrays (array holes become null). */
export function definedOnly<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : definedOnly(item))) as T;
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) out[key] = definedOnly(item);
  }
  return out as T;
}

/**
 * The error for a create that got as far as making the entry: the original message, plus the `id` and `properties`
 * the dynamic-provider host reports as a partial create. `inputs` are the create's inputs as the host passed them:
 * their `__provider` (the serialized provider) goes into the properties, or the host could not run the later
 * delete. A plain Error with fields, so it survives serialization (docs/design.md).
 */
export function partialCreateError(err: unknown, id: string, outputs: object, inputs: object): Error {
  const message = (err as { message?: unknown })?.message;
  const text = typeof message === "string" && message !== "" ? message : String(err);
  const provider = (inputs as { __provider?: unknown }).__provider;
  const properties = definedOnly({ ...outputs, ...(provider === undefined ? {} : { __provider: provider }) });
  const partial = new Error(
    `${text} The entry was created (ID ${id}) and is recorded in the state, so a later update continues from it and ` +
      `\`pulumi destroy\` removes it.`,
  );
  return Object.assign(partial, { id, properties, reasons: [text] });
}
