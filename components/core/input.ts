// Whether an input is known when a component plans. During `pulumi preview`, an output of a resource that the same
// deployment creates (or replaces) has no value yet, and `apply` simply never runs its callback; a component that
// shapes its graph from the value must tell "unknown" from "not resolved yet" to plan conservatively instead of
// waiting forever. During `pulumi up` every output resolves, so the same code then gets the value.
import * as pulumi from "@pulumi/pulumi";

/** An input's value at plan time, or the fact that it has none yet. */
export type Resolved<T> = { known: true; value: T } | { known: false };

/** The Output internals this needs (@pulumi/pulumi 3.270's `OutputImpl`), in one place so an upgrade that changes them breaks here. */
interface OutputInternals {
  isKnown: Promise<boolean>;
  promise(withUnknowns: boolean): Promise<unknown>;
}

/**
 * Resolves `input`: a plain value or a promise is known; an `Output` is known unless Pulumi marks it unknown
 * (preview, value not computed yet). Awaits the value, so during `up` it waits for the resource behind it.
 */
export async function resolveInput<T>(input: pulumi.Input<T>): Promise<Resolved<T>> {
  if (!pulumi.Output.isInstance(input)) return { known: true, value: await input };
  // The SDK exposes known-ness publicly only through `apply` (which does not run when unknown), so it is read from
  // the output itself; a missing field would read as "known", so that is checked first.
  const output = input as unknown as Partial<OutputInternals>;
  if (!(output.isKnown instanceof Promise) || typeof output.promise !== "function") {
    throw new Error("resolveInput: this @pulumi/pulumi Output has no isKnown/promise; update components/core/input.ts");
  }
  const [known, value] = await Promise.all([output.isKnown, output.promise(true)]);
  if (!known || pulumi.containsUnknowns(value)) return { known: false };
  return { known: true, value: value as T };
}
