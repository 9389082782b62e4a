// Server side of HTTP Digest auth (RFC 7616 with MD5 and qop=auth, as TiDB Cloud's API answers), written here so the
// fake checks what a client library computed with an implementation of its own.
import { createHash, randomBytes } from "node:crypto";

export const REALM = "tidb.cloud";

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** A fresh challenge: the `WWW-Authenticate` header value and its nonce. */
export function challenge(): { header: string; nonce: string } {
  const nonce = randomBytes(16).toString("hex");
  const opaque = randomBytes(8).toString("hex");
  return { nonce, header: `Digest realm="${REALM}", qop="auth", nonce="${nonce}", opaque="${opaque}", algorithm=MD5` };
}

/** The fields of an `Authorization: Digest ...` header, or undefined for another scheme or none. */
export function parseDigest(header: string | undefined): Record<string, string> | undefined {
  if (header === undefined || !/^Digest\s/i.test(header)) return undefined;
  const fields: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-zA-Z]+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    fields[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? "";
  }
  return fields;
}

/** Why the digest answer is wrong, or undefined when it proves the private key for `publicKey`. */
export function digestProblem(
  fields: Record<string, string>,
  method: string,
  path: string,
  keys: { publicKey: string; privateKey: string },
  issuedNonces: ReadonlySet<string>,
): string | undefined {
  if (fields.username !== keys.publicKey) return "unknown public key";
  if (fields.realm !== REALM) return "wrong realm";
  if (!fields.nonce || !issuedNonces.has(fields.nonce)) return "nonce not issued by this server";
  if (fields.uri !== path) return "uri does not match the request";
  const ha1 = md5(`${fields.username}:${REALM}:${keys.privateKey}`);
  const ha2 = md5(`${method}:${fields.uri}`);
  const expected =
    fields.qop === "auth"
      ? md5(`${ha1}:${fields.nonce}:${fields.nc ?? ""}:${fields.cnonce ?? ""}:auth:${ha2}`)
      : md5(`${ha1}:${fields.nonce}:${ha2}`);
  return fields.response === expected ? undefined : "wrong response (private key)";
}
