import { CLASSIFICATIONS, CRITICALITIES } from "../../../contracts/classifications";
import { check } from "../../engine/checks";
import { defineRule, type ConfigOutcome } from "../../engine/rule";
import { IMPL_REG_2024_2690, ISO27001, NIS2 } from "../../controls/references";
import { CATEGORY, managedVms, singleTag, vmTags, workloadOfVm } from "./tenancy";

const ALLOWED: Record<string, readonly string[] | undefined> = {
  [CATEGORY.criticality]: CRITICALITIES,
  [CATEGORY.classification]: CLASSIFICATIONS,
  [CATEGORY.lifecycle]: ["active", "retiring"],
};

/**
 * GOV-ASSET-TAGS: every managed VM (`vsphere_virtual_machine`) carries exactly one tag of each of the
 * categories tenant, criticality, data-classification and lifecycle, each resolving to a `vsphere_tag`
 * a stack of the site creates (a data source that reads a tag nobody creates is an error); values are
 * the vocabulary's; the tenant tag names a `tenant` object, and where a `workload` object lists the VM,
 * its criticality and classification tags are the workload's. Without tenant objects (foreign input)
 * the owner cannot be checked: not-evaluable. Foreign input (no facility objects) whose VM carries no
 * tag of the four categories is not-evaluable too (the estate may keep ownership in another taxonomy);
 * one that uses the taxonomy is held to all of it. A tag the input does not hold (`tags = var.tags`, a
 * tag read from vCenter) is not-evaluable, not an error. Config evidence (the tags as synthesized).
 */
export const EveryVmIsOwnedAndClassified = defineRule({
  meta: {
    id: "GOV-ASSET-TAGS",
    name: "EveryVmIsOwnedAndClassified",
    version: "1.0.1",
    area: "governance",
    title: "Every VM is owned and classified: tenant, criticality, data-classification and lifecycle tags",
    rationale:
      "The asset inventory is the VMs' tags: backup selection, restart priority, encryption, the legal scope of a tenant and the incident owner all follow from them. A VM without an owner or a classification falls through every one of those.",
    remediation:
      "Give the workload its tenant, criticality and classification in the tenant file (the tenant stack writes the tags); for a foreign VM, tag it in each of the four categories.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [NIS2("Art. 21(2)(i) asset management"), ISO27001("5.9"), IMPL_REG_2024_2690("12.4 asset inventory")],
  },
  check(room) {
    // Whether a tag names a tenant object is a look-up in the whole room (a tenant's view holds its own only).
    const tenantIds = new Set(room.whole.facility("tenant").map((t) => t.id));
    const categories = [CATEGORY.tenant, CATEGORY.criticality, CATEGORY.classification, CATEGORY.lifecycle];
    const expected = `one tag each of ${categories.join(", ")}, resolving to tag resources; the tenant tag names a tenant object; criticality and classification as the VM's workload`;
    return managedVms(room).map((vm) => {
      const tags = vmTags(room, vm);
      const values = new Map(categories.map((c) => [c, singleTag(tags, c)]));
      const observed = categories.map((c) => `${c}=${(tags.byCategory.get(c) ?? []).join("+") || "-"}`).join(", ");
      const done = (outcome: ConfigOutcome, why: string, detail = observed) =>
        check("config", outcome, vm, { observed: detail, expected, message: `VM ${String(vm.values.name)} (${vm.stack}): ${why}` });
      const notHeld = (why: string) => done("not-evaluable", why, `${observed}; ${why}`);
      if (tags.problems.length > 0) return done("error", `tags that do not resolve: ${tags.problems.join("; ")}`);
      if (tags.unknown.length > 0) return notHeld(`tags not in the input: ${tags.unknown.join("; ")}`);
      // Without facility objects the estate need not use our taxonomy: a VM tagged in none of its
      // categories may keep its owner elsewhere (other categories, a CMDB), which the input does not show.
      if (!room.hasFacility && categories.every((c) => (tags.byCategory.get(c) ?? []).length === 0))
        return notHeld(
          "the input has no facility objects and uses none of these categories: its owner and classification may be kept elsewhere",
        );
      const wrong: string[] = [];
      for (const c of categories) {
        const v = values.get(c);
        if (v?.problem !== undefined) wrong.push(v.problem);
        else if (v?.name !== undefined && ALLOWED[c] && !ALLOWED[c].includes(v.name))
          wrong.push(`${c} ${JSON.stringify(v.name)} is not one of ${ALLOWED[c].join(", ")}`);
      }
      const tenant = values.get(CATEGORY.tenant)?.name;
      if (tenant !== undefined && tenantIds.size > 0 && !tenantIds.has(tenant)) wrong.push(`tenant tag ${tenant} names no tenant object`);
      const workload = tenant === undefined || tenantIds.size === 0 ? undefined : workloadOfVm(room, vm.values.name, tenant);
      if (workload) {
        const criticality = values.get(CATEGORY.criticality)?.name;
        const classification = values.get(CATEGORY.classification)?.name;
        if (criticality !== undefined && criticality !== workload.criticality)
          wrong.push(`criticality tag ${criticality}, but workload ${workload.id} says ${workload.criticality}`);
        if (classification !== undefined && classification !== workload.sensitivity)
          wrong.push(`data-classification tag ${classification}, but workload ${workload.id} says ${workload.sensitivity}`);
      }
      if (wrong.length > 0) return done("fail", wrong.join("; "));
      if (tenantIds.size === 0) return done("not-evaluable", "tagged, but the input has no tenant objects to check the owner against");
      if (!workload)
        return done("error", `no workload object of tenant ${tenant ?? "-"} lists this VM (the inventory and the configuration disagree)`);
      return done("pass", `owned by ${tenant ?? "-"} and classified (workload ${workload.id})`);
    });
  },
});
