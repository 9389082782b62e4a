// Wire (snake_case) to SDK (camelCase) shapes, named and laid out like @pulumiverse/cockroach.
import type { PrivateEndpointService } from "./api/types";

export interface PrivateEndpointServiceAws {
  /** AWS service name used to create interface endpoints (same as `name`). */
  serviceName: string;
  /** `vpce-svc-...` (same as `endpointServiceId`). */
  serviceId: string;
  /** AZ IDs (e.g. use1-az1), not AZ names. */
  availabilityZoneIds: string[];
}

export interface PrivateEndpointServiceInfo {
  /** Cloud region code, e.g. "us-east-1". */
  regionName: string;
  /** "AWS" | "GCP" | "AZURE" */
  cloudProvider: string;
  /** "AVAILABLE" once usable; "CREATING" before. */
  status: string;
  /** AWS: the service name to create an interface endpoint for. GCP: the service attachment. Azure: the alias. */
  name: string;
  /** AWS: `vpce-svc-...`. Azure: the private link service resource ID. */
  endpointServiceId: string;
  /** AZ IDs (AWS) the service spans; create endpoint subnets in these. */
  availabilityZoneIds: string[];
  /** AWS only; duplicates the fields above (deprecated upstream, kept for compatibility). */
  aws?: PrivateEndpointServiceAws;
}

export function toServiceInfo(service: PrivateEndpointService): PrivateEndpointServiceInfo {
  const info: PrivateEndpointServiceInfo = {
    regionName: service.region_name,
    cloudProvider: service.cloud_provider,
    status: service.status,
    name: service.name,
    endpointServiceId: service.endpoint_service_id,
    availabilityZoneIds: [...(service.availability_zone_ids ?? [])],
  };
  if (service.aws) {
    info.aws = {
      serviceName: service.aws.service_name,
      serviceId: service.aws.service_id,
      availabilityZoneIds: [...(service.aws.availability_zone_ids ?? [])],
    };
  }
  return info;
}

/** Services keyed by region name. */
export function toServicesMap(services: PrivateEndpointServiceInfo[]): Record<string, PrivateEndpointServiceInfo> {
  const map: Record<string, PrivateEndpointServiceInfo> = {};
  for (const service of services) map[service.regionName] = service;
  return map;
}
