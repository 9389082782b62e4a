// Which input changes force a cloud resource to be replaced rather than updated in place. One table, used by the
// lifecycle engine (tools/engine) to decide update vs replace for the fake clouds, and by the plan diff (tools/plan)
// to tell a reviewer what a change replaces. Dynamic resources are not listed: their own `diff` decides.
//
// Sources: the Terraform AWS provider's ForceNew schema attributes (which @pulumi/aws 7 bridges), the resources' API
// reference pages, and `docs/enhanced-region-support.md` of pulumi-aws ("changing `region` replaces the resource").

/** Resource type token -> input properties whose change replaces the resource. */
export const REPLACE_ON_CHANGE: Readonly<Record<string, readonly string[]>> = {
  "aws:ec2/vpc:Vpc": ["cidrBlock", "instanceTenancy", "ipv4IpamPoolId", "ipv4NetmaskLength", "region"],
  "aws:ec2/subnet:Subnet": ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "outpostArn", "region"],
  "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix", "description", "vpcId", "region"],
  // The VPC-level rule resources modify rules in place (ModifySecurityGroupRules); only the group moves them.
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["securityGroupId", "region"],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["securityGroupId", "region"],
  "aws:ec2/securityGroupRule:SecurityGroupRule": [
    "securityGroupId", "type", "protocol", "fromPort", "toPort", "cidrBlocks", "ipv6CidrBlocks", "prefixListIds",
    "sourceSecurityGroupId", "self", "region",
  ],
  // subnetIds, securityGroupIds, privateDnsEnabled, policy, dnsOptions and tags are modified in place.
  "aws:ec2/vpcEndpoint:VpcEndpoint": [
    "vpcId", "serviceName", "vpcEndpointType", "serviceRegion", "resourceConfigurationArn", "serviceNetworkArn",
    "region",
  ],
  "aws:vpc/endpointPrivateDns:EndpointPrivateDns": ["vpcEndpointId", "region"],
  // GCP (google provider ForceNew attributes), for the GCP paths.
  "gcp:compute/network:Network": ["name", "autoCreateSubnetworks", "project", "mtu"],
  "gcp:compute/subnetwork:Subnetwork": ["name", "network", "region", "project", "purpose"],
  "gcp:compute/address:Address": ["name", "address", "addressType", "subnetwork", "region", "project", "purpose"],
  "gcp:compute/forwardingRule:ForwardingRule": [
    "name", "target", "network", "subnetwork", "ipAddress", "loadBalancingScheme", "region", "project",
    "allowPscGlobalAccess", "serviceDirectoryRegistrations", "noAutomateDnsZone",
  ],
  "gcp:compute/networkPeering:NetworkPeering": ["name", "network", "peerNetwork"],
  "gcp:dns/managedZone:ManagedZone": ["name", "dnsName", "visibility", "project"],
  "gcp:dns/recordSet:RecordSet": ["name", "managedZone", "type", "project"],
  "gcp:servicedirectory/namespace:Namespace": ["namespaceId", "location", "project"],
  "gcp:projects/service:Service": ["service", "project"],
};

/** The properties of `type` whose value differs between `olds` and `news` and force a replace (sorted). */
export function replacingChanges(
  type: string,
  olds: Readonly<Record<string, unknown>>,
  news: Readonly<Record<string, unknown>>,
): string[] {
  const keys = REPLACE_ON_CHANGE[type] ?? [];
  return keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k])).sort();
}
