// Which field of a GCP endpoint service carries the service attachment URI is not documented: accept a full URI from
// `endpoint_service_id` or `name` (if exactly one holds one, or both the same), else fail showing both fields. One
// pure function, used at plan time (services already listed) and at deploy time (services created by this stack).
import { isServiceAttachmentUri } from "../../core/gcpChecks";

export interface ServiceAttachmentChoice {
  /** The URI, when one could be chosen. */
  uri?: string;
  /** Why none could, naming both fields. */
  reason?: string;
}

export function serviceAttachmentOf(service: { name: string; endpointServiceId: string }): ServiceAttachmentChoice {
  const fromId = isServiceAttachmentUri(service.endpointServiceId) ? service.endpointServiceId : undefined;
  const fromName = isServiceAttachmentUri(service.name) ? service.name : undefined;
  if (fromId !== undefined && fromName !== undefined && fromId !== fromName) {
    return {
      reason:
        `the endpoint service holds two different service attachment URIs (endpoint_service_id ${JSON.stringify(fromId)}, ` +
        `name ${JSON.stringify(fromName)})`,
    };
  }
  const uri = fromId ?? fromName;
  if (uri !== undefined) return { uri };
  return {
    reason:
      `neither field of the endpoint service is a service attachment URI (endpoint_service_id ` +
      `${JSON.stringify(service.endpointServiceId)}, name ${JSON.stringify(service.name)})`,
  };
}

/** What to set when the URI cannot be read: the override. */
export const SERVICE_ATTACHMENT_OVERRIDE =
  "serviceAttachment set to the URI the CockroachDB Cloud Console shows for the region (projects/<project>/regions/<region>/serviceAttachments/<name>)";
