// What BENCHMARKS.md records about the run: machine, date, versions, commit.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface RunFacts {
  date: string;
  commit: string;
  machine: string;
  node: string;
  versions: Record<string, string>;
  load: string;
}

export function runFacts(repoDir: string): RunFacts {
  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: repoDir, encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  };
  const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
  const version = (pkg: string) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(repoDir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      return "not installed";
    }
  };
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    commit: `${git("rev-parse", "--short=12", "HEAD")}${dirty ? " (with uncommitted changes)" : ""}`,
    machine: `${cpus.length} x ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    node: process.version,
    versions: {
      ...Object.fromEntries(["@pulumi/pulumi", "@pulumi/aws", "typescript", "tsx"].map((p) => [p, version(p)])),
      "ts-node (the language host's, vendored in @pulumi/pulumi)": vendoredTsNode(repoDir),
    },
    load: os.loadavg().map((l) => l.toFixed(1)).join(", "),
  };
}

function vendoredTsNode(repoDir: string): string {
  try {
    const entry = fs.readdirSync(path.join(repoDir, "node_modules/@pulumi/pulumi/vendor")).find((e) => e.startsWith("ts-node@"));
    return entry?.slice("ts-node@".length) ?? "not found";
  } catch {
    return "not found";
  }
}
