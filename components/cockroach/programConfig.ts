// Stack config as the program process sees it. Kept out of api/settings.ts so that no module a provider method
// references mentions `@pulumi/pulumi` (heavy, and not needed in the provider process); required lazily here.
import { nonEmpty, type ConfiguredSettings } from "./api/settings";

/** `cockroach:apikey` and `cockroach:server` from the stack's config. */
export function settingsFromProgramConfig(): ConfiguredSettings {
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  return {
    apiKey: nonEmpty(pulumi.runtime.getConfig("cockroach:apikey")),
    server: nonEmpty(pulumi.runtime.getConfig("cockroach:server")),
  };
}
