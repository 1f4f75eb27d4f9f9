/**
 * Generated from schema/policy.schema.json by `npm run gen:types` (npx tsx schema/generate-types.ts): do not edit.
 * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.
 * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.
 */

/**
 * Thresholds of the policy rules for one site, overriding the rules' defaults. Written as sites/<site>/policy.yaml; every value shows in the compliance report. Rule ids and parameter names are checked against the rules when synth runs.
 */
export interface PolicyFile {
  $schema?: string;
  /**
   * Rule id (RED-PWR-FEED-CAP) -> parameter name -> value.
   */
  parameters: {
    [k: string]: {
      [k: string]: number | string | boolean;
    };
  };
}
