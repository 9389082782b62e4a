// A small stateful fake of the AWS resources the program creates, standing in for the AWS provider plugin (which
// cannot be installed here): deterministic IDs, the computed outputs the program reads, update vs replace from the
// shared replace-on-change table, and Read for refresh. Interface endpoints are mirrored into the fake EC2 (so the
// readiness wait's DescribeVpcEndpoints sees them) and announced to a hook (so the fake Cloud API knows their region).
import { replacingChanges } from "../shared/replaceOnChange";
import { type PropertyMap, unwrapSecrets } from "./protocol";

/** The part of the fake EC2 (test/support/fakeEc2.ts) this fake drives. */
export interface Ec2EndpointMirror {
  setEndpoint(id: string, endpoint: { steps: { state: string; privateDnsEnabled: boolean }[]; dnsEntries?: { dnsName: string; hostedZoneId: string }[] }): void;
  removeEndpoint(id: string): void;
}

export interface FakeAwsEvent {
  action: "create" | "update" | "delete";
  type: string;
  id: string;
  seq: number;
}

interface Stored {
  type: string;
  outputs: PropertyMap;
}

const ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
};
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const PRIVATE_DNS = "aws:vpc/endpointPrivateDns:EndpointPrivateDns";
const ACCOUNT = "123456789012";

export class FakeAws {
  /** Keyed by `type/id`: an EndpointPrivateDns has its endpoint's ID, as in AWS. */
  readonly resources = new Map<string, Stored>();
  /** Every change applied, in order: what a test checks ordering against. */
  readonly events: FakeAwsEvent[] = [];
  private counter = 0;

  constructor(
    private readonly defaultRegion: string,
    private readonly ec2?: Ec2EndpointMirror,
    private readonly onEndpointCreated?: (endpointId: string, region: string) => void,
    /** Shared sequence so events here and at other fakes can be ordered against each other. */
    private readonly nextSeq: () => number = (() => {
      let n = 0;
      return () => ++n;
    })(),
  ) {}

  static handles(type: string): boolean {
    return type.startsWith("aws:");
  }

