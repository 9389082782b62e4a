// Checks of config keys as a whole, across namespaces: our keys typed into another namespace (or a namespace typed
// wrong), the Cloud API key kept in plain text, and encrypted values where plain text is expected. The zod schema
// only sees our own namespace; these are the mistakes it cannot see.
import type { ConfigIssue } from "./errors";
import { closest, editDistance } from "./similar";

/** Config of the CockroachDB Cloud API (the official provider's namespace), read by this package. */
export const API_KEY = "cockroach:apikey";
const COCKROACH_KEYS = ["apikey", "server"];
const GENERIC_KEYS = ["vpc", "port", "tags", "regions", "connection"];
/** The gcp keys this program reads (the GCP paths); every other gcp:* key is the GCP provider's business. */
const GCP_KEYS = ["region", "project"];

export interface KeyScan {
  issues: ConfigIssue[];
  warnings: string[];
}

/** A key name that may hold a credential: its value is never printed. */
export function looksSecret(name: string): boolean {
  return /key|password|passwd|secret|token|credential/i.test(name);
}

/**
 * @param raw config as the runtime holds it (`namespace:key` -> text)
 * @param secretKeys keys whose values are encrypted in the stack file (`secure:`)
 * @param namespace the program's namespace
 * @param known the program's top-level keys
 */
export function scanKeys(
  raw: Readonly<Record<string, string>>,
  secretKeys: ReadonlySet<string>,
  namespace: string,
  known: readonly string[],
): KeyScan {
  const scan: KeyScan = { issues: [], warnings: [] };
  const keys = new Set([...Object.keys(raw), ...secretKeys]);
  for (const key of [...keys].sort()) {
    const colon = key.indexOf(":");
    if (colon <= 0) continue;
    const [ns, name] = [key.slice(0, colon), key.slice(colon + 1)];
    const present = key in raw;
    const secret = secretKeys.has(key);
    if (ns === namespace) {
      if (secret && known.includes(name)) encryptedPlainSetting(scan, key, present);
    } else if (key === API_KEY) {
      if (present && !secret) scan.issues.push(plainApiKey());
    } else {
      const meant = ourKeyMeant(ns, name, namespace, known);
      if (meant !== undefined) {
        scan.issues.push({
          key,
          value: present ? decode(raw[key] as string) : undefined,
          reason: `is not a key this program reads (did you mean "${meant}"?)`,
          allowed: `${meant}; this program reads ${namespace}:*, aws:region, gcp:region, gcp:project and ${API_KEY}`,
          hidden: secret || looksSecret(name) || meant === API_KEY,
        });
      }
    }
  }
  return scan;
}

/** Which of our keys `ns:name` looks like a typo of, if any. Other namespaces' real keys are left alone. */
function ourKeyMeant(ns: string, name: string, namespace: string, known: readonly string[]): string | undefined {
  if (ns === "aws") {
    // Only the one aws key this program depends on; every other aws:* key is the AWS provider's business.
    return name !== "region" && editDistance(name.toLowerCase(), "region") <= 2 ? "aws:region" : undefined;
  }
  if (ns === "gcp") {
    const close = closest(name, GCP_KEYS);
    return close === undefined || close === name ? undefined : `gcp:${close}`;
  }
  if (ns === "cockroach") {
    const close = closest(name, COCKROACH_KEYS);
    return close === undefined || close === name ? undefined : `cockroach:${close}`;
  }
  const nearNamespace = ns.toLowerCase() === namespace || editDistance(ns.toLowerCase(), namespace) <= 3;
  const ours = closest(name, known);
  if (nearNamespace) return `${namespace}:${ours ?? name}`;
  // Another namespace altogether, with exactly one of our distinctive keys in it (e.g. a project renamed in the stack
  // file). Generic names such as tags or port are other packages' keys too, and left alone.
  return ours === name && !GENERIC_KEYS.includes(name) ? `${namespace}:${name}` : undefined;
}

function encryptedPlainSetting(scan: KeyScan, key: string, present: boolean): void {
  const why =
    "it is not a secret, and encrypted it shows as [secret] in every preview and cannot be read by `npm run plan`";
  const fix = `plain text: \`pulumi config rm ${key}\`, then \`pulumi config set ${key} <value>\` (no --secret)`;
  if (present) {
    scan.warnings.push(`${key} is encrypted (secure:) in the stack file, which it need not be: ${why}. Store it as ${fix}.`);
  } else {
    scan.issues.push({ key, value: undefined, reason: `is encrypted (secure:), which it need not be: ${why}`, allowed: fix, hidden: true });
  }
}

function plainApiKey(): ConfigIssue {
  return {
    key: API_KEY,
    value: undefined,
    hidden: true,
    reason:
      "is in plain text in the stack file: anyone who can read the file or its repository history has the key",
    allowed:
      `an encrypted value: \`pulumi config rm ${API_KEY}\`, then \`pulumi config set --secret ${API_KEY} <key>\` ` +
      "(or COCKROACH_API_KEY in the environment); and since the key was exposed, rotate it: create a new key for " +
      "the service account in the CockroachDB Cloud Console (Organization > Access Management > Service Accounts) " +
      "and delete the old one",
  };
}

function decode(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
