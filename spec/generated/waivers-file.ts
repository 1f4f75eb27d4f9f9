/**
 * Generated from schema/waivers.schema.json by `npm run gen:types` (npx tsx schema/generate-types.ts): do not edit.
 * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.
 * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.
 */

/**
 * Findings the site accepts, each with its reason, approver, ticket and expiry. Written as sites/<site>/waivers.yaml; synth records them in the facility stack, so a later check of the output sees the same waivers, and every waiver shows in every report.
 */
export interface WaiversFile {
  $schema?: string;
  waivers: Waiver[];
}
/**
 * This interface was referenced by `WaiversFile`'s JSON-Schema
 * via the `definition` "waiver".
 */
export interface Waiver {
  id: string;
  /**
   * Why the finding is accepted: a risk someone accepts, a control that compensates, a rule that does not apply, a rule bug to fix, or an emergency (at most 72 hours).
   */
  kind: "risk-acceptance" | "compensating-control" | "not-applicable" | "false-positive" | "emergency";
  rule: string;
  /**
   * The Terraform address of the finding (vsphere_virtual_machine.fjv-legacy01), optionally with its finding id after '#'; '*' matches any run of characters.
   */
  target: string;
  reason: string;
  /**
   * Who accepted it: name and role.
   */
  approver: string;
  ticket: string;
  expires: string;
}
