// The real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, what the CLI runs as
// `pulumi-resource-pulumi-nodejs`), started as a child process and driven over gRPC the way the engine drives it:
// Configure with the stack config, then Check / Diff / Create / Read / Update / Delete with the serialized provider
// in `__provider`. Each resource's provider runs there from its serialized text alone.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import {
  grpc,
  objectToStruct,
  type PropertyMap,
  ProviderClient,
  providerProto,
  secret,
  structToObject,
  unary,
} from "./protocol";

export interface DiffResult {
  changes: boolean | undefined;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: { property: string; reason: string }[];
}

export class ProviderHostError extends Error {
  constructor(
    readonly operation: string,
    readonly urn: string,
    message: string,
  ) {
    super(`${operation} ${urn}: ${message}`);
    this.name = "ProviderHostError";
  }
}

export interface ProviderHostOptions {
  /** Project directory: the host runs there, so serialized providers `require` the project's packages. */
  dir: string;
  /** Engine address handed to the host as its one argument. */
  engineAddress: string;
  env?: Record<string, string | undefined>;
}

export class DynamicProviderHost {
  /** Everything the host wrote to stderr (provider progress lines, errors). */
  stderr = "";
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: grpc.Client,
  ) {}

  static async start(options: ProviderHostOptions): Promise<DynamicProviderHost> {
    const script = createRequire(path.join(options.dir, "package.json")).resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key === "NODE_OPTIONS" || key.startsWith("VITEST")) delete env[key];
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    const child = spawn(process.execPath, [script, options.engineAddress], { cwd: options.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        const line = /^(\d+)\s*$/m.exec(out);
        if (line) resolve(Number(line[1]));
      });
      child.on("error", reject);
      child.on("exit", (code) => reject(new Error(`the dynamic-provider host exited (${code}) before announcing its port`)));
    });
    const client = new ProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new DynamicProviderHost(child, client);
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (host.stderr += chunk));
    return host;
  }

  /** The OS process id, e.g. to kill the host mid-operation in a test. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Configure with the whole stack config, as the engine does for `pulumi-nodejs`; secrets stay wrapped. */
  async configure(config: Record<string, string>, secretKeys: readonly string[]): Promise<void> {
    const args: PropertyMap = {};
    for (const [key, value] of Object.entries(config)) args[key] = secretKeys.includes(key) ? secret(value) : value;
    const req = new providerProto.ConfigureRequest().setArgs(objectToStruct(args)).setAcceptsecrets(true);
    await this.call("Configure", "configure", req);
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new providerProto.CheckRequest().setUrn(urn).setOlds(objectToStruct(olds)).setNews(objectToStruct(news));
    const res = await this.call<InstanceType<typeof providerProto.CheckResponse>>("Check", urn, req);
    return {
      inputs: structToObject(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap, oldInputs: PropertyMap): Promise<DiffResult> {
    const req = new providerProto.DiffRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(objectToStruct(olds))
      .setNews(objectToStruct(news))
      .setOldInputs(objectToStruct(oldInputs));
    const res = await this.call<InstanceType<typeof providerProto.DiffResponse>>("Diff", urn, req);
    const { DIFF_SOME, DIFF_NONE } = providerProto.DiffResponse.DiffChanges;
    const changes = res.getChanges() === DIFF_SOME ? true : res.getChanges() === DIFF_NONE ? false : undefined;
    return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
  }

  async create(urn: string, properties: PropertyMap, preview: boolean): Promise<{ id: string; outputs: PropertyMap }> {
    const req = new providerProto.CreateRequest().setUrn(urn).setProperties(objectToStruct(properties)).setPreview(preview);
    const res = await this.call<InstanceType<typeof providerProto.CreateResponse>>("Create", urn, req);
    return { id: res.getId(), outputs: structToObject(res.getProperties()) };
  }

  /** Read for refresh: prior outputs and inputs in; undefined when the provider reports the resource gone. */
  async read(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap; inputs?: PropertyMap } | undefined> {
    const req = new providerProto.ReadRequest().setUrn(urn).setId(id).setProperties(objectToStruct(outputs)).setInputs(objectToStruct(inputs));
    const res = await this.call<InstanceType<typeof providerProto.ReadResponse>>("Read", urn, req);
    if (!res.getId()) return undefined;
    const newInputs = res.getInputs();
    return { id: res.getId(), outputs: structToObject(res.getProperties()), inputs: newInputs ? structToObject(newInputs) : undefined };
  }

  async update(urn: string, id: string, olds: PropertyMap, news: PropertyMap, oldInputs: PropertyMap, preview: boolean): Promise<PropertyMap> {
    const req = new providerProto.UpdateRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(objectToStruct(olds))
      .setNews(objectToStruct(news))
      .setOldInputs(objectToStruct(oldInputs))
      .setPreview(preview);
    const res = await this.call<InstanceType<typeof providerProto.UpdateResponse>>("Update", urn, req);
    return structToObject(res.getProperties());
  }

  async delete(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<void> {
    const req = new providerProto.DeleteRequest().setUrn(urn).setId(id).setProperties(objectToStruct(outputs)).setOldInputs(objectToStruct(inputs));
    await this.call("Delete", urn, req);
  }

  /** Ends the host (SIGKILL when `hard`, as a crash or a killed CI job would). */
  async stop(hard = false): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill(hard ? "SIGKILL" : "SIGTERM");
    await exited;
  }

  private async call<Res>(operation: string, urn: string, request: unknown): Promise<Res> {
    const method = operation.charAt(0).toLowerCase() + operation.slice(1);
    try {
      return await unary<unknown, Res>(this.client, method, request);
    } catch (err) {
      throw new ProviderHostError(operation, urn, (err as grpc.ServiceError).details || (err as Error).message);
    }
  }
}
