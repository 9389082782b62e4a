// Problems with the arguments of a GCP component, in the project's one message format (`key = value: reason.
// Allowed: ...`), collected and thrown all at once before anything registers.
import * as pulumi from "@pulumi/pulumi";
import { allowedBy, type Check } from "../core/checks";
import { describeProblem, type Problem, ProblemList } from "../core/problem";

/** One rejected argument of a GCP component: the library's {@link Problem}. */
export type ArgumentProblem = Problem;

/** The arguments of a GCP component (or the facts looked up for them) cannot work. A `RunError`: no stack trace. */
export class GcpArgumentError extends pulumi.RunError {
  constructor(
    /** The component's type name, e.g. `GcpPrivateServiceConnect`. */
    readonly component: string,
    /** The component's resource name. */
    readonly resourceName: string,
    readonly problems: ArgumentProblem[],
  ) {
    super(
      `${component} "${resourceName}": ` +
        (problems.length === 1 ? "" : `${problems.length} problems:\n  `) +
        problems.map((p) => describeProblem(p.argument, p)).join("\n  "),
    );
    this.name = "GcpArgumentError";
  }
}

/**
 * The library's problem collector for one GCP component: throws a `GcpArgumentError`. The field checks below add to
 * it and return what was valid.
 */
export class GcpProblems extends ProblemList {
  constructor(private readonly component: string) {
    super();
  }

  override throwIfAny(resourceName: string | ((problems: Problem[]) => Error)): void {
    super.throwIfAny(typeof resourceName === "string" ? (problems) => new GcpArgumentError(this.component, resourceName, problems) : resourceName);
  }

  /** A string passing `check`; `required` says whether absence is a problem. */
  string(argument: string, value: unknown, check: Check<string>, required = false): string | undefined {
    if (value === undefined) {
      if (required) this.add(argument, value, "is required", allowedBy(check));
      return undefined;
    }
    if (typeof value !== "string") {
      this.add(argument, value, "not a string", allowedBy(check));
      return undefined;
    }
    const invalid = check(value);
    if (invalid) {
      this.add(argument, value, invalid.reason, invalid.allowed);
      return undefined;
    }
    return value;
  }

  boolean(argument: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    this.add(argument, value, "not a boolean", "true or false");
    return fallback;
  }

  /** A map whose keys and values pass their checks. */
  labels(argument: string, value: unknown, checkKey: Check<string>, checkValue: Check<string>): Record<string, string> {
    if (value === undefined) return {};
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.add(argument, value, "not a map", "a map of label keys to string values");
      return {};
    }
    const labels: Record<string, string> = {};
    for (const [key, labelValue] of Object.entries(value as Record<string, unknown>)) {
      const badKey = checkKey(key);
      if (badKey) this.add(argument, key, badKey.reason, badKey.allowed);
      const badValue = typeof labelValue === "string" ? checkValue(labelValue) : { reason: "not a string", allowed: "a string" };
      if (badValue) this.add(`${argument}.${key}`, labelValue, badValue.reason, badValue.allowed);
      if (!badKey && !badValue) labels[key] = labelValue as string;
    }
    return labels;
  }

  /** Keys of `value` that are not in `known`. */
  unknownKeys(argument: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.add(argument ? `${argument}.${key}` : key, value[key], "unknown field", known.join(", "));
    }
  }
}

/** A lookup failed: names the argument it was for. */
export class GcpLookupError extends pulumi.RunError {
  constructor(
    readonly argument: string,
    readonly value: unknown,
    cause: unknown,
  ) {
    const detail = (cause as Error)?.message || "the lookup gave no reason (check that it exists, and the provider's project and credentials)";
    super(`looking up ${argument} = ${JSON.stringify(value)} failed: ${detail}`);
    this.name = "GcpLookupError";
    this.cause = cause;
  }
}
