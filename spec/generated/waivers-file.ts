/**
 * Generated from schema/waivers.schema.json by `npm run gen:types` (npx tsx schema/generate-types.ts): do not edit.
 * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.
 * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.
 */

/**
 * This interface was referenced by `WaiversFile`'s JSON-Schema
 * via the `definition` "waiver".
 */
export type Waiver = {
  id: string;
  /**
   * Why the finding is accepted: a risk someone accepts, a control that compensates (with its evidence), a rule that does not apply, a rule bug to fix, or an emergency (at most 72 hours).
   */
  kind: "risk-acceptance" | "compensating-control" | "not-applicable" | "false-positive" | "emergency";
  rule: string;
  /**
   * The Terraform address of the finding (vsphere_virtual_machine.fjv-legacy01), optionally with its finding id after '#'. A glob ('*' matches any run of characters) only for advisory rules: a mandatory rule's waiver names one finding.
   */
  target: string;
  reason: string;
  /**
   * Who approved it: an approver id from the site's roster (approvers.yaml); their authority must cover the rule, its severity and the tenants of the findings.
   */
  approver: string;
  ticket: string;
  /**
   * The day it was approved (or last renewed): the span from here to expires is capped by the rule's severity.
   */
  approved: string;
  /**
   * The last day it is valid.
   */
  expires: string;
  /**
   * How many times it has been renewed (0 for a first approval); capped, so a risk is not accepted for ever.
   */
  renewals: number;
  /**
   * The compensating control's own evidence (required for kind compensating-control).
   */
  evidence?: Evidence;
} & (
  | {
      kind: "risk-acceptance";
    }
  | {
      kind: "compensating-control";
      evidence: Evidence;
    }
  | {
      kind: "not-applicable";
    }
  | {
      kind: "false-positive";
    }
  | {
      kind: "emergency";
    }
);

/**
 * Findings the site accepts, each with its kind, reason, approver (an id from approvers.yaml beside it), ticket, approval date, expiry and renewal count. Written as sites/<site>/waivers.yaml; synth records them in the facility stack, so a later check of the output sees the same waivers, and every waiver shows in every report. The same schema serves a file passed to the audit command with --waivers.
 */
export interface WaiversFile {
  $schema?: string;
  /**
   * The site the waivers apply to. Optional beside site.yaml (it must then name that site); required in a --waivers file when the input has several sites.
   */
  site?: string;
  waivers: Waiver[];
}
/**
 * This interface was referenced by `WaiversFile`'s JSON-Schema
 * via the `definition` "evidence".
 */
export interface Evidence {
  description: string;
  /**
   * Where the control is documented (procedure, test record).
   */
  document: string;
  /**
   * When the control was last verified to work.
   */
  verified: string;
}
