// The plan-time lookup of endpoints already in a VPC, with the real EC2 SDK against a small EC2 fake on loopback that
// filters by vpc-id and service-name, pages with NextToken, and can refuse: what was asked, what is returned.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listVpcEndpointsToService } from "../../../components/aws";

interface Endpoint {
  id: string;
  vpcId: string;
  serviceName: string;
  state: string;
  privateDnsEnabled: boolean;
  tags: Record<string, string>;
}

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-075732d656173742d";
const VPC = "vpc-0aaaaaaaaaaaaaaaa";
const CREDENTIALS = { accessKeyId: "AKIDFAKE", secretAccessKey: "fake-secret-access-key-123" };

let endpoints: Endpoint[] = [];
let requests: Record<string, string>[] = [];
let refuse = false;
let server: http.Server;
let url: string;

const xml = (name: string, value: string) => `<${name}>${value}</${name}>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      requests.push(params);
      if (refuse) {
        res.writeHead(403, { "content-type": "text/xml" });
        res.end(`<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>not allowed for ${CREDENTIALS.secretAccessKey}</Message></Error></Errors><RequestID>r</RequestID></Response>`);
        return;
      }
      const filters = new Map<string, string[]>();
      for (let i = 1; params[`Filter.${i}.Name`]; i++) {
        const values: string[] = [];
        for (let j = 1; params[`Filter.${i}.Value.${j}`]; j++) values.push(params[`Filter.${i}.Value.${j}`] as string);
        filters.set(params[`Filter.${i}.Name`] as string, values);
      }
      const matching = endpoints.filter(
        (e) => (filters.get("vpc-id") ?? [e.vpcId]).includes(e.vpcId) && (filters.get("service-name") ?? [e.serviceName]).includes(e.serviceName),
      );
      // One endpoint per page, so paging is exercised.
      const start = Number(params.NextToken ?? 0);
      const page = matching.slice(start, start + 1);
      const next = start + 1 < matching.length ? xml("nextToken", String(start + 1)) : "";
      const items = page
        .map((e) => {
          const tags = Object.entries(e.tags).map(([k, v]) => `<item>${xml("key", k)}${xml("value", v)}</item>`).join("");
          return `<item>${xml("vpcEndpointId", e.id)}${xml("vpcId", e.vpcId)}${xml("serviceName", e.serviceName)}${xml("state", e.state)}${xml("privateDnsEnabled", String(e.privateDnsEnabled))}<tagSet>${tags}</tagSet></item>`;
        })
        .join("");
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><DescribeVpcEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcEndpointSet>${items}</vpcEndpointSet>${next}</DescribeVpcEndpointsResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  endpoints = [];
  requests = [];
  refuse = false;
});

const list = () => listVpcEndpointsToService(VPC, SERVICE, { region: "us-east-1", endpoint: url, credentials: CREDENTIALS });

describe("listVpcEndpointsToService", () => {
  it("asks EC2 by vpc-id and service-name, follows every page, leaves out gone endpoints, returns state, DNS and tags", async () => {
    const base = { vpcId: VPC, serviceName: SERVICE, privateDnsEnabled: true, tags: {} };
    endpoints = [
      { ...base, id: "vpce-0000000000000000a", state: "available", tags: { "crdb-private-endpoints:owner": "p/s/n" } },
      { ...base, id: "vpce-0000000000000000b", state: "deleted" },
      { ...base, id: "vpce-0000000000000000c", state: "pendingAcceptance", privateDnsEnabled: false },
      { ...base, id: "vpce-0000000000000000d", state: "available", vpcId: "vpc-0other0000000000" },
      { ...base, id: "vpce-0000000000000000e", state: "available", serviceName: "com.amazonaws.us-east-1.s3" },
    ];
    expect(await list()).toEqual([
      { id: "vpce-0000000000000000a", state: "available", privateDnsEnabled: true, tags: { "crdb-private-endpoints:owner": "p/s/n" } },
      { id: "vpce-0000000000000000c", state: "pendingAcceptance", privateDnsEnabled: false, tags: {} },
    ]);
    expect(requests.map((r) => [r.Action, r["Filter.1.Name"], r["Filter.1.Value.1"], r["Filter.2.Name"], r["Filter.2.Value.1"], r.NextToken])).toEqual([
      ["DescribeVpcEndpoints", "vpc-id", VPC, "service-name", SERVICE, undefined],
      ["DescribeVpcEndpoints", "vpc-id", VPC, "service-name", SERVICE, "1"],
      ["DescribeVpcEndpoints", "vpc-id", VPC, "service-name", SERVICE, "2"],
    ]);
  });

  it("finds none in a VPC without endpoints to the service", async () => {
    expect(await list()).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("fails naming the call and the permission, without the secret key EC2 echoed", async () => {
    refuse = true;
    const err = (await list().catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/^DescribeVpcEndpoints \(VPC vpc-0aaaaaaaaaaaaaaaa, service .*\) in us-east-1 failed: UnauthorizedOperation: not allowed for \[redacted\]\. .*needs ec2:DescribeVpcEndpoints/);
    expect(err.message).not.toContain(CREDENTIALS.secretAccessKey);
  });
});
