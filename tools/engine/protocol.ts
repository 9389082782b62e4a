// The Pulumi gRPC protocol as the engine speaks it: the generated stubs that ship inside @pulumi/pulumi (the same
// ones the program runner and the dynamic-provider host use), and the conversions between protobuf Structs and
// the engine's property values (unknowns, secrets, resource references as Pulumi's wire encoding has them).
import * as grpc from "@grpc/grpc-js";
import * as emptyProto from "google-protobuf/google/protobuf/empty_pb";
import * as structProto from "google-protobuf/google/protobuf/struct_pb";
import type * as EngineProtoTypes from "@pulumi/pulumi/proto/engine_pb";
import type * as ProviderProtoTypes from "@pulumi/pulumi/proto/provider_pb";
import type * as ResourceProtoTypes from "@pulumi/pulumi/proto/resource_pb";
import type * as PluginProtoTypes from "@pulumi/pulumi/proto/plugin_pb";

// The generated grpc stubs have no usable declarations for their service definitions; require them untyped.
export const resourceProto = require("@pulumi/pulumi/proto/resource_pb") as typeof ResourceProtoTypes;
export const engineProto = require("@pulumi/pulumi/proto/engine_pb") as typeof EngineProtoTypes;
export const providerProto = require("@pulumi/pulumi/proto/provider_pb") as typeof ProviderProtoTypes;
export const pluginProto = require("@pulumi/pulumi/proto/plugin_pb") as typeof PluginProtoTypes;
const resourceGrpc = require("@pulumi/pulumi/proto/resource_grpc_pb") as Record<string, grpc.ServiceDefinition>;
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as Record<string, grpc.ServiceDefinition>;
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as Record<string, grpc.ServiceDefinition>;

export const ResourceMonitorService = resourceGrpc.ResourceMonitorService as grpc.ServiceDefinition;
export const EngineService = engineGrpc.EngineService as grpc.ServiceDefinition;
export const ProviderClient = grpc.makeGenericClientConstructor(
  providerGrpc.ResourceProviderService as grpc.ServiceDefinition,
  "ResourceProvider",
);
export { grpc, emptyProto, structProto };

/** Pulumi's wire sentinels (see @pulumi/pulumi runtime/rpc.js): stable parts of the protocol. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export type PropertyMap = Record<string, unknown>;

export function structToObject(struct: structProto.Struct | undefined): PropertyMap {
  return struct ? (struct.toJavaScript() as PropertyMap) : {};
}

export function objectToStruct(value: PropertyMap): structProto.Struct {
  return structProto.Struct.fromJavaScript(dropUndefined(value) as Record<string, structProto.JavaScriptValue>);
}

/** protobuf Structs cannot hold `undefined`; Pulumi's own serializer drops such properties too. */
function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : dropUndefined(v)));
  if (value && typeof value === "object") {
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
    return out;
  }
  return value;
}

export function isSecret(value: unknown): value is { value: unknown } {
  return isSig(value, SECRET_SIG);
}

export function isResourceReference(value: unknown): value is { urn: string; id?: string } {
  return isSig(value, RESOURCE_SIG);
}

function isSig(value: unknown, sig: string): boolean {
  return typeof value === "object" && value !== null && (value as PropertyMap)[SIG_KEY] === sig;
}

export function secret(value: unknown): PropertyMap {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** True when the value is, or contains, an unknown. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** The value with secret wrappers removed (for comparisons), keeping everything else. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** Calls a unary method of a grpc-js generic client as a promise. */
export function unary<Req, Res>(client: grpc.Client, method: string, request: Req, deadlineMs = 120_000): Promise<Res> {
  const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
  if (!fn) throw new Error(`the gRPC client has no method ${method}`);
  return new Promise((resolve, reject) => {
    fn.call(client, request, { deadline: Date.now() + deadlineMs }, (err: grpc.ServiceError | null, res: Res) =>
      err ? reject(err) : resolve(res),
    );
  });
}
