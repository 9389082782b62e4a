// A small stateful fake of the GCP resources the GCP paths create, standing in for the Google provider plugin (which
// cannot be installed here): IDs and self links as GCP forms them, the outputs GCP computes (an internal address
// inside its subnetwork's range, a numeric PSC connection ID, a peering INACTIVE until the other side exists),
// update vs replace from the shared replace-on-change table, and Read for refresh. It refuses what GCP refuses and
// the program could get wrong: references to things that do not exist, Service Directory before its API is on.
// A PSC forwarding rule is announced to a hook, so the fake Cloud API knows its connection ID and region.
import { Address4 } from "ip-address";
import { replacingChanges } from "../shared/replaceOnChange";
import { type PropertyMap, unwrapSecrets } from "./protocol";

export const GCP_TYPES = {
  service: "gcp:projects/service:Service",
  network: "gcp:compute/network:Network",
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  address: "gcp:compute/address:Address",
  forwardingRule: "gcp:compute/forwardingRule:ForwardingRule",
  peering: "gcp:compute/networkPeering:NetworkPeering",
  namespace: "gcp:servicedirectory/namespace:Namespace",
  managedZone: "gcp:dns/managedZone:ManagedZone",
  recordSet: "gcp:dns/recordSet:RecordSet",
} as const;

const COMPUTE = "https://www.googleapis.com/compute/v1/";

/** What the fake tells the hook about a PSC endpoint it created. */
export interface PscEndpointCreated {
  pscConnectionId: string;
  region: string;
  /** The service attachment the rule points at. */
  target: string;
  name: string;
}

export interface FakeGcpEvent {
  action: "create" | "update" | "delete";
  type: string;
  id: string;
  seq: number;
}

export interface FakeGcpOptions {
  /** The provider's project, for resources that name none. @default "app-project-dev" */
  project?: string;
  /** APIs already enabled in every project (compute always is). @default [] */
  enabledApis?: string[];
  /** The range of a subnetwork that exists outside the stack (by self link), or undefined. @default none exist */
  existingSubnetworkRange?(selfLink: string): string | undefined;
  /** Whether a service attachment exists (a producer's: not in this project). @default any well-formed URI does */
  serviceAttachmentExists?(uri: string): boolean;
  onPscEndpointCreated?(endpoint: PscEndpointCreated): void;
  /** Shared sequence so events here and at other fakes can be ordered against each other. */
  nextSeq?(): number;
}

interface Stored {
  type: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  /** What GCP computed at create (kept over the inputs on update: an input `ipAddress` is a reference, its output the IP). */
  computed: PropertyMap;
}

export class FakeGcp {
  /** Keyed by `type/id`. */
  readonly resources = new Map<string, Stored>();
  /** Every change applied, in order. */
  readonly events: FakeGcpEvent[] = [];
  /** `project/service` of every enabled API: disabling on delete is opt-in (disableOnDestroy), as in the provider. */
  readonly enabledApis = new Set<string>();
  /** Peerings made from the other side (network self link -> peer network self links), e.g. the Console request. */
  private readonly remotePeerings = new Map<string, Set<string>>();
  private counter = 0;
  private readonly project: string;
  private readonly nextSeq: () => number;

  constructor(private readonly options: FakeGcpOptions = {}) {
    this.project = options.project ?? "app-project-dev";
    let n = 0;
    this.nextSeq = options.nextSeq ?? (() => ++n);
  }

  static handles(type: string): boolean {
    return type.startsWith("gcp:");
  }

