import { ENDPOINT_PROTECTIONS } from "../../../contracts/tag-categories";
import { check } from "../../engine/checks";
import { defineRule, type Check, type ConfigOutcome, type ControlRef } from "../../engine/rule";
import { NIS2 } from "../../controls/references";
import { CATEGORY, managedVms, present, singleTag, tenantTagOf, vmTags, workloadOfVm } from "./tenancy";

/** ISO/IEC 27001:2022 A.8.7 is not among the titles CONTROLS.md §5 lists as verified. */
const ISO_8_7: ControlRef = {
  framework: "ISO/IEC 27001:2022 Annex A",
  ref: "8.7 Protection against malware",
  edition: "2022",
  verified: false,
  source: "not in CONTROLS.md §5 (verify the title)",
  kind: "standard",
};

/**
 * SEC-ENDPOINT: every VM declares how it is protected against malware. A managed VM carries exactly
 * one `endpoint-protection` tag (agent, agentless or exempt; config evidence), and an exempt VM's
 * workload gives the reason (at least `minReasonLength` characters). An unmanaged VM is never applied,
 * so its `workload` object is what declares it (declared evidence). An exemption whose reason cannot be
 * read (no workload object: foreign input) is not-evaluable; a workload object without the field at
 * all (written before the field existed) likewise. In input without facility objects a VM without an
 * `endpoint-protection` tag is not-evaluable (the tag is our taxonomy; a foreign estate declares its
 * protection elsewhere), as is a tag the input does not hold (`tags = var.tags`).
 */
export const EveryVmDeclaresEndpointProtection = defineRule({
  meta: {
    id: "SEC-ENDPOINT",
    name: "EveryVmDeclaresEndpointProtection",
    version: "1.0.1",
    area: "governance",
    title: "Every VM declares its endpoint protection: the suite's agent, agentless, or an exemption with a reason",
    rationale:
      "A server without malware protection is where ransomware lands first and spreads from; an exemption (a vendor appliance that allows no agent) is a decision someone has to be able to read and defend.",
    remediation:
      "Set endpointProtection in site.yaml (the site's default) or on the workload; for an exemption add endpointExemptionReason saying why the VM cannot run the agent or agentless protection.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {
      minReasonLength: {
        default: 20,
        description: "Characters an exemption's reason needs at least (as a waiver's reason)",
        unit: "characters",
      },
    },
    controls: [ISO_8_7, NIS2("Art. 21(2)(g) basic cyber hygiene")],
  },
  check(room, { params }) {
    const expected = `one ${CATEGORY.endpoint} tag of ${ENDPOINT_PROTECTIONS.join(", ")}; exempt with a reason of >= ${params.minReasonLength} characters`;
    const reasonProblem = (reason: string | null | undefined) =>
      !present(reason)
        ? "an exemption without a reason"
        : reason.trim().length < params.minReasonLength
          ? `an exemption whose reason has ${reason.trim().length} characters`
          : undefined;
    const checks: Check[] = managedVms(room).map((vm) => {
      const tags = vmTags(room, vm);
      const tag = singleTag(tags, CATEGORY.endpoint);
      const observed = `${CATEGORY.endpoint}=${(tags.byCategory.get(CATEGORY.endpoint) ?? []).join("+") || "-"}`;
      const done = (outcome: ConfigOutcome, why: string, detail = observed) =>
        check("config", outcome, vm, { observed: detail, expected, message: `VM ${String(vm.values.name)} (${vm.stack}): ${why}` });
      if (tags.problems.length > 0) return done("error", `tags that do not resolve: ${tags.problems.join("; ")}`);
      const notHeld = (why: string) => done("not-evaluable", why, `${observed}; ${why}`);
      if (tags.unknown.length > 0) return notHeld(`tags not in the input: ${tags.unknown.join("; ")}`);
      // Foreign input does not use our taxonomy: protection installed in the guest is not in its tags.
      if (!room.hasFacility && (tags.byCategory.get(CATEGORY.endpoint) ?? []).length === 0)
        return notHeld(`the input has no facility objects and no ${CATEGORY.endpoint} tag: its protection may be declared elsewhere`);
      if (tag.name === undefined) return done("fail", tag.problem);
      if (!(ENDPOINT_PROTECTIONS as readonly string[]).includes(tag.name))
        return done("fail", `${JSON.stringify(tag.name)} is not one of ${ENDPOINT_PROTECTIONS.join(", ")}`);
      const workload = workloadOfVm(room, vm.values.name, tenantTagOf(room, vm));
      if (workload?.endpointProtection && workload.endpointProtection !== tag.name)
        return done("fail", `tagged ${tag.name}, but its workload ${workload.id} declares ${workload.endpointProtection}`);
      if (tag.name !== "exempt") return done("pass", `protected (${tag.name})`);
      if (!workload) return done("not-evaluable", "exempt, but no workload object lists the VM, so its reason cannot be read");
      const problem = reasonProblem(workload.endpointExemptionReason);
      const detail = `${observed}; reason: ${workload.endpointExemptionReason ?? "-"}`;
      return problem ? done("fail", problem, detail) : done("pass", `exempt: ${workload.endpointExemptionReason ?? ""}`, detail);
    });
    for (const w of room.facility("workload").filter((x) => x.lifecycle === "unmanaged")) {
      const observed = `endpointProtection=${w.endpointProtection ?? "-"}${w.endpointProtection === "exempt" ? `; reason: ${w.endpointExemptionReason ?? "-"}` : ""}`;
      const done = (outcome: ConfigOutcome, why: string) =>
        check("declared", outcome, w, { observed, expected, message: `unmanaged workload ${w.id} (${w.vms.join(", ")}): ${why}` });
      if (w.endpointProtection === undefined) checks.push(done("not-evaluable", "the workload object has no endpointProtection field"));
      else if (w.endpointProtection === null) checks.push(done("fail", "no endpoint protection declared"));
      else {
        const problem = w.endpointProtection === "exempt" ? reasonProblem(w.endpointExemptionReason) : undefined;
        checks.push(problem ? done("fail", problem) : done("pass", `declared ${w.endpointProtection}`));
      }
    }
    return checks;
  },
});