  /** Which inputs changed, and which of those replace the resource. Unknown inputs count as changed. */
  diff(type: string, oldInputs: PropertyMap, news: PropertyMap): { changed: string[]; replaces: string[] } {
    const olds = unwrapSecrets(oldInputs) as PropertyMap;
    const plain = unwrapSecrets(news) as PropertyMap;
    const keys = new Set([...Object.keys(olds), ...Object.keys(plain)]);
    const changed = [...keys].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(plain[k])).sort();
    return { changed, replaces: replacingChanges(type, olds, plain).filter((k) => changed.includes(k)) };
  }

  create(type: string, inputs: PropertyMap): { id: string; outputs: PropertyMap } {
    const region = typeof inputs.region === "string" ? inputs.region : this.defaultRegion;
    const id = type === PRIVATE_DNS ? String(inputs.vpcEndpointId) : `${ID_PREFIX[type] ?? "res"}-${(++this.counter).toString(16).padStart(17, "0")}`;
    const outputs: PropertyMap = { ...inputs, id, region, ...computedOutputs(type, id, region, inputs) };
    this.resources.set(key(type, id), { type, outputs });
    this.applySideEffects(type, outputs);
    if (type === ENDPOINT) this.onEndpointCreated?.(id, region);
    this.events.push({ action: "create", type, id, seq: this.nextSeq() });
    return { id, outputs };
  }

  update(type: string, id: string, news: PropertyMap): PropertyMap {
    const stored = this.require(type, id);
    stored.outputs = { ...stored.outputs, ...news };
    this.applySideEffects(type, stored.outputs);
    this.events.push({ action: "update", type, id, seq: this.nextSeq() });
    return stored.outputs;
  }

  delete(type: string, id: string): void {
    if (!this.resources.delete(key(type, id))) return; // already gone: NotFound on delete is success, as in the provider
    if (type === ENDPOINT) this.ec2?.removeEndpoint(id);
    if (type === PRIVATE_DNS) {
      const endpoint = this.resources.get(key(ENDPOINT, id));
      if (endpoint) this.mirrorEndpoint(id, endpoint.outputs, false);
    }
    this.events.push({ action: "delete", type, id, seq: this.nextSeq() });
  }

  /** Current outputs, or undefined when the resource no longer exists. */
  read(type: string, id: string): PropertyMap | undefined {
    return this.resources.get(key(type, id))?.outputs;
  }

  /** IDs of the resources of a type that exist now. */
  ids(type: string): string[] {
    return [...this.resources.entries()].filter(([, r]) => r.type === type).map(([k]) => k.slice(type.length + 1));
  }

  /** Simulates a change made outside Pulumi (console, another tool). */
  removeOutOfBand(type: string, id: string): void {
    if (type === ENDPOINT) this.ec2?.removeEndpoint(id);
    this.resources.delete(key(type, id));
  }

  private require(type: string, id: string): Stored {
    const stored = this.resources.get(key(type, id));
    if (!stored) throw new Error(`${type} ${id} does not exist`);
    return stored;
  }

  private applySideEffects(type: string, outputs: PropertyMap): void {
    if (type === ENDPOINT) this.mirrorEndpoint(String(outputs.id), outputs, outputs.privateDnsEnabled === true);
    if (type === PRIVATE_DNS) {
      const endpointId = String(outputs.vpcEndpointId);
      const endpoint = this.resources.get(key(ENDPOINT, endpointId));
      if (endpoint) {
        endpoint.outputs = { ...endpoint.outputs, privateDnsEnabled: outputs.privateDnsEnabled === true };
        this.mirrorEndpoint(endpointId, endpoint.outputs, outputs.privateDnsEnabled === true);
      }
    }
  }

  private mirrorEndpoint(id: string, outputs: PropertyMap, privateDnsEnabled: boolean): void {
    const dnsEntries = (outputs.dnsEntries as { dnsName: string; hostedZoneId: string }[] | undefined) ?? [];
    this.ec2?.setEndpoint(id, { steps: [{ state: "available", privateDnsEnabled }], dnsEntries });
  }
}

function key(type: string, id: string): string {
  return `${type}/${id}`;
}

function computedOutputs(type: string, id: string, region: string, inputs: PropertyMap): PropertyMap {
  const arn = `arn:aws:ec2:${region}:${ACCOUNT}:${ID_PREFIX[type] === "sgr" ? "security-group-rule" : type.split(":").pop()!.toLowerCase()}/${id}`;
  switch (type) {
    case "aws:ec2/vpc:Vpc":
      return { arn, ownerId: ACCOUNT, defaultSecurityGroupId: `sg-default-${id}`, mainRouteTableId: `rtb-main-${id}` };
    case "aws:ec2/subnet:Subnet":
      return { arn, ownerId: ACCOUNT, availabilityZone: `${region}${"abcdef"[Number(/az(\d)$/.exec(String(inputs.availabilityZoneId))?.[1] ?? 1) - 1]}` };
    case "aws:ec2/securityGroup:SecurityGroup":
      return { arn, ownerId: ACCOUNT, name: inputs.name ?? `terraform-${id}` };
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return { arn, securityGroupRuleId: id };
    case ENDPOINT:
      return {
        arn,
        ownerId: ACCOUNT,
        state: "available",
        privateDnsEnabled: inputs.privateDnsEnabled ?? false,
        networkInterfaceIds: ((inputs.subnetIds as unknown[] | undefined) ?? []).map((_, i) => `eni-${id.slice(5)}${i}`),
        dnsEntries: [{ dnsName: `${id}-0fake.${String(inputs.serviceName).split(".").pop()}.${region}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }],
      };
    default:
      return {};
  }
}
