// Cluster-level stack config: settings of the one cluster a stack connects to, beside the per-region settings (a
// stack is one cluster). They are not region defaults, so a `regions` entry cannot override them.
import { z } from "zod";
import { allowedBy, type Check, checkAwsAccountId, checkSourceCidr } from "../../components/core/checks";

/** The highest per-plan allowlist limit (Advanced on GCP/Azure); the cluster's own limit is checked after lookup. */
export const ALLOWLIST_ENTRIES_MAX = 200;

/**
 * Documented allowlist entry limits per cluster: Advanced (dedicated) on AWS 20, on GCP/Azure 200; Basic and
 * Standard (serverless) 50.
 */
export function allowlistLimit(plan: string, cloudProvider: string): number {
  if (plan === "ADVANCED") return cloudProvider === "AWS" ? 20 : 200;
  return 50;
}

/** The acknowledgement key without which `0.0.0.0/0` is refused. */
export const OPEN_TO_INTERNET_KEY = "allowlistOpenToInternet";
/** Remove the cluster's `0.0.0.0/0` entry once every region's private path is ready. */
export const REMOVE_DEFAULT_KEY = "removeDefaultAllowlistEntry";
export const ANYWHERE = "0.0.0.0/0";

const ENTRY_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
const ENTRY_NAME_ALLOWED = "a name of 1 to 32 lower-case letters, digits and inner dashes, such as office or vpn-eu";

const ACCOUNT_ALLOWED = allowedBy(checkAwsAccountId);

// CockroachDB SQL identifiers as the Cloud Console creates them; anything else is unusual enough to be a typo.
const SQL_NAME = /^[a-z_][a-z0-9_.-]{0,62}$/;

/** Root-CA file of the system trust store per OS family, for clusters whose certificate a public CA signs. */
export const SYSTEM_ROOT_CERTS: Readonly<Record<string, string>> = {
  debian: "/etc/ssl/certs/ca-certificates.crt",
  ubuntu: "/etc/ssl/certs/ca-certificates.crt",
  arch: "/etc/ssl/certs/ca-certificates.crt",
  alpine: "/etc/ssl/cert.pem",
  macos: "/etc/ssl/cert.pem",
  redhat: "/etc/pki/tls/certs/ca-bundle.crt",
  fedora: "/etc/pki/tls/certs/ca-bundle.crt",
  centos: "/etc/pki/tls/certs/ca-bundle.crt",
  opensuse: "/etc/ssl/ca-bundle.pem",
  // Windows has no such file: the user downloads ISRG Root X1 (https://letsencrypt.org/certs/isrgrootx1.pem).
  windows: "isrgrootx1.pem",
};

export const DEFAULT_DATABASE = "defaultdb";
export const DEFAULT_OS = "debian";

function issue(ctx: z.RefinementCtx, path: PropertyKey[], reason: string, allowed: string): void {
  ctx.addIssue({ code: "custom", path, message: allowed, params: { reason } });
}

function checked(check: Check<string>, allowed: string) {
  return z.string({ error: allowed }).superRefine((value, ctx) => {
    const invalid = check(value);
    if (invalid) issue(ctx, [], invalid.reason, invalid.allowed);
  });
}

const allowlistEntry = z.strictObject(
  {
    cidr: checked(checkSourceCidr, "an IPv4 CIDR block such as 203.0.113.0/24"),
    sql: z.boolean({ error: "true or false" }).optional(),
    ui: z.boolean({ error: "true or false" }).optional(),
  },
  { error: "a map with cidr, and optionally sql (default true) and ui (default false)" },
);

/** Allowlist entries keyed by a stable name: the name is the resource's and the entry's, so edits never rename. */
const allowlist = z
  .record(z.string(), allowlistEntry, { error: "a map of entry names to { cidr, sql, ui }" })
  .superRefine((entries, ctx) => {
    const names = Object.keys(entries);
    if (names.length > ALLOWLIST_ENTRIES_MAX) {
      issue(ctx, [], `has ${names.length} entries`, `at most ${ALLOWLIST_ENTRIES_MAX} (the highest limit of any plan)`);
    }
    const firstByCidr = new Map<string, string>();
    for (const name of names) {
      const entry = entries[name] as { cidr: string; sql?: boolean; ui?: boolean };
      if (!ENTRY_NAME.test(name)) issue(ctx, [name], "is not a usable entry name", ENTRY_NAME_ALLOWED);
      const first = firstByCidr.get(entry.cidr);
      if (first !== undefined) {
        issue(ctx, [name, "cidr"], `is listed twice (also allowlist.${first}.cidr)`, "each CIDR block in one entry");
      } else {
        firstByCidr.set(entry.cidr, name);
      }
      if (entry.sql === false && entry.ui !== true) {
        issue(ctx, [name], "allows neither SQL nor the DB Console", "sql: true, ui: true or both; or remove the entry");
      }
    }
  });

const accountId = z.string({ error: ACCOUNT_ALLOWED }).superRefine((value, ctx) => {
  if (value === "*") {
    issue(ctx, [], "would trust every AWS account, which is no restriction at all", ACCOUNT_ALLOWED);
  } else {
    const invalid = checkAwsAccountId(value);
    if (invalid) issue(ctx, [], invalid.reason, invalid.allowed);
  }
});

const trustedOwners = z
  .array(accountId, { error: `a list, each ${ACCOUNT_ALLOWED}` })
  .min(1, { error: "at least one account; remove the key to leave trusted owners alone" })
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) issue(ctx, [i], `is listed twice (also trustedOwners[${ids.indexOf(id)}])`, "each account once");
    });
  });

const sqlName = (what: string) =>
  z.string({ error: `a SQL ${what} name` }).superRefine((value, ctx) => {
    if (!SQL_NAME.test(value)) {
      issue(ctx, [], `is not a SQL ${what} name`, "lower-case letters, digits, _, . and - starting with a letter or _, at most 63");
    }
  });

const connection = z.strictObject(
  {
    user: sqlName("user").optional(),
    database: sqlName("database").optional(),
    os: z
      .string({ error: `one of ${Object.keys(SYSTEM_ROOT_CERTS).join(", ")}` })
      .superRefine((value, ctx) => {
        if (!(value in SYSTEM_ROOT_CERTS)) {
          issue(ctx, [], "is not a supported OS family", `one of ${Object.keys(SYSTEM_ROOT_CERTS).join(", ")}`);
        }
      })
      .optional(),
    sslRootCert: z
      .string({ error: "a file path" })
      .superRefine((value, ctx) => {
        if (value.trim() === "" || /[\s&?#]/.test(value)) {
          issue(ctx, [], "is not a usable file path here", "a file path without spaces, &, ? or #");
        }
      })
      .optional(),
  },
  { error: "a map with user, database, os and sslRootCert (all optional)" },
);

/** Cluster-level keys: top level only. */
export const clusterSettings = {
  allowlist: allowlist.optional(),
  [OPEN_TO_INTERNET_KEY]: z.boolean({ error: "true or false" }).optional(),
  [REMOVE_DEFAULT_KEY]: z.boolean({ error: "true or false" }).optional(),
  trustedOwners: trustedOwners.optional(),
  connection: connection.optional(),
};

export const CLUSTER_LEVEL_KEYS = Object.keys(clusterSettings);

export interface AllowlistEntryConfig {
  cidr: string;
  sql?: boolean;
  ui?: boolean;
}

export interface ConnectionConfig {
  user?: string;
  database?: string;
  os?: string;
  sslRootCert?: string;
}
