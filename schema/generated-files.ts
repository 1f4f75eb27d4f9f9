/**
 * What schema/generate-types.ts writes and the command that runs it. Apart from the generator so that
 * the staleness test can name them without loading json-schema-to-typescript (see that test).
 */
export const GENERATE_COMMAND = "npm run gen:types";
export const SITE_OUT = "spec/generated/site-file.ts";
export const TENANT_OUT = "spec/generated/tenant-file.ts";
export const POLICY_OUT = "spec/generated/policy-file.ts";
export const WAIVERS_OUT = "spec/generated/waivers-file.ts";
export const APPROVERS_OUT = "spec/generated/approvers-file.ts";
