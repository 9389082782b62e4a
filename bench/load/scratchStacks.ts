// Stack files the load benchmarks point the plan (and the language host) at: written to a scratch directory as
// Pulumi.<stack>.yaml, from the same configs the deploy bench uses.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** Writes `Pulumi.<stack>.yaml` for each config into a new temporary directory and returns it. */
export function writeStackFiles(stacks: Record<string, Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-stacks-"));
  for (const [stack, config] of Object.entries(stacks)) {
    const document = { config: Object.fromEntries(Object.entries(config).map(([key, text]) => [key, parsed(text)])) };
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml.dump(document));
  }
  return dir;
}

/** The runtime holds structured values as JSON text and plain strings as themselves. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
