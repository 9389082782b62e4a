// The four checks of `npm run verify` and what each reports.

export type StepName = "dns" | "tcp" | "tls" | "sql";

export const STEP_TITLES: Record<StepName, string> = {
  dns: "DNS: the host resolves to private addresses only",
  tcp: "TCP: the port is reachable",
  tls: "TLS: 1.2 or 1.3, certificate verified for the host (verify-full)",
  sql: "SQL: SELECT 1",
};

export interface StepResult {
  step: StepName;
  status: "pass" | "fail" | "skipped";
  /** One line each: what was seen (addresses, certificate names, the reason of a failure). */
  details: string[];
  /** On failure: what usually causes it and where to look (the README's Verify section has one entry per step). */
  hint?: string;
}

export function pass(step: StepName, details: string[]): StepResult {
  return { step, status: "pass", details };
}

export function fail(step: StepName, details: string[], hint: string): StepResult {
  return { step, status: "fail", details, hint };
}

export function skipped(step: StepName, because: StepName): StepResult {
  return { step, status: "skipped", details: [`not run: the ${because.toUpperCase()} step failed`] };
}
