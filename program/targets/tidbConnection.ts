// How clients connect to TiDB Cloud Serverless over the private path: host, port, the user name with the cluster's
// prefix, the CA (TiDB Serverless presents a Let's Encrypt certificate, ISRG Root X1, verified by the system trust
// store) and a MySQL client command with TLS and host verification.
import { type ConnectionConfig, DEFAULT_OS, SYSTEM_ROOT_CERTS } from "../config/clusterSchema";

/** TiDB Serverless's default database. */
export const TIDB_DEFAULT_DATABASE = "test";

export interface TidbConnectionOutputs {
  /** Connect here (with private DNS on, the name resolves to the endpoint inside the VPC). */
  privateHost: string;
  sqlPort: number;
  /** The user name as clients must send it: `<prefix>.<user>` (quote it in a shell). Absent when the prefix is unknown (service given in config). */
  user?: string;
  /** The CA bundle that verifies TiDB's certificate: the OS trust store (ISRG Root X1). */
  sslCa: string;
  /** A `mysql` command: TLS with host verification (`--ssl-mode=VERIFY_IDENTITY`), the password asked for. */
  mysqlCommand: string;
}

/** The outputs for `host`/`port`, with the stack's `connection` settings (user, database, os, sslRootCert). */
export function tidbConnectionOutputs(host: string, port: number, userPrefix: string | undefined, connection: ConnectionConfig = {}): TidbConnectionOutputs {
  const sslCa = connection.sslRootCert ?? (SYSTEM_ROOT_CERTS[connection.os ?? DEFAULT_OS] as string);
  const baseUser = connection.user ?? "root";
  const user = userPrefix === undefined ? undefined : `${userPrefix}.${baseUser}`;
  const database = connection.database ?? TIDB_DEFAULT_DATABASE;
  // Single quotes: the prefix is letters and digits, but the dot and any future character stay literal in a shell.
  const userArg = `'${user ?? `<prefix>.${baseUser}`}'`;
  return {
    privateHost: host,
    sqlPort: port,
    ...(user === undefined ? {} : { user }),
    sslCa,
    mysqlCommand: `mysql -u ${userArg} -h ${host} -P ${port} -D ${database} --ssl-mode=VERIFY_IDENTITY --ssl-ca=${sslCa} -p`,
  };
}
