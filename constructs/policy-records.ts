import type { Construct } from "constructs";
import type { PolicyFile } from "../spec/generated/policy-file";
import type { WaiversFile } from "../spec/generated/waivers-file";
import type { ApproversFile } from "../spec/generated/approvers-file";
import { waiverFacts } from "../spec/waiver-facts";
import { FacilityObject } from "./facility-object";

export interface PolicyRecordsProps {
  readonly siteName: string;
  /**
   * The site's thresholds for the policy rules (policy.yaml).
   * @default the rules' own defaults: nothing is recorded
   */
  readonly policy?: PolicyFile;
  /**
   * The findings the site accepts (waivers.yaml).
   * @default none
   */
  readonly waivers?: WaiversFile;
  /**
   * Who may approve waivers, and their authority (approvers.yaml).
   * @default none
   */
  readonly approvers?: ApproversFile;
}

/**
 * The site's policy thresholds, waivers and approver roster as facility objects, so that a check of
 * the synthesized output alone (`npm run check`, an auditor's copy) applies the same thresholds and
 * governs the same waivers by the same roster as synth did. Nothing is written for a site without the files.
 */
export function addPolicyRecords(scope: Construct, { siteName: s, policy, waivers, approvers }: PolicyRecordsProps): void {
  if (policy) {
    // policy.yaml keeps each rule's reason beside its values; the object keeps values and reasons apart, as the engine reads values.
    const entries = Object.entries(policy.parameters);
    const rules = Object.fromEntries(
      entries.map(([id, values]) => [id, Object.fromEntries(Object.entries(values).filter(([name]) => name !== "reason"))]),
    );
    const reasons = Object.fromEntries(entries.map(([id, { reason }]) => [id, reason]));
    new FacilityObject(scope, s, "policy-parameters", s, { rules, reasons });
  }
  for (const w of waivers?.waivers ?? []) {
    new FacilityObject(scope, s, "waiver", w.id, waiverFacts(w));
  }
  for (const a of approvers?.approvers ?? []) {
    new FacilityObject(scope, s, "approver", a.id, {
      name: a.name,
      role: a.role,
      tenant: a.tenant,
      authority: a.authority,
      ...(a.validUntil ? { validUntil: a.validUntil } : {}),
      ...(a.delegationRef ? { delegationRef: a.delegationRef } : {}),
    });
  }
}
