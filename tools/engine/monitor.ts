// The engine's two gRPC services as the program runner sees them: ResourceMonitor (registrations, invokes,
// outputs, shutdown) and Engine (logs, the root stack resource). Served on 127.0.0.1 only; what a registration
// means is decided by the Deployment handler behind it.
import {
  EngineService,
  emptyProto,
  engineProto,
  grpc,
  objectToStruct,
  type PropertyMap,
  ResourceMonitorService,
  resourceProto,
  structToObject,
} from "./protocol";

/** One RegisterResource call, as the program runner sent it. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  /** The parent's URN ("" only for the stack itself). */
  parent: string;
  custom: boolean;
  /** Inputs in Pulumi's wire encoding (unknowns and secrets as their sentinels). */
  inputs: PropertyMap;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Provider reference `<urn>::<id>`, "" for the default provider. */
  provider: string;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  /** When the monitor received it, in ms since the run started. */
  atMs: number;
}

export interface RegisterResult {
  id: string;
  outputs: PropertyMap;
}

export type LogSeverity = "debug" | "info" | "warning" | "error";

export interface LogEntry {
  severity: LogSeverity;
  message: string;
  urn: string;
}

/** What the monitor asks of the deployment behind it. */
export interface DeploymentHandler {
  register(registration: Registration): Promise<RegisterResult>;
  registerOutputs(urn: string, outputs: PropertyMap): void;
  invoke(token: string, args: PropertyMap, provider: string): Promise<PropertyMap>;
  log(entry: LogEntry): void;
}

export interface MonitorOptions {
  project: string;
  stack: string;
  dryRun: boolean;
  handler: DeploymentHandler;
  /** Time origin for `Registration.atMs`. */
  startedAt: number;
}

export interface RunningMonitor {
  /** host:port of the ResourceMonitor and Engine services (one server hosts both). */
  address: string;
  close(): Promise<void>;
}

const SEVERITIES: LogSeverity[] = ["debug", "info", "warning", "error"];
type Callback = grpc.sendUnaryData<unknown>;
type Call = grpc.ServerUnaryCall<never, unknown>;

/** The URN the engine gives a resource: the stack's children carry no parent type. */
export function urnOf(project: string, stack: string, type: string, name: string, parentType?: string): string {
  const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The type part of a URN as it prefixes a child's type (`a$b` for nested components). */
export function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

export async function startMonitor(options: MonitorOptions): Promise<RunningMonitor> {
  const { handler, project, stack } = options;
  let rootUrn = "";
  const fail = (callback: Callback, err: unknown) =>
    callback({ code: grpc.status.UNKNOWN, details: err instanceof Error ? err.message : String(err) }, null);

  const monitor = {
    getDeploymentInfo: (_call: Call, callback: Callback) => {
      const info = new resourceProto.DeploymentInfo()
        .setProject(project)
        .setStack(stack)
        .setDryrun(options.dryRun)
        .setSupportedfeaturesList([resourceProto.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS]);
      callback(null, info);
    },
    supportsFeature: (call: grpc.ServerUnaryCall<InstanceType<typeof resourceProto.SupportsFeatureRequest>, unknown>, callback: Callback) => {
      callback(null, new resourceProto.SupportsFeatureResponse().setHassupport(call.request.getId() === "secrets"));
    },
    registerResource: (call: grpc.ServerUnaryCall<InstanceType<typeof resourceProto.RegisterResourceRequest>, unknown>, callback: Callback) => {
      const registration = toRegistration(call.request, project, stack, options.startedAt);
      handler.register(registration).then(
        ({ id, outputs }) =>
          callback(null, new resourceProto.RegisterResourceResponse().setUrn(registration.urn).setId(id).setObject(objectToStruct(outputs))),
        (err: unknown) => fail(callback, err),
      );
    },
    registerResourceOutputs: (call: grpc.ServerUnaryCall<InstanceType<typeof resourceProto.RegisterResourceOutputsRequest>, unknown>, callback: Callback) => {
      handler.registerOutputs(call.request.getUrn(), structToObject(call.request.getOutputs()));
      callback(null, new emptyProto.Empty());
    },
    invoke: (call: grpc.ServerUnaryCall<InstanceType<typeof resourceProto.ResourceInvokeRequest>, unknown>, callback: Callback) => {
      const req = call.request;
      handler.invoke(req.getTok(), structToObject(req.getArgs()), req.getProvider()).then(
        (result) => callback(null, new resourceProto.ResourceInvokeResponse().setReturn(objectToStruct(result))),
        (err: unknown) => fail(callback, err),
      );
    },
    signalAndWaitForShutdown: (_call: Call, callback: Callback) => callback(null, new emptyProto.Empty()),
  };

  const engine = {
    log: (call: grpc.ServerUnaryCall<InstanceType<typeof engineProto.LogRequest>, unknown>, callback: Callback) => {
      const req = call.request;
      handler.log({ severity: SEVERITIES[req.getSeverity()] ?? "info", message: req.getMessage(), urn: req.getUrn() });
      callback(null, new emptyProto.Empty());
    },
    getRootResource: (_call: Call, callback: Callback) => callback(null, new engineProto.GetRootResourceResponse().setUrn(rootUrn)),
    setRootResource: (call: grpc.ServerUnaryCall<InstanceType<typeof engineProto.SetRootResourceRequest>, unknown>, callback: Callback) => {
      rootUrn = call.request.getUrn();
      callback(null, new engineProto.SetRootResourceResponse());
    },
  };

  const server = new grpc.Server();
  server.addService(ResourceMonitorService, monitor as unknown as grpc.UntypedServiceImplementation);
  server.addService(EngineService, engine as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}


function toRegistration(
  req: InstanceType<typeof resourceProto.RegisterResourceRequest>,
  project: string,
  stack: string,
  startedAt: number,
): Registration {
  const parent = req.getParent();
  const type = req.getType();
  const name = req.getName();
  const urn = urnOf(project, stack, type, name, parent ? qualifiedTypeOf(parent) : undefined);
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  return {
    urn,
    type,
    name,
    parent,
    custom: req.getCustom(),
    inputs: structToObject(req.getObject()),
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    provider: req.getProvider(),
    deleteBeforeReplace: req.getDeletebeforereplace(),
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    atMs: Date.now() - startedAt,
  };
}
