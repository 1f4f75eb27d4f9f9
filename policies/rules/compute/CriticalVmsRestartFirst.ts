import { check, joinOutcome, passOrFail } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001 } from "../../controls/references";
import { TAG_CATEGORIES } from "../../../contracts/tag-categories";
import { clusterOf, clusterOfVm, listOf, nameOf, tagOf, terraformVmNames, text, workloadOfVm } from "./support/topology";

const FIRST = new Set(["high", "highest"]);
const URGENT = new Set(["life-and-health", "critical"]);

/**
 * RED-HA-RESTART: after a host failure, HA restarts life-and-health and critical VMs first, and never
 * leaves a VM down on purpose. Each VM whose criticality (its `criticality` tag, else its workload's
 * criticality) is life-and-health or critical has a `vsphere_ha_vm_override` in its own cluster with
 * restart priority `high` or `highest`; no VM has an override with restart priority `disabled`, and no
 * cluster's default (`ha_vm_restart_priority`) is `disabled`. An unmanaged critical VM's override
 * is set outside Terraform: not-evaluable. A VM without any criticality is not-evaluable. An override
 * whose cluster or VM does not resolve is an error; one read from vCenter by a data source of foreign
 * input (no facility objects), or given as a plan-time value, is not-evaluable.
 */
export const CriticalVmsRestartFirst = defineRule({
  meta: {
    id: "RED-HA-RESTART",
    name: "CriticalVmsRestartFirst",
    version: "1.0.1",
    area: "compute",
    title: "Life-and-health and critical VMs restart first after a host failure, and no VM is left down",
    rationale:
      "HA restarts VMs in priority order when capacity is short; care alarms and the systems care staff depend on must not wait behind test servers, and a VM excluded from restart stays down until someone notices.",
    remediation:
      "Give the VM's workload criticality life-and-health or critical (its HA override follows), or set the override to high or highest; remove restart priority disabled.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [ISO27001("5.30"), ISO27001("8.14")],
  },
  check(room) {
    const out: Check[] = [];
    const overrides = overridesByVm(room, out);
    for (const c of room.resources("vsphere_compute_cluster")) {
      const p = c.values.ha_vm_restart_priority ?? "medium";
      if (p === "disabled")
        out.push(
          check("config", "fail", c, {
            findingId: "default",
            observed: `cluster default restart priority ${JSON.stringify(p)}`,
            expected: "not disabled",
            message: `cluster ${nameOf(c)}: VMs without an override are never restarted by HA`,
          }),
        );
    }
    for (const vm of room.resources("vsphere_virtual_machine")) {
      const crit = tagOf(room, vm, TAG_CATEGORIES.criticality.name) ?? workloadOfVm(room, vm.values.name)?.criticality;
      const ov = overrides.get(vm);
      const priority = ov?.values.ha_vm_restart_priority;
      if (priority === "disabled") {
        out.push(
          check("config", "fail", [ov ?? vm, vm], {
            observed: `restart priority disabled (criticality ${crit ?? "undeclared"})`,
            expected: "no VM excluded from HA restart",
            message: `${vm.address}: HA never restarts it`,
          }),
        );
        continue;
      }
      if (crit === undefined) {
        out.push(
          check("config", "not-evaluable", vm, {
            observed: "no criticality tag and no workload object",
            expected: `a ${TAG_CATEGORIES.criticality.name} tag`,
            message: `${vm.address}: its criticality is unknown, so its restart priority cannot be judged`,
          }),
        );
        continue;
      }
      if (!URGENT.has(crit)) {
        out.push(
          check("config", "not-applicable", vm, {
            observed: `criticality ${crit}`,
            expected: "restart priority high or highest for life-and-health and critical VMs only",
            message: `${vm.address}: criticality ${crit} keeps its priority ${text(priority, "(cluster default)")}`,
          }),
        );
        continue;
      }
      out.push(checkUrgent(room, vm, crit, ov));
    }
    const managed = terraformVmNames(room);
    for (const w of room.facility("workload")) {
      const outside = w.vms.filter((n) => !managed.has(n));
      if (w.lifecycle !== "unmanaged" || !URGENT.has(w.criticality) || outside.length === 0) continue;
      out.push(
        check("declared", "not-evaluable", w, {
          observed: `unmanaged VMs ${listOf(outside)} (criticality ${w.criticality})`,
          expected: "restart priority high or highest",
          message: `workload ${w.id}: its VMs are not managed by Terraform; their HA restart priority is set in vCenter, not here`,
        }),
      );
    }
    return out;
  },
});

function checkUrgent(room: Room, vm: TfObject, crit: string, ov: TfObject | undefined): Check {
  if (!ov)
    return check("config", "fail", vm, {
      observed: `criticality ${crit}, no vsphere_ha_vm_override (cluster default applies)`,
      expected: "an HA override with restart priority high or highest",
      message: `${vm.address}: a ${crit} VM restarts with the cluster default priority`,
    });
  const priority = ov.values.ha_vm_restart_priority ?? "clusterRestartPriority";
  const vmCluster = clusterOfVm(room, vm).cluster;
  const ovCluster = clusterOf(room, ov, ov.values.compute_cluster_id);
  if (!ovCluster.cluster)
    return check("config", joinOutcome([ovCluster]), [ov, vm], {
      observed: ovCluster.problem ?? "its cluster does not resolve",
      expected: "the override's compute_cluster_id resolves to a cluster of the site",
      message: `${ov.address}: ${ovCluster.problem ?? ""}`,
    });
  const sameCluster = vmCluster === undefined || vmCluster === ovCluster.cluster;
  const observed = `criticality ${crit}, restart priority ${text(priority)} in cluster ${nameOf(ovCluster.cluster)}${
    sameCluster ? "" : ` (the VM runs in ${vmCluster ? nameOf(vmCluster) : "?"})`
  }`;
  return check("config", passOrFail(typeof priority === "string" && FIRST.has(priority) && sameCluster), [ov, vm], {
    observed,
    expected: "restart priority high or highest, in the VM's own cluster",
    message: `${vm.address}: ${observed}`,
  });
}

/** The HA override of each VM; an override whose VM does not resolve is an error. */
function overridesByVm(room: Room, out: Check[]): Map<TfObject, TfObject> {
  const map = new Map<TfObject, TfObject>();
  for (const ov of room.resources("vsphere_ha_vm_override")) {
    const r = room.resolve(ov, ov.values.virtual_machine_id);
    if (r.target?.type === "vsphere_virtual_machine") map.set(r.target, ov);
    else
      out.push(
        check("config", joinOutcome(r.target ? [{}] : [r]), ov, {
          observed: r.problem ?? `virtual_machine_id leads to ${r.target?.address ?? "?"}`,
          expected: "a vsphere_virtual_machine of the same stack",
          message: `${ov.address}: its VM does not resolve`,
        }),
      );
  }
  return map;
}
