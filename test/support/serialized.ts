// Runs a dynamic provider the way the Pulumi engine does: from the text of its serialized closure, loaded into a
// fresh module with nothing of ours in scope. Tests drive this form, not only the in-process object.
import * as pulumi from "@pulumi/pulumi";

export interface SerializedProvider<P> {
  /** The serialized source, as stored in state under `__provider`. */
  text: string;
  /** The provider deserialized from `text`, as the engine's dynamic-provider host builds it. */
  provider: P;
}

export async function serializeProvider<P extends object>(provider: P): Promise<SerializedProvider<P>> {
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
  const requireFromString = require("require-from-string") as (code: string, filename?: string) => { handler: () => P };
  // The engine loads the text relative to the program directory, so package requires resolve from here.
  return { text, provider: requireFromString(text, `${process.cwd()}/__provider.js`).handler() };
}
