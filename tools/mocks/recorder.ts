// Records every resource registration the program makes under Pulumi mocks: type, name, parent, inputs and the
// dependencies behind each input. `MockResourceArgs` carries neither parent nor dependencies, so this wraps the
// mock monitor's `registerResource` and reads them from the request itself.
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  /** Component resources are not custom. */
  custom: boolean;
  parentUrn?: string;
  /** Inputs as registered; values unknown at preview are `pulumi.unknown`. */
  inputs: Record<string, unknown>;
  /** Every resource this one waits for (inputs and `dependsOn`). */
  dependencyUrns: string[];
  /** For each input, the resources its value comes from. */
  propertyDependencyUrns: Record<string, string[]>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): unknown;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}
type Callback = (err: unknown, response?: { getUrn(): string }) => void;
interface MockMonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
}

/** Starts recording on the current mock monitor; call right after `pulumi.runtime.setMocks`. */
export function recordRegistrations(): RecordedResource[] {
  const recorded: RecordedResource[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike | undefined;
  if (!monitor || typeof monitor.registerResource !== "function") {
    throw new Error("recordRegistrations needs Pulumi mocks: call pulumi.runtime.setMocks first");
  }
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, response) => {
      if (!err && response) recorded.push(toRecord(req, response.getUrn()));
      callback(err, response);
    });
  return recorded;
}

function toRecord(req: RegisterRequest, urn: string): RecordedResource {
  const propertyDependencyUrns: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    const urns = deps.getUrnsList();
    if (urns.length > 0) propertyDependencyUrns[key] = [...urns];
  });
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parentUrn: req.getParent() || undefined,
    inputs: pulumi.runtime.deserializeProperties(req.getObject() as never) as Record<string, unknown>,
    dependencyUrns: [...req.getDependenciesList()],
    propertyDependencyUrns,
  };
}
