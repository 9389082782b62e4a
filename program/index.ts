// The program's public surface, for index.ts, tests and tools/plan.
export { runProgram, endpointServicesName, type ProgramDependencies } from "./program";
export { readProgramConfig, type ProgramConfig, type ConfigReading } from "./config/read";
export { StackConfigError, type ConfigIssue } from "./config/errors";
export { CloudApiAccessError } from "./apiAccess";
export { stackFileFacts, type StackFileFacts } from "./config/stackFile";
export { NAMESPACE, type StackConfig } from "./config/schema";
export { expandRegions, type RegionSpec } from "./regions";
export { TARGETS, type ProgramTarget } from "./targets";
export type { ProgramLookups, RegionRoute } from "./routes/types";
export type { RegionOutputs, StackOutputs } from "./outputs";
