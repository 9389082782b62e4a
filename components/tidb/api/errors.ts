// The one error type of the TiDB Cloud Serverless API client. Its message names the operation, the cluster, the
// HTTP status and what to check; never the key pair (the client redacts both keys from anything a server sent).

export interface TidbApiErrorInit {
  operation: string;
  clusterId?: string;
  /** HTTP status, or 0 when no answer arrived. */
  status: number;
  /** What the server said (its `message`), redacted and cut to one line. */
  apiMessage?: string;
  hint?: string;
}

export class TidbApiError extends Error {
  readonly operation: string;
  readonly clusterId?: string;
  readonly status: number;
  readonly apiMessage?: string;

  constructor(init: TidbApiErrorInit) {
    const where = init.clusterId === undefined ? init.operation : `${init.operation} for cluster ${init.clusterId}`;
    const answer = init.status === 0 ? "got no answer" : `failed with HTTP ${init.status}`;
    const said = init.apiMessage ? `: ${init.apiMessage}` : "";
    const message = `TiDB Cloud API ${where} ${answer}${said}${init.hint ? `. ${init.hint}` : ""}`;
    super(message);
    this.name = "TidbApiError";
    this.operation = init.operation;
    this.clusterId = init.clusterId;
    this.status = init.status;
    this.apiMessage = init.apiMessage;
  }
}

/** What to do about a failure, by status. */
export function hintFor(status: number, clusterId: string | undefined): string | undefined {
  switch (status) {
    case 401:
      return (
        "The key pair was refused (Digest auth): check TIDBCLOUD_PUBLIC_KEY and TIDBCLOUD_PRIVATE_KEY, and that the " +
        "API key has not been deleted"
      );
    case 403:
      return "The API key may not read this cluster: give it a role in the cluster's project (e.g. Project Viewer)";
    case 404:
      return (
        `No cluster ${clusterId ?? ""} is visible to this API key: check the cluster ID (TiDB Cloud console, cluster ` +
        `overview) and that the key belongs to the cluster's organization`
      );
    default:
      return undefined;
  }
}
