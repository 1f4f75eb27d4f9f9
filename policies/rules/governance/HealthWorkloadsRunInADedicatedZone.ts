import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { TfObject } from "../../engine/room";
import { NO_NHN_AGREEMENT, NO_NORMEN, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { enforcementOf, missingPrerequisite } from "./onboarding";
import { CATEGORY, keyOf, managedVms, portGroupsOfVm, present, singleTag, tenantTagOf, tenantsHolding, vmTags } from "./tenancy";

/**
 * NO-NORMEN-ZONE: Norwegian health workloads sit in a health zone of their own. For each Norwegian
 * tenant with health workloads: an NHN connection agreement (`nhnAgreementRef`, finding
 * `nhn-agreement`: declared), which is what makes Normen binding; and each port group a health VM of
 * such a tenant is on carries only health VMs (of any tenant: Normen's guide allows a common secure zone
 * of cooperating municipalities): one finding per port group (config, from the VMs' data-classification
 * tags). A port group that does not resolve is an error.
 *
 * The NHN agreement is due before health data is processed: a missing one is advisory only while the
 * tenant declares that its data is not processed in the room yet (`processingStarted: false`); its
 * onboarding window never defers it. The zone findings are configuration and never deferred.
 *
 * Not covered: that only policies from Helsenett-facing or allowed sources reach the zone. The firewall
 * stacks hold zones of interfaces and address groups of shared services, but nothing typed says which
 * firewall zone is the health zone or which sources are Helsenett-facing, so any check would guess from
 * names. Access logging of the zone is FW-LOG's.
 */
export const HealthWorkloadsRunInADedicatedZone = defineRule({
  meta: {
    id: "NO-NORMEN-ZONE",
    name: "HealthWorkloadsRunInADedicatedZone",
    version: "1.1.0",
    area: "law",
    title: "Norwegian health workloads run in a dedicated health zone under an NHN agreement",
    rationale:
      "Normen, binding through the connection agreement with Norsk Helsenett, expects health systems in a security zone of their own; a health VM on a network shared with ordinary servers is reachable from everything those servers are.",
    remediation:
      "Put the health workloads on the health network (a VLAN only health workloads use) and move other VMs off it; record the NHN connection agreement as legal.nhnAgreementRef.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [
      NO_NORMEN("security zones for health systems (municipal cooperation with a common secure zone)"),
      NO_NHN_AGREEMENT("connection to Helsenettet"),
      NSM_GRUNNPRINSIPPER("2.2 secure ICT architecture (segmentation)", false),
      NSM_GRUNNPRINSIPPER("2.5.1 filter allow-listed traffic between zones"),
    ],
  },
  check(room, { asOf }) {
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant and workload objects",
        message: "The input has no tenant objects, so no health workload can be found.",
      });
    const healthTenants = tenantsHolding(room, "NO", "health");
    if (healthTenants.length === 0) return [];
    const checks: Check[] = [];
    for (const { tenant: t, workloads } of healthTenants) {
      const missing = missingPrerequisite(t, asOf, "the connection agreement with Norsk Helsenett");
      checks.push(
        check("declared", present(t.nhnAgreementRef) ? "pass" : "fail", t, {
          findingId: "nhn-agreement",
          observed: `nhnAgreementRef ${t.nhnAgreementRef ?? "-"} (${workloads.length} health workloads)`,
          expected: "nhnAgreementRef: the connection agreement with Norsk Helsenett",
          message: `Tenant ${t.id}: ${present(t.nhnAgreementRef) ? `NHN agreement ${t.nhnAgreementRef}` : `health workloads without an NHN connection agreement recorded${missing.note}`}`,
          ...(present(t.nhnAgreementRef) ? {} : enforcementOf(missing)),
        }),
      );
    }
    const norwegianHealth = new Set(healthTenants.map((x) => x.tenant.id));
    const classificationOf = (vm: TfObject) => singleTag(vmTags(room, vm), CATEGORY.classification).name;
    const onPortGroup = new Map<string, { pg: TfObject; vms: TfObject[]; zoneVms: number }>();
    for (const vm of managedVms(room)) {
      const isZoneVm = classificationOf(vm) === "health" && norwegianHealth.has(tenantTagOf(room, vm) ?? "");
      for (const pg of portGroupsOfVm(room, vm)) {
        if (!pg.target) {
          if (isZoneVm)
            checks.push(
              check("config", "error", vm, {
                observed: pg.problem,
                expected: "each network interface on a port group a stack creates",
                message: `Health VM ${String(vm.values.name)}: ${pg.problem}`,
              }),
            );
          continue;
        }
        const entry = onPortGroup.get(keyOf(pg.target)) ?? { pg: pg.target, vms: [], zoneVms: 0 };
        if (!entry.vms.includes(vm)) entry.vms.push(vm);
        if (isZoneVm) entry.zoneVms += 1;
        onPortGroup.set(keyOf(pg.target), entry);
      }
    }
    for (const { pg, vms, zoneVms } of [...onPortGroup.values()].filter((e) => e.zoneVms > 0)) {
      const others = vms.filter((vm) => classificationOf(vm) !== "health");
      const names = (list: TfObject[]) => list.map((vm) => `${String(vm.values.name)} (${classificationOf(vm) ?? "unclassified"})`);
      checks.push(
        check("config", others.length === 0 ? "pass" : "fail", [pg, ...others], {
          observed: `${vms.length} VMs on ${String(pg.values.name)}, ${vms.length - others.length} health${others.length > 0 ? `; not health: ${names(others).slice(0, 5).join(", ")}${others.length > 5 ? `, +${others.length - 5} more` : ""}` : ""}`,
          expected: "only health VMs on a port group that holds Norwegian health VMs",
          message: `Port group ${String(pg.values.name)} (${zoneVms} Norwegian health VMs): ${others.length === 0 ? "a health-only zone" : `shared with ${others.length} VMs that are not health`}`,
        }),
      );
    }
    return checks;
  },
});
