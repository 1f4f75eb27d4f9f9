import { check, joinOutcome, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import { NO_SIKKERHETSLOVEN, NSM_GRUNNPRINSIPPER, SE_PMFS_2022_1, SE_SAKERHETSSKYDDSLAG } from "../../controls/references";
import { clusterOfVm, managedVms, tenantTagOf, workloadsOf } from "../governance/tenancy";
import { liveTenants, nameOf } from "./tenant-ownership";

/**
 * TEN-DEDICATED-HOSTS: a security-sensitive tenant (one with a security-classified workload, in any
 * country) runs on dedicated hosts: every compute cluster its VMs are in holds no other tenant's VM
 * (config).
 *
 * It generalises NO-SIKL-EXCLUDE (Norway, the graded workloads' own VMs) to every country and to all
 * of the tenant's VMs: whoever shares a host with any VM of the tenant shares the hypervisor its
 * classified systems depend on (its directory, its file servers, its jump hosts). Per managed VM of
 * the tenant (its `tenant` tag): its cluster is its resource pool's cluster; the cluster's other
 * tenants are the tenant tags of every managed VM placed there, and the tenants of unmanaged workloads
 * (known, not applied) that declare that cluster. A cluster that does not resolve is an error. A
 * sensitive tenant's unmanaged workload is checked on its declared cluster (declared); one that
 * declares none is not-evaluable. A sensitive tenant with no VM and no unmanaged workload in the
 * configuration is not-evaluable on its tenant object. A failure that only an unmanaged workload's
 * declared cluster shows is `declared` evidence. Whether the dedicated cluster was approved
 * (Säkerhetspolisen's consultation, NSM's approval) is SE-SSKL-IS-SAMRAD's and not covered. Input
 * without tenant objects names no sensitive tenant: one not-evaluable finding.
 */
export const SecuritySensitiveTenantsRunOnDedicatedHosts = defineRule({
  meta: {
    id: "TEN-DEDICATED-HOSTS",
    name: "SecuritySensitiveTenantsRunOnDedicatedHosts",
    version: "1.0.0",
    area: "tenancy",
    title: "A tenant with security-classified workloads runs on hosts no other tenant uses",
    rationale:
      "Security-sensitive activity needs protective measures proportionate to it; a cluster shared with other municipalities puts their VMs, their administrators' mistakes and a hypervisor escape from any of them on the hosts the classified systems run on.",
    remediation:
      "Give the tenant a compute cluster of its own (its workloads' cluster:) that no other tenant's VM uses, and move its VMs there; keep other tenants' VMs out of it.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [
      SE_SAKERHETSSKYDDSLAG("2 kap. (informationssäkerhet: protective measures; section: verify)", false),
      SE_PMFS_2022_1("4 kap. (information system security)"),
      NO_SIKKERHETSLOVEN("informasjonssystemsikkerhet / objekt- og infrastruktursikkerhet (sections: verify)"),
      // Principle 2.2 (secure ICT architecture): the numbering is marked "verify" in CONTROLS.md §3.3.
      NSM_GRUNNPRINSIPPER("2.2", false),
    ],
  },
  check(room) {
    if (room.facility("tenant").length === 0)
      return missingFacts(
        {
          observed: "no tenant objects",
          expected: "tenant and workload objects",
          message: "The input has no tenant objects, so no security-sensitive tenant can be found",
        },
        "config",
      );
    const vms = managedVms(room);
    // Who is in each cluster, by how the rule knows: managed VMs (config), unmanaged workloads (declared).
    const inCluster = { config: new Map<string, Set<string>>(), declared: new Map<string, Set<string>>() };
    const note = (by: Map<string, Set<string>>, cluster: string, tenant: string) =>
      by.set(cluster, new Set([...(by.get(cluster) ?? []), tenant]));
    // Each VM's tenant and cluster, read once (a site holds thousands).
    const tenantOf = new Map(vms.map((vm) => [vm, tenantTagOf(room, vm)]));
    const clusterOf = new Map(vms.map((vm) => [vm, clusterOfVm(room, vm)]));
    for (const vm of vms) {
      const c = clusterOf.get(vm)?.target;
      if (c) note(inCluster.config, nameOf(c), tenantOf.get(vm) ?? `untagged VM ${nameOf(vm)}`);
    }
    // Unmanaged workloads are known and counted, never applied: only their declared cluster says where they run.
    const unmanaged = room.facility("workload").filter((w) => w.lifecycle === "unmanaged");
    for (const w of unmanaged) if (w.cluster !== undefined) note(inCluster.declared, w.cluster, w.tenantId);
    const othersBy = (by: Map<string, Set<string>>, cluster: string, tenant: string) =>
      [...(by.get(cluster) ?? [])].filter((t) => t !== tenant);
    const othersIn = (cluster: string, tenant: string) =>
      [...new Set([...othersBy(inCluster.config, cluster, tenant), ...othersBy(inCluster.declared, cluster, tenant)])].sort();
    /** A failure that only unmanaged workloads' declarations show rests on them. */
    const evidenceOf = (cluster: string, tenant: string, own: "config" | "declared"): "config" | "declared" =>
      othersBy(inCluster.config, cluster, tenant).length === 0 && othersBy(inCluster.declared, cluster, tenant).length > 0
        ? "declared"
        : own;

    const checks: Check[] = [];
    for (const tenant of liveTenants(room)) {
      const classified = workloadsOf(room, tenant.id).filter((w) => w.sensitivity === "security-classified");
      if (classified.length === 0) continue;
      const because = `security-classified workload(s) ${classified.map((w) => w.id).join(", ")}`;
      const mine = vms.filter((vm) => tenantOf.get(vm) === tenant.id);
      const mineUnmanaged = unmanaged.filter((w) => w.tenantId === tenant.id);
      if (mine.length === 0 && mineUnmanaged.length === 0)
        checks.push(
          check("config", "not-evaluable", tenant, {
            observed: `${because}; no VM of tenant ${tenant.id} in the configuration`,
            expected: EXPECTED,
            message: `Tenant ${tenant.id}: its placement is not in the configuration`,
          }),
        );
      for (const vm of mine) {
        const cluster = clusterOf.get(vm) ?? clusterOfVm(room, vm);
        if (!cluster.target) {
          checks.push(
            check("config", joinOutcome([cluster]), vm, {
              observed: cluster.problem,
              expected: EXPECTED,
              message: `VM ${nameOf(vm)}: its cluster does not resolve`,
            }),
          );
          continue;
        }
        const name = nameOf(cluster.target);
        const others = othersIn(name, tenant.id);
        checks.push(
          check(evidenceOf(name, tenant.id, "config"), others.length === 0 ? "pass" : "fail", [vm, cluster.target], {
            observed: `tenant ${tenant.id} (${because}); cluster ${name}: ${others.length === 0 ? `only ${tenant.id}` : `also ${others.join(", ")}`}`,
            expected: EXPECTED,
            message: `VM ${nameOf(vm)} of security-sensitive tenant ${tenant.id}: ${others.length === 0 ? `cluster ${name} is dedicated` : `cluster ${name} is shared with ${others.join(", ")}`}`,
          }),
        );
      }
      for (const w of mineUnmanaged) {
        if (w.cluster === undefined) {
          checks.push(
            check("declared", "not-evaluable", w, {
              observed: `unmanaged workload ${w.id}: no cluster declared`,
              expected: EXPECTED,
              message: `Workload ${w.id} (unmanaged): its placement is not declared`,
            }),
          );
          continue;
        }
        const others = othersIn(w.cluster, tenant.id);
        checks.push(
          check("declared", others.length === 0 ? "pass" : "fail", w, {
            observed: `tenant ${tenant.id} (${because}); unmanaged workload ${w.id} declared on cluster ${w.cluster}: ${others.length === 0 ? `only ${tenant.id}` : `also ${others.join(", ")}`}`,
            expected: EXPECTED,
            message: `Workload ${w.id} (unmanaged) of security-sensitive tenant ${tenant.id}: ${others.length === 0 ? `cluster ${w.cluster} is dedicated` : `cluster ${w.cluster} is shared with ${others.join(", ")}`}`,
          }),
        );
      }
    }
    return checks;
  },
});

const EXPECTED = "every cluster of the tenant's VMs used by no other tenant (dedicated hosts)";
