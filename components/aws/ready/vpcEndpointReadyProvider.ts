// The dynamic provider behind VpcEndpointReady. It runs in the pulumi-nodejs provider process from its serialized
// closure (docs/design.md): methods use only their parameters, `this`, our own local modules and require() calls
// made inside function bodies; env and config are read when a method runs, never captured.
import type { dynamic } from "@pulumi/pulumi";
import { pollUntil, WaitTimeoutError } from "../../core/poll";
import {
  openEc2EndpointReader,
  type Ec2Settings,
  type ObservedVpcEndpoint,
  type StaticAwsCredentials,
} from "./ec2EndpointState";
import { heldCredentials, holdCredentials } from "./heldCredentials";
import { availabilityVerdict, timeoutHint } from "./vpcEndpointAvailability";
import {
  DEFAULT_TIMEOUT_MINUTES,
  vpcEndpointReadyFailures,
  type VpcEndpointReadyInputs as Inputs,
  type VpcEndpointReadyOutputs as Outputs,
} from "./vpcEndpointReadyInputs";

/** Tuning for tests. Everything here but `credentials` is serialized into state in plain text with the provider. */
export interface VpcEndpointReadyProviderOptions {
  /** First pause between observations. @default 2000 */
  minIntervalMs?: number;
  /** Longest pause between observations. @default 5000 */
  maxIntervalMs?: number;
  /** Overrides the `timeoutMinutes` input. */
  timeoutMs?: number;
  /** EC2 API URL, e.g. a local fake. @default the SDK's regional endpoint */
  endpoint?: string;
  /**
   * Static credentials instead of the SDK default chain, for fakes. Never serialized: they work only in the process
   * that constructed the provider (tests), and a provider run from state with them set fails saying so.
   */
  credentials?: StaticAwsCredentials;
  /**
   * Longest one DescribeVpcEndpoints may take; a request is also cut when the wait's time is up.
   * @default 15000
   */
  requestTimeoutMs?: number;
  /** Where progress lines go. @default stderr of the provider process (`pulumi up --debug` shows it) */
  onProgress?: (line: string) => void;
}

/** The SDK's own default would let a hung request run 15 minutes (its socket idle timeout). */
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** How long a refresh keeps observing through throttling and transient errors before giving up. */
const READ_TIMEOUT_MS = 60_000;

/**
 * Waits, read-only, until a VPC endpoint is `available` (DescribeVpcEndpoints is the only AWS call it makes).
 *
 * Credentials and region come from the AWS SDK default chain when a method runs (env, AWS_PROFILE, SSO, web
 * identity, container/instance role), with stack config `aws:region` and `aws:profile` applied on top through
 * `configure`. Limit: anything configured only on the Pulumi AWS provider beyond those two keys, notably
 * `aws:assumeRoles` or an explicit `aws.Provider`'s credentials, is not seen by this wait; pipelines that assume a
 * role there should also export it to the environment (AWS_PROFILE, AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE, or
 * session env vars) or pass `region` explicitly for the region part.
 */
export class VpcEndpointReadyProvider implements dynamic.ResourceProvider<Inputs, Outputs> {
  // Set by `configure` in the provider process; never present when the provider is serialized.
  private configuredRegion: string | undefined;
  private configuredProfile: string | undefined;
  private readonly options: Omit<VpcEndpointReadyProviderOptions, "credentials">;
  /** Stands for `options.credentials`, which stay in this process (see heldCredentials.ts). */
  private readonly credentialsHandle: string | undefined;

