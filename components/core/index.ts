// Public surface of the vendor-neutral core: the one shape of a problem with an input (what the library's errors
// carry) and its one-line format, and the rule for each plain value, as the stack config, the library's argument
// checks and the providers apply it. Each check returns undefined, or what is wrong and what is allowed.
export { type Problem, describeProblem } from "./problem";
export {
  type Check,
  type Invalid,
  checkAwsAccountId,
  checkAwsRegion,
  checkAzId,
  checkClusterId,
  checkPort,
  checkSourceCidr,
  checkVpcCidr,
} from "./checks";
