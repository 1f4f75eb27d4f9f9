import type { ApproverObject, WaiverObject } from "../../../contracts/facility-objects";
import { check } from "../../../policies/engine/checks";
import { evaluate } from "../../../policies/engine/evaluate";
import { defineRule, type Finding, type Rule, type RuleMeta } from "../../../policies/engine/rule";
import { applyWaivers, type ExtraWaiver, type WaiverLimitOverrides } from "../../../policies/engine/waivers";
import { AS_OF } from "../../shared-synth";
import { RoomBuilder } from "../room-builder";
import { tenant } from "../rules/governance-room";

/**
 * A small room for the waiver tests: host municipality `fjv` and partner `hau`, each with two VMs in
 * its own stack (`s-fjv`, `s-hau`), one shared VM in `s-vsphere`; every VM fails TEST-VM (mandatory,
 * high) and TEST-ADVISORY (advisory, low). A roster with the host's IT manager (`it-manager`, all
 * rules and severities, tenants fjv, hau, shared) and the partner's own approver (`hau-ciso`, high
 * and below, hau only).
 */
const baseMeta = {
  name: "VmIsTest",
  version: "1.0.0",
  area: "test",
  title: "test rule",
  rationale: "r",
  remediation: "fix it",
  evidence: "config" as const,
  params: {},
  controls: [],
};

const vmRule = (meta: Partial<RuleMeta> & { id: string }): Rule =>
  defineRule({
    meta: { ...baseMeta, severity: "high", enforcement: "mandatory", ...meta, params: {} },
    check: (room) =>
      room
        .resources("vsphere_virtual_machine")
        .map((vm) => check("config", "fail", vm, { observed: "insecure", expected: "secure", message: `${vm.address} is insecure` })),
  });

export const RULES: readonly Rule[] = [
  vmRule({ id: "TEST-VM" }),
  vmRule({ id: "TEST-ADVISORY", severity: "low", enforcement: "advisory" }),
  vmRule({ id: "TEST-CRITICAL", severity: "critical" }),
  vmRule({ id: "TEST-LEGAL", severity: "critical", legalPrerequisite: "the security agreement as the tenant's legal.suaRef" }),
];

export const IT_MANAGER: Omit<ApproverObject, "kind" | "site"> = {
  id: "it-manager",
  name: "Ingrid Solberg",
  role: "IT manager",
  tenant: "fjv",
  authority: { rules: ["*"], severities: ["critical", "high", "medium", "low"], tenants: ["fjv", "hau", "shared"] },
};

export const PARTNER_CISO: Omit<ApproverObject, "kind" | "site"> = {
  id: "hau-ciso",
  name: "Siri Aune",
  role: "Informasjonssikkerhetsansvarlig",
  tenant: "hau",
  authority: { rules: ["TEST-*"], severities: ["high", "medium", "low"], tenants: ["hau"] },
};

export type WaiverFields = Omit<WaiverObject, "kind" | "site">;

/** A valid risk acceptance of TEST-VM on the host's first VM: approved 30 days before AS_OF (2026-11-22), 60 left. */
export const waiver = (over: Partial<WaiverFields> = {}): WaiverFields => ({
  id: "w1",
  waiverKind: "risk-acceptance",
  rule: "TEST-VM",
  target: "vsphere_virtual_machine.fjv-app01",
  reason: "rebuilt on the new template in January, PO 4411",
  approver: "it-manager",
  ticket: "CHG-1",
  approved: "2026-10-23",
  expires: "2027-01-21",
  renewals: 0,
  ...over,
});

export function waiverRoom(waivers: readonly WaiverFields[], approvers = [IT_MANAGER, PARTNER_CISO]): RoomBuilder {
  const b = new RoomBuilder("s")
    .facility("tenant", tenant("fjv", { name: "Fjordvik kommune", hostMunicipality: true, legalEntity: null }))
    .facility("tenant", tenant("hau", { name: "Haugnes kommune", legalEntity: null }));
  for (const a of approvers) b.facility("approver", a);
  for (const w of waivers) b.facility("waiver", w);
  for (const name of ["fjv-app01", "fjv-app02"]) b.resource("s-fjv", "vsphere_virtual_machine", name, {});
  for (const name of ["hau-app01", "hau-app02"]) b.resource("s-hau", "vsphere_virtual_machine", name, {});
  b.resource("s-vsphere", "vsphere_virtual_machine", "vcsa01", {});
  return b;
}

/** Evaluates the room's rules and governs its waivers, as runCompliance does. */
export function govern(
  waivers: readonly WaiverFields[],
  options: { approvers?: (typeof IT_MANAGER)[]; limits?: WaiverLimitOverrides; extraWaivers?: ExtraWaiver[]; asOf?: string } = {},
) {
  const room = waiverRoom(waivers, options.approvers).build();
  const asOf = options.asOf ?? AS_OF;
  const findings: Finding[] = evaluate([room], RULES, { asOf });
  return applyWaivers([room], findings, { asOf, rules: RULES, limits: options.limits, extraWaivers: options.extraWaivers });
}
