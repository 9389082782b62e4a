/**
 * The inputs a `read` hands back for later diffs (pulumi/pulumi#21315). The SDK types them as the outputs type,
 * but the engine takes the input subset, which is what we return.
 */
export function readInputs<Outputs>(inputs: Partial<Outputs>): Outputs {
  return inputs as Outputs;
}
