// Field checks for JSON request bodies and path parameters, each failing with the 400 INVALID_ARGUMENT the API sends.
import { invalidArgument } from "./errors";

export type JsonObject = Record<string, unknown>;

export function asObject(body: unknown): JsonObject {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidArgument("request body must be a JSON object");
  }
  return body as JsonObject;
}

export function requireBoolean(body: JsonObject, field: string): boolean {
  const value = body[field];
  if (typeof value !== "boolean") throw invalidArgument(`${field} is required and must be a boolean`);
  return value;
}

export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidArgument(`${field} must be a string`);
  return value;
}

/** int32 fields may arrive as JSON numbers or, as protojson allows, as decimal strings. */
export function parseInt32(value: unknown, field: string): number {
  const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) {
    throw invalidArgument(`${field} is required and must be an integer`);
  }
  return number;
}
