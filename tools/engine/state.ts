// The stack's state between runs, in a JSON file, like a Pulumi checkpoint: one entry per resource in dependency
// order (a resource after everything it depends on). Secret values are stored encrypted (AES-256-GCM, key from a
// passphrase), as the CLI's passphrase secrets provider does, so the file never holds them in plain text.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { type PropertyMap, SECRET_SIG, SIG_KEY, isSecret } from "./protocol";

export type ProviderKind = "dynamic" | "aws" | "gcp" | "none";

export interface ResourceState {
  urn: string;
  type: string;
  custom: boolean;
  /** "" for components and the stack. */
  id: string;
  parent: string;
  provider: ProviderKind;
  inputs: PropertyMap;
  outputs: PropertyMap;
  dependencies: string[];
}

export interface StackState {
  resources: ResourceState[];
}

const SALT = "crdb-private-endpoints/tools/engine";

export class StateFile {
  private readonly key: Buffer;

  constructor(
    readonly path: string,
    passphrase: string,
  ) {
    this.key = crypto.scryptSync(passphrase, SALT, 32);
  }

  load(): StackState {
    if (!fs.existsSync(this.path)) return { resources: [] };
    const stored = JSON.parse(fs.readFileSync(this.path, "utf8")) as StackState;
    return { resources: stored.resources.map((r) => ({ ...r, inputs: this.decrypt(r.inputs) as PropertyMap, outputs: this.decrypt(r.outputs) as PropertyMap })) };
  }

  save(state: StackState): void {
    const resources = state.resources.map((r) => ({ ...r, inputs: this.encrypt(r.inputs), outputs: this.encrypt(r.outputs) }));
    const tmp = `${this.path}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ resources }, null, 2)}\n`);
    fs.renameSync(tmp, this.path); // a reader (or a crash) never sees half a file
  }

  private encrypt(value: unknown): unknown {
    if (isSecret(value)) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value.value), "utf8"), cipher.final()]);
      return { [SIG_KEY]: SECRET_SIG, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64") };
    }
    return mapValues(value, (v) => this.encrypt(v));
  }

  private decrypt(value: unknown): unknown {
    if (isSecret(value) && typeof (value as { ciphertext?: unknown }).ciphertext === "string") {
      const raw = Buffer.from((value as unknown as { ciphertext: string }).ciphertext, "base64");
      const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      return { [SIG_KEY]: SECRET_SIG, value: JSON.parse(text) as unknown };
    }
    return mapValues(value, (v) => this.decrypt(v));
  }
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map(fn);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)]));
  return value;
}
