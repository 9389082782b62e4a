// A throwaway PKI made with openssl for each run: the cluster's CA, the server certificate for the private host
// name, and an unrelated CA (the "wrong CA" case).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TestPki {
  caFile: string;
  caPem: string;
  otherCaFile: string;
  serverCertFile: string;
  serverKeyFile: string;
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function openssl(args: string[]): void {
  execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}

function makeCa(dir: string, name: string, cn: string): string {
  const cert = join(dir, `${name}.crt`);
  openssl(["req", "-x509", ...EC, "-keyout", join(dir, `${name}.key`), "-out", cert, "-days", "2", "-subj", `/CN=${cn}`,
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  return cert;
}

export function makePki(dir: string, serverNames: readonly string[]): TestPki {
  const caFile = makeCa(dir, "ca", "crdb-private-endpoints verify test CA");
  const otherCaFile = makeCa(dir, "other-ca", "some other CA");
  const serverKeyFile = join(dir, "server.key");
  const csr = join(dir, "server.csr");
  const serverCertFile = join(dir, "server.crt");
  openssl(["req", ...EC, "-keyout", serverKeyFile, "-out", csr, "-subj", `/CN=${serverNames[0]}`]);
  const ext = join(dir, "server.ext");
  writeFileSync(ext, `subjectAltName=${serverNames.map((n) => `DNS:${n}`).join(",")}\nextendedKeyUsage=serverAuth\n`);
  openssl(["x509", "-req", "-in", csr, "-CA", caFile, "-CAkey", join(dir, "ca.key"), "-CAcreateserial",
    "-out", serverCertFile, "-days", "2", "-extfile", ext]);
  return { caFile, caPem: readFileSync(caFile, "utf8"), otherCaFile, serverCertFile, serverKeyFile };
}
