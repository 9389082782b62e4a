// Source rewrites tried in a scratch copy of the program, to measure what they save in type-check time. The bench
// never edits components/ or program/: it reports the change and its effect, and a maintainer applies it.

const ROOT_IMPORT = /^import \* as aws from "@pulumi\/aws";\n/m;
const AWS_MEMBER = /\baws\.(?:([a-z][A-Za-z0-9]*)\.)?([A-Za-z][A-Za-z0-9]*)\b/g;

/**
 * `import * as aws from "@pulumi/aws"` (all ~300 service namespaces, ~2,700 declaration files) becomes one import per
 * class or function used, from its own module: `aws.ec2.Vpc` -> `import { Vpc } from "@pulumi/aws/ec2/vpc"`,
 * `aws.getRegion` -> `import { getRegion } from "@pulumi/aws/getRegion"`. Returns the source unchanged when it does
 * not import the root. @throws when two members would import the same name
 */
export function perModuleAwsImports(source: string): string {
  if (!ROOT_IMPORT.test(source)) return source;
  const modules = new Map<string, string>();
  const body = source.replace(ROOT_IMPORT, "").replace(AWS_MEMBER, (_match, namespace: string | undefined, member: string) => {
    // aws.ec2 alone (a namespace used as a value) has no member to import: leave the source to fail the check.
    const module = `@pulumi/aws/${namespace ? `${namespace}/` : ""}${member.charAt(0).toLowerCase()}${member.slice(1)}`;
    const known = modules.get(member);
    if (known !== undefined && known !== module) throw new Error(`${member} would be imported from ${known} and ${module}`);
    modules.set(member, module);
    return member;
  });
  const imports = [...modules].sort(([, a], [, b]) => a.localeCompare(b)).map(([name, module]) => `import { ${name} } from "${module}";\n`);
  return insertAfterLeadingComments(body, imports.join(""));
}

const SDK_TYPE = 'typeof import("@aws-sdk/client-ec2")';

/** The part of @aws-sdk/client-ec2 that components/aws/ec2EndpointState.ts uses, as a local type. */
export const EC2_SDK_SHAPE = `
/** The part of @aws-sdk/client-ec2 used here: a local type keeps the SDK's ~1,000 declaration files out of type checks. */
interface Ec2Sdk {
  EC2Client: new (config: {
    region?: string;
    profile?: string;
    endpoint?: string;
    credentials?: StaticAwsCredentials;
    maxAttempts: number;
    requestHandler: { connectionTimeout: number; requestTimeout: number };
  }) => {
    config: { region(): Promise<string> };
    send(command: unknown): Promise<{
      VpcEndpoints?: {
        VpcEndpointId?: string;
        State?: string;
        PrivateDnsEnabled?: boolean;
        DnsEntries?: { DnsName?: string; HostedZoneId?: string }[];
        LastError?: { Code?: string; Message?: string };
        FailureReason?: string;
      }[];
    }>;
    destroy(): void;
  };
  DescribeVpcEndpointsCommand: new (input: { VpcEndpointIds: string[] }) => unknown;
}
`;

/** `typeof import("@aws-sdk/client-ec2")` becomes `Ec2Sdk`, declared at the end of the file. */
export function narrowEc2SdkType(source: string): string {
  if (!source.includes(SDK_TYPE)) return source;
  return `${source.split(SDK_TYPE).join("Ec2Sdk")}${EC2_SDK_SHAPE}`;
}

function insertAfterLeadingComments(source: string, text: string): string {
  const match = /^(?:\/\/.*\n)*/.exec(source);
  const at = match ? match[0].length : 0;
  return `${source.slice(0, at)}${text}${source.slice(at)}`;
}