  /** Which inputs changed, and which of those replace the resource. */
  diff(type: string, oldInputs: PropertyMap, news: PropertyMap): { changed: string[]; replaces: string[] } {
    const olds = unwrapSecrets(oldInputs) as PropertyMap;
    const plain = unwrapSecrets(news) as PropertyMap;
    const keys = new Set([...Object.keys(olds), ...Object.keys(plain)].filter((k) => k !== "__defaults"));
    const changed = [...keys].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(plain[k])).sort();
    return { changed, replaces: replacingChanges(type, olds, plain).filter((k) => changed.includes(k)) };
  }

  create(type: string, urnName: string, rawInputs: PropertyMap): { id: string; outputs: PropertyMap } {
    const inputs = unwrapSecrets(rawInputs) as PropertyMap;
    const project = typeof inputs.project === "string" ? inputs.project : this.project;
    // Auto-naming as the provider does it: the resource's name plus a random-looking suffix.
    const name = typeof inputs.name === "string" ? inputs.name : `${urnName}-${(++this.counter).toString(16).padStart(7, "0")}`;
    const { id, computed } = this.build(type, name, project, inputs);
    if (this.resources.has(key(type, id))) throw new Error(`googleapi: Error 409: The resource '${id}' already exists, alreadyExists`);
    // Services have no name of their own in GCP; everything else reports the (given or generated) name.
    const outputs: PropertyMap = { ...inputs, ...(type === GCP_TYPES.service ? {} : { name }), project, id, ...computed };
    this.resources.set(key(type, id), { type, inputs, outputs, computed });
    if (type === GCP_TYPES.service) this.enabledApis.add(`${project}/${String(inputs.service)}`);
    this.events.push({ action: "create", type, id, seq: this.nextSeq() });
    if (type === GCP_TYPES.forwardingRule) {
      this.options.onPscEndpointCreated?.({ pscConnectionId: String(outputs.pscConnectionId), region: String(inputs.region), target: String(inputs.target), name });
    }
    return { id, outputs: this.withState(type, outputs) };
  }

  update(type: string, id: string, news: PropertyMap): PropertyMap {
    const stored = this.require(type, id);
    const inputs = unwrapSecrets(news) as PropertyMap;
    stored.inputs = inputs;
    stored.outputs = { ...stored.outputs, ...inputs, ...stored.computed };
    this.events.push({ action: "update", type, id, seq: this.nextSeq() });
    return this.withState(type, stored.outputs);
  }

  delete(type: string, id: string): void {
    const stored = this.resources.get(key(type, id));
    if (!stored) return; // already gone: 404 on delete is success, as in the provider
    const dependents = this.dependentsOf(stored);
    if (dependents.length > 0) {
      throw new Error(`googleapi: Error 400: The resource '${id}' is already being used by '${dependents[0]}', resourceInUseByAnotherResource`);
    }
    this.resources.delete(key(type, id));
    if (type === GCP_TYPES.service && stored.inputs.disableOnDestroy !== false) this.enabledApis.delete(`${String(stored.outputs.project)}/${String(stored.inputs.service)}`);
    this.events.push({ action: "delete", type, id, seq: this.nextSeq() });
  }

  read(type: string, id: string): PropertyMap | undefined {
    const stored = this.resources.get(key(type, id));
    return stored && this.withState(type, stored.outputs);
  }

  ids(type: string): string[] {
    return [...this.resources.entries()].filter(([, r]) => r.type === type).map(([k]) => k.slice(type.length + 1));
  }

  /** The network's other side creates its peering (for CockroachDB, the Console's "accept peering" request). */
  peerFromOtherSide(network: string, peerNetwork: string): void {
    this.remotePeerings.set(selfLink(network), (this.remotePeerings.get(selfLink(network)) ?? new Set()).add(selfLink(peerNetwork)));
  }

  /** A subnetwork's range, whether the stack created it or it existed before. */
  subnetworkRange(ref: string): string | undefined {
    const created = this.resources.get(key(GCP_TYPES.subnetwork, resourceId(ref)));
    if (created) return String(created.inputs.ipCidrRange);
    return this.options.existingSubnetworkRange?.(selfLink(ref));
  }

  private build(type: string, name: string, project: string, inputs: PropertyMap): { id: string; computed: PropertyMap } {
    const region = String(inputs.region ?? "");
    const link = (id: string) => ({ id, computed: { selfLink: `${COMPUTE}${id}` } as PropertyMap });
    switch (type) {
      case GCP_TYPES.service:
        return { id: `${project}/${String(inputs.service)}`, computed: {} };
      case GCP_TYPES.network:
        return link(`projects/${project}/global/networks/${name}`);
      case GCP_TYPES.subnetwork: {
        this.requireRef(GCP_TYPES.network, inputs.network, "network");
        const range = new Address4(String(inputs.ipCidrRange));
        const built = link(`projects/${project}/regions/${region}/subnetworks/${name}`);
        return { id: built.id, computed: { ...built.computed, gatewayAddress: offset(range, 1), network: `${COMPUTE}${resourceId(String(inputs.network))}` } };
      }
      case GCP_TYPES.address: {
        const built = link(`projects/${project}/regions/${region}/addresses/${name}`);
        return { id: built.id, computed: { ...built.computed, address: this.allocate(String(inputs.subnetwork)), status: "RESERVED", addressType: inputs.addressType ?? "EXTERNAL" } };
      }
      case GCP_TYPES.forwardingRule: {
        if (!/^projects\/[^/]+\/regions\/[^/]+\/serviceAttachments\/[^/]+$/.test(String(inputs.target))) {
          throw new Error(`googleapi: Error 400: Invalid value for field 'resource.target': '${String(inputs.target)}'. A Private Service Connect endpoint's target must be a service attachment, invalid`);
        }
        if (this.options.serviceAttachmentExists?.(String(inputs.target)) === false) {
          throw new Error(`googleapi: Error 404: The resource '${String(inputs.target)}' was not found, notFound`);
        }
        const address = this.requireRef(GCP_TYPES.address, inputs.ipAddress, "ipAddress");
        // One forwarding rule per reserved internal address: a second rule on it is refused, even during a replace.
        const user = [...this.resources.values()].find((r) => r.type === GCP_TYPES.forwardingRule && r.outputs.ipAddress === address.outputs.address);
        if (user) {
          throw new Error(`googleapi: Error 400: IP_IN_USE_BY_ANOTHER_RESOURCE - IP '${String(address.outputs.address)}' is already being used by another resource: '${String(user.outputs.id)}'`);
        }
        const built = link(`projects/${project}/regions/${region}/forwardingRules/${name}`);
        // GCP's PSC connection ID: a 64-bit number, sent as a decimal string.
        const pscConnectionId = String(6133183410995353n + BigInt(++this.counter) * 1_000_003n);
        return { id: built.id, computed: { ...built.computed, ipAddress: address.outputs.address, pscConnectionId, pscConnectionStatus: "ACCEPTED", baseForwardingRule: "" } };
      }
      case GCP_TYPES.peering:
        this.requireRef(GCP_TYPES.network, inputs.network, "network");
        return { id: `${resourceId(String(inputs.network)).split("/").pop()}/${name}`, computed: {} };
      case GCP_TYPES.namespace: {
        if (!this.enabledApis.has(`${project}/servicedirectory.googleapis.com`) && !this.options.enabledApis?.includes("servicedirectory.googleapis.com")) {
          throw new Error(`googleapi: Error 403: Service Directory API has not been used in project ${project} before or it is disabled, SERVICE_DISABLED`);
        }
        const id = `projects/${project}/locations/${String(inputs.location)}/namespaces/${String(inputs.namespaceId)}`;
        return { id, computed: { name: id } };
      }
      case GCP_TYPES.managedZone:
        return { id: `projects/${project}/managedZones/${name}`, computed: { managedZoneId: String(4_000_000 + this.counter), nameServers: ["ns-gcp-private.googledomains.com."] } };
      case GCP_TYPES.recordSet: {
        const zone = [...this.resources.values()].find((r) => r.type === GCP_TYPES.managedZone && r.outputs.name === inputs.managedZone);
        if (!zone) throw new Error(`googleapi: Error 404: The 'parameters.managedZone' resource named '${String(inputs.managedZone)}' does not exist., notFound`);
        if (!String(inputs.name).endsWith(String(zone.inputs.dnsName))) throw new Error(`googleapi: Error 400: ${String(inputs.name)} is not within zone ${String(zone.inputs.dnsName)}, invalid`);
        return { id: `projects/${project}/managedZones/${String(inputs.managedZone)}/rrsets/${String(inputs.name)}/${String(inputs.type)}`, computed: {} };
      }
      default:
        throw new Error(`the fake GCP project has no resource type ${type}`);
    }
  }

  /** The next free address of the subnetwork: GCP keeps the first two (network, gateway) and the last two. */
  private allocate(subnetwork: string): string {
    const cidr = this.subnetworkRange(subnetwork);
    if (!cidr) throw new Error(`googleapi: Error 404: The resource '${subnetwork}' was not found, notFound`);
    const range = new Address4(cidr);
    const taken = new Set([...this.resources.values()].filter((r) => r.type === GCP_TYPES.address).map((r) => String(r.outputs.address)));
    const size = Number(range.endAddress().bigInt() - range.startAddress().bigInt()) + 1;
    for (let i = 2; i < size - 2; i++) if (!taken.has(offset(range, i))) return offset(range, i);
    throw new Error(`googleapi: Error 400: IP space of '${subnetwork}' is exhausted, ipSpaceExhausted`);
  }

  private require(type: string, id: string): Stored {
    const stored = this.resources.get(key(type, id));
    if (!stored) throw new Error(`googleapi: Error 404: The resource '${id}' was not found, notFound`);
    return stored;
  }

  private requireRef(type: string, ref: unknown, field: string): Stored {
    const stored = typeof ref === "string" ? this.resources.get(key(type, resourceId(ref))) : undefined;
    if (stored) return stored;
    // Existing networks (not created here) are GCP's business: accept them by shape.
    if (type === GCP_TYPES.network && typeof ref === "string" && /projects\/[^/]+\/global\/networks\/[^/]+$/.test(ref)) return { type, inputs: {}, outputs: {}, computed: {} };
    throw new Error(`googleapi: Error 404: The resource '${String(ref)}' (${field}) was not found, notFound`);
  }

  /** Resources that still reference this one: GCP refuses to delete a network with subnetworks, an address in use... */
  private dependentsOf(stored: Stored): string[] {
    const refs = [String(stored.outputs.id), String(stored.outputs.selfLink ?? "")].filter((v) => v !== "" && v !== "undefined");
    return [...this.resources.values()]
      .filter((r) => r !== stored && r.type !== GCP_TYPES.service)
      .filter((r) => ["network", "subnetwork", "ipAddress"].some((f) => refs.some((ref) => resourceId(String(r.inputs[f] ?? "")) === resourceId(ref))))
      .map((r) => String(r.outputs.id));
  }

  /** NetworkPeering.state is computed on read: ACTIVE once the peer network has a peering back. */
  private withState(type: string, outputs: PropertyMap): PropertyMap {
    if (type !== GCP_TYPES.peering) return outputs;
    const back = this.remotePeerings.get(selfLink(String(outputs.peerNetwork)))?.has(selfLink(String(outputs.network))) ?? false;
    return back
      ? { ...outputs, state: "ACTIVE", stateDetails: "[2026-12-02] Connected." }
      : { ...outputs, state: "INACTIVE", stateDetails: "[2026-12-02] Waiting for the peer network to create a peering." };
  }
}

function key(type: string, id: string): string {
  return `${type}/${id}`;
}

/** `projects/…` from a self link or an ID. */
export function resourceId(ref: string): string {
  return ref.startsWith(COMPUTE) ? ref.slice(COMPUTE.length) : ref;
}

function selfLink(ref: string): string {
  return `${COMPUTE}${resourceId(ref)}`;
}

function offset(range: Address4, n: number): string {
  return Address4.fromBigInt(range.startAddress().bigInt() + BigInt(n)).correctForm();
}
