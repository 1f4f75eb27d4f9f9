/**
 * Generated from schema/approvers.schema.json by `npm run gen:types` (npx tsx schema/generate-types.ts): do not edit.
 * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.
 * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.
 */

/**
 * The people who may approve waivers at a site, the municipality each acts for and their authority (rules, severities, tenants). Written as sites/<site>/approvers.yaml beside waivers.yaml; synth records them in the facility stack, so a later check of the output governs the waivers by the same roster.
 */
export interface ApproversFile {
  $schema?: string;
  approvers: Approver[];
}
/**
 * This interface was referenced by `ApproversFile`'s JSON-Schema
 * via the `definition` "approver".
 */
export interface Approver {
  id: string;
  /**
   * The person's name.
   */
  name: string;
  /**
   * Their role (IT manager, informasjonssikkerhetsleder, ...).
   */
  role: string;
  /**
   * The tenant (municipality) they act for: they never accept risk for another municipality's findings.
   */
  tenant: string;
  authority: Authority;
  /**
   * The last day the appointment holds (a delegation for a period); none: until removed from the roster.
   */
  validUntil?: string;
  /**
   * The decision that gives them this authority (delegation, appointment).
   */
  delegationRef?: string;
}
/**
 * What they may approve: a waiver is within it when its rule matches one of rules, the rule's severity is one of severities, and the tenant of every finding it accepts is one of tenants.
 *
 * This interface was referenced by `ApproversFile`'s JSON-Schema
 * via the `definition` "authority".
 */
export interface Authority {
  /**
   * @minItems 1
   */
  rules: string[];
  /**
   * @minItems 1
   */
  severities: ("critical" | "high" | "medium" | "low")[];
  /**
   * Tenant ids whose findings they may approve; the keyword shared covers findings on the site's shared stacks (vsphere, firewall, facility), which belong to no tenant.
   *
   * @minItems 1
   */
  tenants: string[];
}