  constructor(options: VpcEndpointReadyProviderOptions = {}) {
    const { credentials, ...serializable } = options;
    this.options = serializable;
    this.credentialsHandle = credentials ? holdCredentials(credentials) : undefined;
  }

  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    // The Pulumi AWS provider's config does not reach the SDK by itself; the engine hands dynamic providers all of it.
    this.configuredRegion = req.config.get("aws:region") || undefined;
    this.configuredProfile = req.config.get("aws:profile") || undefined;
  }

  async check(_olds: Inputs, news: Inputs): Promise<dynamic.CheckResult<Inputs>> {
    return { inputs: news, failures: vpcEndpointReadyFailures({ ...news }) };
  }

  async diff(_id: string, olds: Outputs, news: Inputs): Promise<dynamic.DiffResult> {
    const replaces: string[] = [];
    if (news.vpcEndpointId !== olds.vpcEndpointId) replaces.push("vpcEndpointId");
    // Without an explicit region the new one is known only if config or env names it; a profile's region is not
    // resolved here, and then the old region stands.
    const newRegion = news.region || this.defaultRegion();
    if (newRegion !== undefined && newRegion !== olds.region) replaces.push("region");
    const timeoutChanged =
      (news.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES) !== (olds.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES);
    const expectationChanged = news.privateDnsEnabled !== undefined && news.privateDnsEnabled !== olds.privateDnsEnabled;
    return {
      changes: replaces.length > 0 || timeoutChanged || expectationChanged,
      replaces,
      deleteBeforeReplace: false,
    };
  }

  async create(inputs: Inputs): Promise<dynamic.CreateResult<Outputs>> {
    return { id: inputs.vpcEndpointId, outs: await this.waitUntilAvailable(inputs) };
  }

  async update(_id: string, _olds: Outputs, news: Inputs): Promise<dynamic.UpdateResult<Outputs>> {
    return { outs: await this.waitUntilAvailable(news) };
  }

  async read(id: string, props?: Outputs): Promise<dynamic.ReadResult<Outputs>> {
    const vpcEndpointId = props?.vpcEndpointId ?? id;
    const timeoutMs = this.options.timeoutMs ?? READ_TIMEOUT_MS;
    let deadline: number | undefined;
    const ec2 = await openEc2EndpointReader(this.ec2Settings(props?.region));
    try {
      const observed = await pollUntil({
        description: `VPC endpoint ${vpcEndpointId} in ${ec2.region} to be described`,
        timeoutMs,
        minIntervalMs: this.options.minIntervalMs ?? 2000,
        maxIntervalMs: this.options.maxIntervalMs ?? 5000,
        observe: () => ec2.describe(vpcEndpointId, (deadline ??= Date.now() + timeoutMs)),
        check: (endpoint) => ({ done: true, value: endpoint }),
        onProgress: this.options.onProgress,
      });
      // EC2 keeps describing a deleted endpoint for a while; for Pulumi it is gone either way.
      if (!observed || observed.state.toLowerCase() === "deleted") return { id: "", props: {} as Outputs };
      return { id, props: { ...props, ...outputsOf(observed, ec2.region, props?.timeoutMinutes) } };
    } finally {
      ec2.close();
    }
  }

  /** Nothing exists in AWS because of this resource: it only waited. */
  async delete(): Promise<void> {}

  private async waitUntilAvailable(inputs: Inputs): Promise<Outputs> {
    const { vpcEndpointId } = inputs;
    const timeoutMs = this.options.timeoutMs ?? (inputs.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES) * 60_000;
    // pollUntil bounds the waiting between observations; `deadline` bounds each observation, so none outlives the
    // wait. pollUntil starts its clock right before its first observation: the deadline is taken there too.
    let deadline: number | undefined;
    // The last state EC2 reported, for the timeout message when the last observation was a failed call.
    let lastSeen: string | undefined;
    const ec2 = await openEc2EndpointReader(this.ec2Settings(inputs.region));
    try {
      const available = await pollUntil({
        description: `VPC endpoint ${vpcEndpointId} in ${ec2.region} to be available`,
        timeoutMs,
        minIntervalMs: this.options.minIntervalMs ?? 2000,
        maxIntervalMs: this.options.maxIntervalMs ?? 5000,
        observe: () => ec2.describe(vpcEndpointId, (deadline ??= Date.now() + timeoutMs)),
        check: (observed) => {
          const verdict = availabilityVerdict(vpcEndpointId, ec2.region, observed, inputs.privateDnsEnabled);
          if (!verdict.done) lastSeen = verdict.status;
          return verdict;
        },
        onProgress: this.options.onProgress,
      });
      return outputsOf(available, ec2.region, inputs.timeoutMinutes);
    } catch (err) {
      if (err instanceof WaitTimeoutError) {
        const seen = lastSeen !== undefined && lastSeen !== err.lastStatus ? ` The endpoint was last seen ${lastSeen}.` : "";
        const hint = timeoutHint(lastSeen ?? err.lastStatus);
        throw new Error(`${err.message}${seen}${hint ? ` ${hint}` : ""}`);
      }
      throw err;
    } finally {
      ec2.close();
    }
  }

  private defaultRegion(): string | undefined {
    return this.configuredRegion || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined;
  }

  private ec2Settings(region: string | undefined): Ec2Settings {
    return {
      // The SDK ignores AWS_DEFAULT_REGION, which the Pulumi AWS provider honours; undefined defers to the profile.
      region: region || this.defaultRegion(),
      profile: this.configuredProfile,
      endpoint: this.options.endpoint,
      credentials: this.credentialsHandle === undefined ? undefined : heldCredentials(this.credentialsHandle),
      requestTimeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    };
  }
}

function outputsOf(endpoint: ObservedVpcEndpoint, region: string, timeoutMinutes: number | undefined): Outputs {
  return {
    vpcEndpointId: endpoint.vpcEndpointId,
    region,
    ...(timeoutMinutes !== undefined ? { timeoutMinutes } : {}),
    state: endpoint.state,
    dnsEntries: endpoint.dnsEntries,
    privateDnsEnabled: endpoint.privateDnsEnabled,
  };
}
