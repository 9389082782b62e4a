// The program's public surface, for index.ts, tests and tools/plan.
export { runProgram, endpointServicesName, type ProgramDependencies } from "./program";
export { readProgramConfig, type ProgramConfig, type ConfigReading } from "./config/read";
export { StackConfigError, type ConfigIssue } from "./config/errors";
export { CloudApiAccessError } from "./apiAccess";
export { stackFileFacts, type StackFileFacts } from "./config/stackFile";
export { NAMESPACE, type StackConfig } from "./config/schema";
export { expandRegions, regionComponentName, type RegionSpec } from "./regions";
export type { RegionOutputs, StackOutputs } from "./outputs";
