// The AWS interface endpoint path, vendor-neutral: a target (what to connect to) supplies the service, port,
// registration and private DNS timing; the path registers the network side under the caller's component.
export {
  buildInterfaceEndpoint,
  type InterfaceEndpoint,
  type InterfaceEndpointPlan,
  type InterfaceEndpointTarget,
  type PlannedSubnet,
} from "./interfaceEndpoint";
