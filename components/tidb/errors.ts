import * as pulumi from "@pulumi/pulumi";
import { type ArgumentProblem, describeProblem } from "../aws/errors";

/** The arguments of a `TidbPrivateLink` (or the facts looked up for them) cannot work; thrown before anything registers. */
export class TidbPrivateLinkArgumentError extends pulumi.RunError {
  constructor(
    readonly resourceName: string,
    readonly problems: ArgumentProblem[],
  ) {
    super(
      `TidbPrivateLink "${resourceName}": ` +
        (problems.length === 1 ? "" : `${problems.length} problems:\n  `) +
        problems.map((p) => describeProblem(p.argument, p)).join("\n  "),
    );
    this.name = "TidbPrivateLinkArgumentError";
  }
}
