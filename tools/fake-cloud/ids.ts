// Deterministic identifiers: the same cluster and region always get the same service name, DNS names and account,
// so tests and the offline plan can print stable values.
import { createHash } from "node:crypto";

/** Hex digest of the parts joined by "|", long enough for any ID we derive (64 chars). */
export function digestHex(...parts: string[]): string {
  return createHash("sha256").update(parts.join("|")).digest("hex");
}

/** A digit string of the given length derived from the parts, never starting with 0. */
export function digestDigits(length: number, ...parts: string[]): string {
  const hex = digestHex(...parts);
  let digits = "";
  for (let i = 0; digits.length < length; i += 2) {
    digits += String(parseInt(hex.slice(i % 62, (i % 62) + 2), 16) % 10);
  }
  return (digits[0] === "0" ? "1" : digits[0]) + digits.slice(1, length);
}

/** A UUID-shaped string derived from the parts (version nibble 4 so strict parsers accept it). */
export function digestUuid(...parts: string[]): string {
  const h = digestHex(...parts);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
