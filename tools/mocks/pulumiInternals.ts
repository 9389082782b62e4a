// The two internal (untyped) parts of @pulumi/pulumi 3.270 the plan relies on, in one place so an upgrade that
// changes them breaks here, visibly.
import * as pulumi from "@pulumi/pulumi";

/** Resolves once every resource registration started so far has reached the (mock) monitor. */
export function waitForRegistrations(): Promise<void> {
  return (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** An output's value, with `pulumi.unknown` where a part is unknown at preview (where `apply` would never run). */
export function valueWithUnknowns(output: pulumi.Output<unknown>): Promise<unknown> {
  return (output as unknown as { promise(withUnknowns: boolean): Promise<unknown> }).promise(true);
}
