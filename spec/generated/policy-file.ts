/**
 * Generated from schema/policy.schema.json by `npm run gen:types` (npx tsx schema/generate-types.ts): do not edit.
 * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.
 * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.
 */

/**
 * Thresholds of the policy rules for one site, overriding the rules' defaults, each rule's overrides with the reason they differ. Written as sites/<site>/policy.yaml (and the audit command's --params file); every value and reason shows in the compliance report. Rule ids and parameter names are checked against the rules when synth runs.
 */
export interface PolicyFile {
  $schema?: string;
  /**
   * Rule id (RED-PWR-FEED-CAP) -> parameter name -> value, and `reason`: why this site differs from the rule's defaults (at least 20 characters), e.g. `PHY-OFFSITE: { minDistanceKm: 30, reason: "the county's risk assessment RA-2026-04 sets 30 km" }`.
   */
  parameters: {
    [k: string]: {
      /**
       * Why the site overrides the defaults: the decision or document behind the values (at least 20 characters).
       */
      reason: string;
      [k: string]: number | string | boolean;
    };
  };
}
