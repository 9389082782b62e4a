// The scratch rewrites the type-check bench measures: exact output on small sources.
import { describe, expect, it } from "vitest";
import { narrowEc2SdkType, perModuleAwsImports } from "../../bench/typecheck/rewrites";

describe("perModuleAwsImports", () => {
  it("imports each used class and function from its own module and drops the root import", () => {
    const source = [
      "// A comment stays on top.",
      'import * as aws from "@pulumi/aws";',
      'import * as pulumi from "@pulumi/pulumi";',
      "const v: aws.ec2.Vpc = new aws.ec2.Vpc('v', {});",
      "new aws.vpc.SecurityGroupIngressRule('r', {});",
      "if (aws.Provider.isInstance(p)) await aws.getRegion({});",
      "",
    ].join("\n");
    expect(perModuleAwsImports(source)).toBe(
      [
        "// A comment stays on top.",
        'import { Vpc } from "@pulumi/aws/ec2/vpc";',
        'import { getRegion } from "@pulumi/aws/getRegion";',
        'import { Provider } from "@pulumi/aws/provider";',
        'import { SecurityGroupIngressRule } from "@pulumi/aws/vpc/securityGroupIngressRule";',
        'import * as pulumi from "@pulumi/pulumi";',
        "const v: Vpc = new Vpc('v', {});",
        "new SecurityGroupIngressRule('r', {});",
        "if (Provider.isInstance(p)) await getRegion({});",
        "",
      ].join("\n"),
    );
  });

  it("leaves a file without the root import alone", () => {
    const source = 'import { Vpc } from "@pulumi/aws/ec2/vpc";\nconst awsome = aws.ec2.Vpc;\n';
    expect(perModuleAwsImports(source)).toBe(source);
  });

  it("refuses two members that would import the same name", () => {
    const source = 'import * as aws from "@pulumi/aws";\naws.ec2.Route; aws.ec2transitgateway.Route;\n';
    expect(() => perModuleAwsImports(source)).toThrow("Route would be imported from @pulumi/aws/ec2/route and @pulumi/aws/ec2transitgateway/route");
  });
});

describe("narrowEc2SdkType", () => {
  it("replaces the SDK module type with a local shape of what is used", () => {
    const out = narrowEc2SdkType('const sdk = require("@aws-sdk/client-ec2") as typeof import("@aws-sdk/client-ec2");\n');
    expect(out).toMatch(/^const sdk = require\("@aws-sdk\/client-ec2"\) as Ec2Sdk;\n/);
    expect(out).toContain("interface Ec2Sdk {");
    expect(out).not.toContain('import("@aws-sdk/client-ec2")');
  });
});
