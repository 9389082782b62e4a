// How clients connect over the private path: host, port, the connection string (a secret: it names the user and
// database), and the CA that verifies the server. Advanced clusters present a certificate of their own cluster CA,
// served by GET /clusters/{id}/cert; Basic and Standard clusters one that a public CA (Let's Encrypt) signs, which
// the system trust store verifies.
import { X509Certificate } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterFacts } from "../components/aws";
import { getClusterCert } from "../components/cockroach";
import { type ConnectionConfig, DEFAULT_DATABASE, DEFAULT_OS, SYSTEM_ROOT_CERTS } from "./config/clusterSchema";

/** Fetches the cluster's CA certificate (PEM text). */
export type ClusterCaFetcher = (clusterId: string) => Promise<string>;

export const fetchClusterCaFromApi: ClusterCaFetcher = async (clusterId) => (await getClusterCert({ id: clusterId })).cert;

/** Whether clients need the cluster's own CA (Advanced), rather than the system trust store. */
export function needsClusterCa(cluster: Pick<ClusterFacts, "plan">): boolean {
  return cluster.plan === "ADVANCED";
}

/** The CA file the connection string points at: the override, the saved cluster CA, or the OS's trust store. */
export function sslRootCertPath(cluster: Pick<ClusterFacts, "plan" | "name">, connection: ConnectionConfig = {}): string {
  if (connection.sslRootCert !== undefined) return connection.sslRootCert;
  if (needsClusterCa(cluster)) return `${cluster.name}-ca.crt`;
  return SYSTEM_ROOT_CERTS[connection.os ?? DEFAULT_OS] as string;
}

/** `postgresql://<user>@<host>:<port>/<database>?sslmode=verify-full&sslrootcert=<path>`; no user: libpq's default. */
export function connectionString(host: string, port: number, sslRootCert: string, connection: ConnectionConfig = {}): string {
  const user = connection.user === undefined ? "" : `${encodeURIComponent(connection.user)}@`;
  const database = encodeURIComponent(connection.database ?? DEFAULT_DATABASE);
  return `postgresql://${user}${host}:${port}/${database}?sslmode=verify-full&sslrootcert=${sslRootCert}`;
}

/**
 * The PEM, once it is checked to be one parseable X.509 certificate: the official provider stores whatever the URL
 * answers, an error page included.
 * @throws Error naming the cluster and what came back
 */
export function checkedCaPem(clusterId: string, text: string): string {
  const pem = text.trim();
  try {
    if (!pem.startsWith("-----BEGIN CERTIFICATE-----")) throw new Error("no PEM certificate block");
    const certificate = new X509Certificate(pem);
    if (!certificate.ca) throw new Error(`the certificate (${certificate.subject.replace(/\n/g, ", ")}) is not a CA`);
  } catch (err) {
    throw new Error(
      `GET /clusters/${clusterId}/cert did not return the cluster's CA certificate (${(err as Error).message}; ` +
        `it began ${JSON.stringify(pem.slice(0, 40))}). Check cockroach:server / COCKROACH_SERVER, or download the CA ` +
        "from the Cloud Console (cluster > Connect) and set crdb-private-endpoints:connection.sslRootCert to its path",
    );
  }
  return `${pem}\n`;
}

export interface ConnectionOutputs {
  /** The SQL port the endpoint's security group opens. */
  sqlPort: number;
  /** The CA file `connectionString` names. */
  sslRootCert: string;
  /** Secret. */
  connectionString: pulumi.Output<string>;
  /** The cluster's CA (PEM), for Advanced clusters only: save it at `sslRootCert`. */
  caCert?: pulumi.Output<string>;
}

/**
 * @param after an output known only after deploy: the CA is fetched then (never during preview, never before the
 *   private path exists)
 */
export function connectionOutputs(
  cluster: ClusterFacts,
  host: pulumi.Input<string>,
  port: number,
  connection: ConnectionConfig | undefined,
  after: pulumi.Output<unknown>,
  fetchCa: (clusterId: string) => Promise<string>,
): ConnectionOutputs {
  const sslRootCert = sslRootCertPath(cluster, connection);
  const outputs: ConnectionOutputs = {
    sqlPort: port,
    sslRootCert,
    connectionString: pulumi.secret(pulumi.output(host).apply((h) => connectionString(h, port, sslRootCert, connection))),
  };
  if (needsClusterCa(cluster)) {
    outputs.caCert = after.apply(() => fetchCa(cluster.id));
  }
  return outputs;
}

/** One fetch (and check) per cluster, however many regions ask. */
export function caFetcherOncePerCluster(fetch: ClusterCaFetcher): (clusterId: string) => Promise<string> {
  const pending = new Map<string, Promise<string>>();
  return (clusterId) => {
    let cert = pending.get(clusterId);
    if (cert === undefined) pending.set(clusterId, (cert = fetch(clusterId).then((text) => checkedCaPem(clusterId, text))));
    return cert;
  };
}
