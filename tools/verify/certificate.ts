// The server certificate as the report shows it: who it is for, who issued it, until when.
import type { PeerCertificate } from "node:tls";

const DAY_MS = 24 * 60 * 60 * 1000;

export function describeCertificate(cert: PeerCertificate, now: Date): string[] {
  const names = cert.subjectaltname
    ? cert.subjectaltname.split(", ").map((n) => n.replace(/^DNS:/, "").replace(/^IP Address:/, "IP "))
    : [];
  const validTo = new Date(cert.valid_to);
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
  return [
    `certificate subject: ${formatName(cert.subject)}; names: ${names.length > 0 ? names.join(", ") : "(none)"}`,
    `issued by: ${formatName(cert.issuer)}`,
    `valid until ${validTo.toISOString()} (${daysLeft >= 0 ? `${daysLeft} day${daysLeft === 1 ? "" : "s"} left` : `expired ${-daysLeft} days ago`})`,
  ];
}

function formatName(name: PeerCertificate["subject"] | undefined): string {
  if (!name) return "(none)";
  const parts = Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : v}`);
  return parts.length > 0 ? parts.join(", ") : "(empty)";
}
