// Public surface of the vendor-neutral core: the rule for each plain value, as the stack config, the library's
// argument checks and the providers apply it. Each check returns undefined, or what is wrong and what is allowed.
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
