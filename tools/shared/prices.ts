// Published unit prices (us-east-1, USD), with where each comes from. Prices change: check the pages before quoting.

export interface UnitPrice {
  readonly usd: number;
  readonly source: string;
}

/** Hours in a billing month, as AWS's pricing pages count them. */
export const HOURS_PER_MONTH = 730;

export const PRICES = {
  interfaceEndpointAzHour: {
    usd: 0.01,
    source: "aws.amazon.com/privatelink/pricing: per endpoint per AZ-hour, billed whatever the association state",
  },
  interfaceEndpointGb: {
    usd: 0.01,
    source: "aws.amazon.com/privatelink/pricing: data processed, first PB per month",
  },
  natGatewayHour: { usd: 0.045, source: "aws.amazon.com/vpc/pricing: NAT gateway per hour (US East)" },
  natGatewayGb: { usd: 0.045, source: "aws.amazon.com/vpc/pricing: NAT gateway data processed per GB" },
  publicIpv4Hour: {
    usd: 0.005,
    source: "aws.amazon.com/vpc/pricing (public IPv4 addresses, since 2024-02-01): per in-use address per hour",
  },
  pscEndpointHour: {
    usd: 0.01,
    source: "cloud.google.com/vpc/pricing#psc-forwarding-rules: per PSC endpoint per hour (UNVERIFIED here: the page could not be read; commonly quoted)",
  },
  pscGb: {
    usd: 0.01,
    source: "cloud.google.com/vpc/pricing#psc-forwarding-rules: consumer data processing per GiB (as cited by TiDB Cloud billing docs)",
  },
} as const satisfies Record<string, UnitPrice>;

export type Prices = { readonly [K in keyof typeof PRICES]: UnitPrice };
