import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import { NO_SIKKERHETSLOVEN } from "../../controls/references";
import { clusterOfVm, keyOf, managedVms, tenantTagOf, tenantsHolding, vmsOfWorkload } from "./tenancy";

/**
 * NO-SIKL-EXCLUDE: a Norwegian tenant's security-classified (skjermingsverdig, graded) workloads run
 * only on dedicated infrastructure: every compute cluster their VMs are in holds no other tenant's VM.
 * The placement is the VM's resource pool's cluster (config). Whether that dedicated cluster is
 * NSM-approved is not in the configuration (not covered). A workload with no VM in the configuration
 * (unmanaged) has no placement to check: not-evaluable. A cluster that does not resolve is an error.
 */
export const GradedSystemsRunOnDedicatedInfrastructure = defineRule({
  meta: {
    id: "NO-SIKL-EXCLUDE",
    name: "GradedSystemsRunOnDedicatedInfrastructure",
    version: "1.0.0",
    area: "law",
    title: "Norwegian security-classified workloads run on dedicated infrastructure, not on the shared cluster",
    rationale:
      "Information systems for values worth protecting under the sikkerhetsloven need an approved, proportionate security level; a cluster shared with other municipalities puts their administrators and their risks on the same hosts.",
    remediation:
      "Move the workload to a cluster of its own (the workload's cluster:) that no other tenant uses, with NSM's approval of the design, or take it out of the room.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [NO_SIKKERHETSLOVEN("informasjonssystemsikkerhet / objekt- og infrastruktursikkerhet (sections: verify)")],
  },
  check(room) {
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant and workload objects",
        message: "The input has no tenant objects, so no graded workload can be found.",
      });
    const tenantsOfCluster = new Map<string, Set<string>>();
    for (const vm of managedVms(room)) {
      const c = clusterOfVm(room, vm).target;
      const tenant = tenantTagOf(room, vm);
      if (!c || tenant === undefined) continue;
      const set = tenantsOfCluster.get(keyOf(c)) ?? new Set<string>();
      set.add(tenant);
      tenantsOfCluster.set(keyOf(c), set);
    }
    const checks: Check[] = [];
    for (const { workloads } of tenantsHolding(room, "NO", "security-classified")) {
      for (const w of workloads) {
        const vms = vmsOfWorkload(room, w);
        const expected = "every cluster of its VMs used by no other tenant (dedicated infrastructure)";
        if (vms.length === 0) {
          checks.push(
            check("config", "not-evaluable", w, {
              observed: `lifecycle ${w.lifecycle}; no VM of it in the configuration`,
              expected,
              message: `Workload ${w.id}: its placement is not in the configuration.`,
            }),
          );
          continue;
        }
        for (const vm of vms) {
          const cluster = clusterOfVm(room, vm);
          if (!cluster.target) {
            checks.push(
              check("config", "error", vm, {
                observed: cluster.problem,
                expected,
                message: `VM ${String(vm.values.name)}: ${cluster.problem}`,
              }),
            );
            continue;
          }
          const others = [...(tenantsOfCluster.get(keyOf(cluster.target)) ?? [])].filter((t) => t !== w.tenantId).sort();
          const name = String(cluster.target.values.name);
          checks.push(
            check("config", others.length === 0 ? "pass" : "fail", [vm, cluster.target], {
              observed: `cluster ${name}: ${others.length === 0 ? `only ${w.tenantId}` : `also ${others.join(", ")}`}`,
              expected,
              message: `VM ${String(vm.values.name)} (workload ${w.id}, graded): ${others.length === 0 ? `cluster ${name} is dedicated` : `cluster ${name} is shared with ${others.join(", ")}`}`,
            }),
          );
        }
      }
    }
    return checks;
  },
});
