// IP allowlist of a cluster: IPv4 CIDR entries, listed in CIDR order with keyset pagination. `propagating` stays true
// for a while after each change, the way the real API reports rules still being pushed to the nodes.
import { isIPv4 } from "node:net";
import { alreadyExists, invalidArgument, notFound } from "./errors";
import { parseInt32 } from "./body";

export interface AllowlistEntry {
  cidr_ip: string;
  cidr_mask: number;
  ui: boolean;
  sql: boolean;
  name?: string;
}

export interface AllowlistRules {
  ui: boolean;
  sql: boolean;
  name?: string;
}

export interface AllowlistPageRequest {
  page?: string;
  limit?: string;
  sortOrder?: string;
}

export interface AllowlistPage {
  allowlist: AllowlistEntry[];
  propagating: boolean;
  pagination: { next_page?: string };
}

export interface Cidr {
  ip: string;
  mask: number;
}

export function parseCidr(ip: unknown, mask: unknown): Cidr {
  if (typeof ip !== "string" || ip === "") throw invalidArgument("cidr_ip is required");
  if (!isIPv4(ip)) throw invalidArgument(`cidr_ip "${ip}" is not an IPv4 address (IPv6 is not supported)`);
  const maskNumber = parseInt32(mask, "cidr_mask");
  if (maskNumber < 0 || maskNumber > 32) throw invalidArgument(`cidr_mask ${maskNumber} is out of range 0-32`);
  return { ip, mask: maskNumber };
}

const cidrKey = (cidr: Cidr) => `${cidr.ip}/${cidr.mask}`;

function ipv4Number(ip: string): number {
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function compareCidr(a: Cidr, b: Cidr): number {
  return ipv4Number(a.ip) - ipv4Number(b.ip) || a.mask - b.mask;
}

const entryCidr = (entry: AllowlistEntry): Cidr => ({ ip: entry.cidr_ip, mask: entry.cidr_mask });

/** The page token is opaque to clients; inside it is the last CIDR of the previous page. */
function encodePageToken(cidr: Cidr): string {
  return Buffer.from(cidrKey(cidr)).toString("base64url");
}

function decodePageToken(token: string): Cidr {
  const [ip, mask, extra] = Buffer.from(token, "base64url").toString().split("/");
  if (extra !== undefined || ip === undefined || mask === undefined || !isIPv4(ip) || !/^\d+$/.test(mask)) {
    throw invalidArgument("invalid pagination.page token");
  }
  return { ip, mask: Number(mask) };
}

export class Allowlist {
  private readonly entries = new Map<string, AllowlistEntry>();
  private changedAt: number | undefined;

  add(cidr: Cidr, rules: AllowlistRules, now: number): AllowlistEntry {
    if (this.entries.has(cidrKey(cidr))) {
      throw alreadyExists(`allowlist entry ${cidrKey(cidr)} already exists`);
    }
    return this.store(cidr, rules, now);
  }

  /** PUT: create or replace. */
  upsert(cidr: Cidr, rules: AllowlistRules, now: number): AllowlistEntry {
    return this.store(cidr, rules, now);
  }

  /** PATCH: update ui/sql, and the name when one is given. */
  update(cidr: Cidr, rules: AllowlistRules, now: number): AllowlistEntry {
    const existing = this.entries.get(cidrKey(cidr));
    if (!existing) throw notFound(`allowlist entry ${cidrKey(cidr)} not found`);
    return this.store(cidr, { ...rules, name: rules.name ?? existing.name }, now);
  }

  remove(cidr: Cidr, now: number): AllowlistEntry {
    const existing = this.entries.get(cidrKey(cidr));
    if (!existing) throw notFound(`allowlist entry ${cidrKey(cidr)} not found`);
    this.entries.delete(cidrKey(cidr));
    this.changedAt = now;
    return existing;
  }

  all(): AllowlistEntry[] {
    return [...this.entries.values()].sort((a, b) => compareCidr(entryCidr(a), entryCidr(b))).map((e) => ({ ...e }));
  }

  page(request: AllowlistPageRequest, defaultLimit: number, now: number, propagationMs: number): AllowlistPage {
    const limit = request.limit ? parseInt32(request.limit, "pagination.limit") : 0;
    if (limit < 0) throw invalidArgument("pagination.limit must not be negative");
    const pageSize = limit === 0 ? defaultLimit : limit;
    const order = (request.sortOrder ?? "ASC").toUpperCase();
    if (order !== "ASC" && order !== "DESC") throw invalidArgument("pagination.sort_order must be ASC or DESC");
    const direction = order === "ASC" ? 1 : -1;

    let sorted = this.all();
    if (direction < 0) sorted.reverse();
    if (request.page) {
      const after = decodePageToken(request.page);
      sorted = sorted.filter((entry) => direction * compareCidr(entryCidr(entry), after) > 0);
    }
    const allowlist = sorted.slice(0, pageSize);
    const last = allowlist.at(-1);
    const pagination = sorted.length > pageSize && last ? { next_page: encodePageToken(entryCidr(last)) } : {};
    const propagating = this.changedAt !== undefined && now - this.changedAt < propagationMs;
    return { allowlist, propagating, pagination };
  }

  private store(cidr: Cidr, rules: AllowlistRules, now: number): AllowlistEntry {
    const entry: AllowlistEntry = { cidr_ip: cidr.ip, cidr_mask: cidr.mask, ui: rules.ui, sql: rules.sql };
    if (rules.name !== undefined) entry.name = rules.name;
    this.entries.set(cidrKey(cidr), entry);
    this.changedAt = now;
    return { ...entry };
  }
}
