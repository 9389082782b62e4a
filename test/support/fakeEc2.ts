// A real HTTP fake of the EC2 Query API, just enough for DescribeVpcEndpoints: each endpoint answers from a scripted
// sequence of states and faults (one step per request, the last step repeats), errors use EC2's error XML, and every
// request is logged with what the signature says about who sent it and whether the client gave up on it. It can
// misbehave: throttle, fail, refuse (403), answer late, never answer, or answer 200 without the endpoint.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * `hang`: never answer (until the client gives up or the fake closes). `emptyBody`: 200 with no body at all.
 * `emptySet`: 200 with a well-formed answer that lists no endpoint.
 */
export type FakeEc2Fault = "throttle" | "unavailable" | "unauthorized" | "hang" | "emptyBody" | "emptySet";
export type FakeEc2Step =
  | string
  | { fault: FakeEc2Fault }
  | { state: string; privateDnsEnabled: boolean }
  /** Answer with `state`, `delayMs` after the request arrived. */
  | { state: string; delayMs: number };

export interface FakeVpcEndpoint {
  /** Scripted `state` values and faults, one per DescribeVpcEndpoints request naming this endpoint. */
  steps: FakeEc2Step[];
  privateDnsEnabled?: boolean;
  dnsEntries?: { dnsName: string; hostedZoneId: string }[];
  lastError?: { code: string; message: string };
}

export interface FakeEc2Request {
  action: string;
  params: Record<string, string>;
  /** From the SigV4 Authorization header's credential scope. */
  accessKeyId?: string;
  signedRegion?: string;
  at: number;
  /** Set when the client closed the connection before the answer was sent (it cut the request). */
  abandoned?: boolean;
  /** Set once the answer was sent. */
  answered?: boolean;
}

export interface FakeEc2 {
  url: string;
  requests: FakeEc2Request[];
  setEndpoint(vpcEndpointId: string, endpoint: FakeVpcEndpoint): void;
  /** Replaces the message of the `unauthorized` fault, e.g. with one that echoes a secret. */
  setUnauthorizedMessage(message: string): void;
  removeEndpoint(vpcEndpointId: string): void;
  close(): Promise<void>;
}

const xmlns = "http://ec2.amazonaws.com/doc/2016-11-15/";

const faults: Record<"throttle" | "unavailable" | "unauthorized", { status: number; code: string; message: string }> = {
  throttle: { status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded." },
  unavailable: { status: 500, code: "InternalError", message: "An internal error has occurred" },
  unauthorized: {
    status: 403,
    code: "UnauthorizedOperation",
    message:
      "You are not authorized to perform this operation. User is not authorized to perform: ec2:DescribeVpcEndpoints",
  },
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xmlElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function errorXml(code: string, message: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>fake-request</RequestID></Response>`
  );
}

function endpointXml(id: string, state: string, endpoint: FakeVpcEndpoint): string {
  const dns = (endpoint.dnsEntries ?? [])
    .map((d) => `<item>${xmlElement("dnsName", d.dnsName)}${xmlElement("hostedZoneId", d.hostedZoneId)}</item>`)
    .join("");
  const { lastError: error } = endpoint;
  const lastError = error
    ? `<lastError>${xmlElement("message", error.message)}${xmlElement("code", error.code)}</lastError>`
    : "";
  return (
    `<item><vpcEndpointId>${escapeXml(id)}</vpcEndpointId><vpcEndpointType>Interface</vpcEndpointType>` +
    `<vpcId>vpc-0fake</vpcId><serviceName>com.amazonaws.vpce.us-east-1.vpce-svc-0fake</serviceName>` +
    `<state>${escapeXml(state)}</state><privateDnsEnabled>${endpoint.privateDnsEnabled ?? false}</privateDnsEnabled>` +
    `<dnsEntrySet>${dns}</dnsEntrySet>${lastError}</item>`
  );
}

export async function startFakeEc2(): Promise<FakeEc2> {
  const endpoints = new Map<string, FakeVpcEndpoint & { served: number }>();
  const requests: FakeEc2Request[] = [];
  let unauthorizedMessage = faults.unauthorized.message;

  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/ec2\//.exec(req.headers.authorization ?? "");
      const action = params.Action ?? "";
      const logged: FakeEc2Request = { action, params, accessKeyId: scope?.[1], signedRegion: scope?.[2], at: Date.now() };
      requests.push(logged);
      res.on("close", () => {
        if (!logged.answered) logged.abandoned = true;
      });

      const reply = (status: number, xml: string) => {
        if (res.destroyed) return;
        logged.answered = true;
        res.writeHead(status, { "content-type": "text/xml;charset=UTF-8" });
        res.end(xml);
      };
      if (req.method !== "POST" || action !== "DescribeVpcEndpoints") {
        return reply(400, errorXml("InvalidAction", `The action ${action} is not valid for this web service.`));
      }
      if (!scope) {
        return reply(401, errorXml("AuthFailure", "AWS was not able to validate the provided access credentials"));
      }

      const ids = Object.keys(params)
        .filter((k) => /^VpcEndpointId\.\d+$/.test(k))
        .map((k) => params[k]!);
      const items: string[] = [];
      let delayMs = 0;
      for (const id of ids) {
        const endpoint = endpoints.get(id);
        if (!endpoint) {
          return reply(400, errorXml("InvalidVpcEndpointId.NotFound", `The Vpc Endpoint Id '${id}' does not exist`));
        }
        const step = endpoint.steps[Math.min(endpoint.served++, endpoint.steps.length - 1)]!;
        if (typeof step === "object" && "fault" in step) {
          if (step.fault === "hang") return;
          if (step.fault === "emptyBody") return reply(200, "");
          if (step.fault === "emptySet") continue;
          const fault = { ...faults[step.fault] };
          if (step.fault === "unauthorized") fault.message = unauthorizedMessage;
          return reply(fault.status, errorXml(fault.code, fault.message));
        }
        if (typeof step === "object" && "delayMs" in step) delayMs = Math.max(delayMs, step.delayMs);
        items.push(
          typeof step === "string"
            ? endpointXml(id, step, endpoint)
            : endpointXml(id, step.state, "privateDnsEnabled" in step ? { ...endpoint, privateDnsEnabled: step.privateDnsEnabled } : endpoint),
        );
      }
      const answer = () =>
        reply(
          200,
          `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcEndpointsResponse xmlns="${xmlns}">` +
            `<requestId>fake-request</requestId><vpcEndpointSet>${items.join("")}</vpcEndpointSet>` +
            `</DescribeVpcEndpointsResponse>`,
        );
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setEndpoint: (id, endpoint) => void endpoints.set(id, { ...endpoint, served: 0 }),
    removeEndpoint: (id) => void endpoints.delete(id),
    setUnauthorizedMessage: (message) => void (unauthorizedMessage = message),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
