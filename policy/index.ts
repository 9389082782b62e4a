// The pack's entry point for `pulumi preview --policy-pack policy`. Constructing a PolicyPack starts the analyzer
// server, so nothing else imports this file: tests and the offline plan use ./policies.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("crdb-private-endpoints", {
  description: "Private connectivity to CockroachDB Cloud: no public database port, private DNS on, no open allowlist.",
  displayName: "crdb-private-endpoints",
  policies,
});
