// What every CockroachDB Cloud provider shares: its tuning, and the stack config the engine hands to configure().
// Runs from the serialized closure like its subclasses: plain fields, no module state. Subclasses declare their
// constructor explicitly: once serialized, an implicit derived constructor drops its arguments.
import type * as pulumi from "@pulumi/pulumi";
import type { CockroachCloudClient } from "../api/client";
import { settingsFromConfig, type ConfiguredSettings } from "../api/settings";
import { clientFor, type ProviderTuning } from "./tuning";

export abstract class CloudApiProvider {
  protected declare readonly tuning: ProviderTuning;
  /** `cockroach:apikey` / `cockroach:server` from stack config, when the engine called configure(). */
  protected declare configured?: ConfiguredSettings;

  constructor(tuning: ProviderTuning = {}) {
    this.tuning = tuning;
  }

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.configured = settingsFromConfig(req.config);
  }

  /**
   * A client for one provider call; the key and server are resolved per request, never stored. Give it the
   * operation's deadline (operationDeadline) so no request, retry or Retry-After sleep outlives it.
   */
  protected client(deadline?: number): CockroachCloudClient {
    return clientFor(this.tuning, this.configured, deadline);
  }
}
