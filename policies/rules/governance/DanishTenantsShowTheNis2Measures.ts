import { ENDPOINT_PROTECTIONS } from "../../../contracts/tag-categories";
import { isSensitive } from "../../../contracts/classifications";
import type { Sensitivity } from "../../../contracts/facility-objects";
import { attested, check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { TfObject } from "../../engine/room";
import { NIS2, NIS2_DK } from "../../controls/references";
import { REPORTING_AUTHORITIES } from "./EveryTenantHasItsReportingRoutes";
import { addMonths } from "../../engine/dates";
import { missingEvidence } from "./onboarding";
import { CATEGORY, managedVms, singleTag, tenantTagOf, vmTags } from "./tenancy";

const list = (vms: readonly TfObject[]) =>
  vms
    .slice(0, 5)
    .map((vm) => String(vm.values.name))
    .join(", ") + (vms.length > 5 ? `, +${vms.length - 5} more` : "");

/** § 6 stk. 1 nr. 1-10 = NIS2 Art. 21(2)(a)-(j) (CONTROLS.md §1.5: one to one, verified [S3]). */
const LETTERS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
const NOT_IN_OUTPUT: Record<number, string> = {
  4: "supply-chain security: supplier agreements and their security terms are not in the configuration (agreementRef records only the hosting agreement)",
  5: "acquisition, development, maintenance and vulnerability handling: patching and vulnerability management are not in the configuration",
  6: "assessing the measures' effectiveness: audits and reviews are not in the configuration",
  10: "MFA or continuous authentication, secured communication: no authentication settings are in the configuration",
};

/**
 * DK-NIS2-6-MEASURES: for each Danish tenant, one finding per NIS 2-loven § 6 stk. 1 nr. 1-10 (the
 * Art. 21(2)(a)-(j) measures) saying what the output shows: nr. 1 a risk analysis no older than
 * `analysisMaxAgeMonths` (attested: a person's record); nr. 2 a reporting route on Virk.dk; nr. 3 every
 * VM of the tenant selected by a backup class (its backup-class tag is a backup-class object's tag);
 * nr. 7 every VM declaring endpoint protection (cyber hygiene; training is not in the output); nr. 8
 * every VM with personal, health or classified data on an encrypting storage policy (the VM's
 * `storage_policy_id` read by name, a storage-policy object with encryption); nr. 9 every VM carrying
 * criticality and data-classification tags (asset management; HR security and access policies are not in
 * the output). Nr. 4, 5, 6 and 10 are not-evaluable with the reason. A finding fails only where the
 * output shows the measure missing.
 *
 * A missing risk analysis of a tenant being onboarded says so ("onboarding until <date>"); the finding
 * is advisory anyway.
 *
 * Advisory by design: it is the § 6 overview for the Danish pack, and each measure it reads is enforced
 * by its own mandatory rule (INC-REPORTING-ROUTE, the backup rules, SEC-ENDPOINT, VSP-ENCRYPT,
 * GOV-ASSET-TAGS), so one missing measure does not gate a stack twice; the adopted VMs that keep their
 * unencrypted policy until a planned re-encryption show here as failures of nr. 8.
 */
export const DanishTenantsShowTheNis2Measures = defineRule({
  meta: {
    id: "DK-NIS2-6-MEASURES",
    name: "DanishTenantsShowTheNis2Measures",
    version: "1.1.0",
    area: "law",
    title: "Danish tenants: the NIS 2-loven § 6 measures the configuration shows",
    rationale:
      "NIS 2-loven § 6 stk. 1 requires ten kinds of measures; an auditor asks for each which evidence exists. The configuration shows some of them (backup, encryption, endpoint protection, asset classification, reporting routes) and cannot show others, which must then come from the ISMS.",
    remediation:
      "Close the measure the finding names (its own rule says how), or bring the evidence for the measures the configuration cannot show.",
    severity: "medium",
    enforcement: "advisory",
    evidence: "declared",
    params: {
      analysisMaxAgeMonths: { default: 24, description: "How old the risk analysis (nr. 1) may be at most", unit: "months" },
    },
    controls: [NIS2_DK("§ 6 stk. 1 nr. 1-10"), NIS2("Art. 21(2)(a)-(j)")],
  },
  check(room, { params, asOf }) {
    const tenants = room.facility("tenant").filter((t) => t.country === "DK" && t.lifecycle !== "removed");
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant objects with their country",
        message: "The input has no tenant objects, so no Danish tenant can be found.",
      });
    const backupTags = new Set(room.facility("backup-class").map((c) => c.tag));
    const encrypting = new Set(
      room
        .facility("storage-policy")
        .filter((p) => p.encryption)
        .map((p) => p.name),
    );
    const vms = managedVms(room);
    const checks: Check[] = [];
    for (const t of tenants) {
      const mine = vms.filter((vm) => tenantTagOf(room, vm) === t.id);
      const tags = new Map(mine.map((vm) => [vm, vmTags(room, vm)]));
      const tagOf = (vm: TfObject, category: string) => {
        const found = tags.get(vm);
        return found ? singleTag(found, category).name : undefined;
      };
      const measure = (nr: number, what: string) => ({
        findingId: `nr-${nr}`,
        label: `§ 6 stk. 1 nr. ${nr} (Art. 21(2)(${LETTERS[nr - 1]})) ${what}`,
      });
      const byVms = (nr: number, what: string, missing: TfObject[], of: TfObject[], expected: string) => {
        const m = measure(nr, what);
        checks.push(
          check("config", of.length === 0 ? "not-applicable" : missing.length === 0 ? "pass" : "fail", t, {
            findingId: m.findingId,
            observed:
              of.length === 0
                ? "no VM to check"
                : `${of.length - missing.length} of ${of.length} VMs${missing.length > 0 ? `; missing: ${list(missing)}` : ""}`,
            expected,
            message: `Tenant ${t.id}, ${m.label}: ${missing.length === 0 ? "shown" : `missing on ${missing.length} VMs`}`,
          }),
        );
      };

      // nr. 1: risk analysis (a person's record).
      const cutoff = addMonths(asOf, -params.analysisMaxAgeMonths);
      const m1 = measure(1, "risk analysis and security policies");
      const current = t.analysisDate !== null && t.analysisDate >= cutoff && t.analysisDate <= asOf;
      checks.push(
        attested(current ? "attested" : "fail", t, {
          findingId: m1.findingId,
          observed: `analysisDate ${t.analysisDate ?? "-"}`,
          expected: `a risk analysis dated ${cutoff} to ${asOf}`,
          message: `Tenant ${t.id}, ${m1.label}: ${current ? `analysis of ${t.analysisDate ?? ""}` : `no current risk analysis recorded${t.analysisDate === null ? missingEvidence(t, asOf).note : ""}`}`,
        }),
      );

      // nr. 2: incident handling: the Virk.dk reporting route.
      const virk = REPORTING_AUTHORITIES["nis2-dk"]?.("DK");
      const route = t.reportingRoutes.find(
        (r) => r.regime === "nis2-dk" && virk !== null && virk !== undefined && virk.pattern.test(`${r.authority} ${r.channel}`),
      );
      const m2 = measure(2, "incident handling");
      checks.push(
        check("declared", route ? "pass" : "fail", t, {
          findingId: m2.findingId,
          observed: route ? `nis2-dk route: ${route.authority}` : "no nis2-dk route on Virk.dk",
          expected: "a nis2-dk reporting route on Virk.dk (INC-REPORTING-ROUTE)",
          message: `Tenant ${t.id}, ${m2.label}: ${route ? "reporting route ready" : "no reporting route"}`,
        }),
      );

      // nr. 3: business continuity: every VM selected by a backup class.
      byVms(
        3,
        "business continuity (backup)",
        mine.filter((vm) => !backupTags.has(tagOf(vm, CATEGORY.backupClass) ?? "")),
        mine,
        "every VM with a backup-class tag of a declared backup class",
      );

      for (const nr of [4, 5, 6]) {
        const m = measure(nr, "");
        checks.push(
          check("declared", "not-evaluable", t, {
            findingId: m.findingId,
            observed: "not in the configuration",
            expected: "evidence from the ISMS",
            message: `Tenant ${t.id}, ${m.label.trim()}: ${NOT_IN_OUTPUT[nr] ?? ""}`,
          }),
        );
      }

      // nr. 7: basic cyber hygiene: endpoint protection declared.
      byVms(
        7,
        "basic cyber hygiene (endpoint protection; training is not in the output)",
        mine.filter((vm) => !(ENDPOINT_PROTECTIONS as readonly string[]).includes(tagOf(vm, CATEGORY.endpoint) ?? "")),
        mine,
        "every VM with an endpoint-protection tag (SEC-ENDPOINT)",
      );

      // nr. 8: cryptography: sensitive VMs on an encrypting storage policy.
      const sensitive = mine.filter((vm) => {
        const c = tagOf(vm, CATEGORY.classification);
        return c !== undefined && isSensitive(c as Sensitivity);
      });
      const encrypted = (vm: TfObject) => {
        const ref = room.reference(vm, vm.values.storage_policy_id);
        const name = ref.target?.values.name;
        return typeof name === "string" && encrypting.has(name);
      };
      byVms(
        8,
        "cryptography and encryption",
        sensitive.filter((vm) => !encrypted(vm)),
        sensitive,
        "every VM with personal, health or classified data on an encrypting storage policy (VSP-ENCRYPT)",
      );

      // nr. 9: asset management: criticality and classification tags.
      byVms(
        9,
        "asset management (HR security and access policies are not in the output)",
        mine.filter((vm) => tagOf(vm, CATEGORY.criticality) === undefined || tagOf(vm, CATEGORY.classification) === undefined),
        mine,
        "every VM with criticality and data-classification tags (GOV-ASSET-TAGS)",
      );

      const m10 = measure(10, "");
      checks.push(
        check("declared", "not-evaluable", t, {
          findingId: m10.findingId,
          observed: "not in the configuration",
          expected: "evidence from the ISMS",
          message: `Tenant ${t.id}, ${m10.label.trim()}: ${NOT_IN_OUTPUT[10] ?? ""}`,
        }),
      );
    }
    return checks;
  },
});
