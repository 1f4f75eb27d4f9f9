import { check, joinOutcome, passOrFail } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001 } from "../../controls/references";
import { TAG_CATEGORIES } from "../../../contracts/tag-categories";
import { clusterHosts, clusterOf, clusterOfVm, listOf, nameOf, stringList, tagOf, text } from "./support/topology";

const URGENT = new Set(["life-and-health", "critical"]);

interface Group {
  name: string;
  stack: string;
  cluster: TfObject;
  members: TfObject[];
}

/** Hosts a mandatory rule can spread members over while HA has `tolerance` hosts down. */
function spreadHosts(room: Room, cluster: TfObject): { hosts: number; tolerance: number } {
  const t = cluster.values.ha_admission_control_host_failure_tolerance ?? 1;
  return { hosts: clusterHosts(room, cluster).hosts.length, tolerance: typeof t === "number" ? t : 1 };
}

/**
 * RED-ANTI-AFFINITY: members of a redundancy group (VMs with the same `redundancy-group` tag in one
 * tenant stack) never share a host. Per group and cluster: a `vsphere_compute_cluster_vm_anti_affinity_rule`
 * in that cluster lists every member, is enabled and mandatory; the cluster has DRS on with automation
 * not manual (DRS enforces the rule); and the cluster has at least as many hosts as members AFTER
 * taking away the hosts HA tolerates losing (`hosts - host failure tolerance >= members`), so that a
 * mandatory rule still lets HA restart every member when hosts are down (HA respects mandatory
 * VM-VM anti-affinity rules).
 *
 * And a life-and-health or critical workload of two or more Terraform VMs that are not all in one
 * redundancy group is a finding. A farm larger than the hosts can separate (more VMs than hosts minus
 * tolerance) cannot be one mandatory group: it is not-applicable here, with the advice to split it into
 * groups (its capacity after a host failure is RED-HOST-N1's). Unmanaged VMs have no Terraform tags:
 * their workload is not-evaluable. A cluster or VM reference that does not resolve is an error; one
 * read from vCenter by a data source of foreign input (no facility objects), or a plan-time value, is
 * not-evaluable.
 */
export const RedundantVmsNeverShareAHost = defineRule({
  meta: {
    id: "RED-ANTI-AFFINITY",
    name: "RedundantVmsNeverShareAHost",
    version: "1.0.1",
    area: "compute",
    title: "Redundant VMs (domain controllers, DNS, application pairs) never share a host",
    rationale: "Two domain controllers or both care-alarm servers on one host fail together with it: the redundancy exists on paper only.",
    remediation:
      "Give the workload a redundancyGroup (a mandatory anti-affinity rule follows), turn DRS on (fully or partially automated), or add hosts so the group fits with a host down.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [ISO27001("8.14")],
  },
  check(room) {
    const out: Check[] = [];
    const category = TAG_CATEGORIES.redundancyGroup.name;
    const groups = new Map<string, Group>();
    for (const vm of room.resources("vsphere_virtual_machine")) {
      const name = tagOf(room, vm, category);
      if (name === undefined) continue;
      const placement = clusterOfVm(room, vm);
      const { cluster, problem } = placement;
      if (!cluster) {
        out.push(
          check("config", joinOutcome([placement]), vm, {
            findingId: `group-${name}`,
            observed: problem ?? "no cluster",
            expected: "the VM's resource pool leads to a compute cluster",
            message: `${vm.address}: member of redundancy group ${name}, but its cluster does not resolve`,
          }),
        );
        continue;
      }
      const key = `${vm.stack}\u0000${name}\u0000${cluster.address}`;
      const g = groups.get(key) ?? { name, stack: vm.stack, cluster, members: [] };
      g.members.push(vm);
      groups.set(key, g);
    }
    const rules = antiAffinityRules(room, out);
    for (const g of groups.values()) out.push(checkGroup(room, g, rules));
    out.push(...checkUngroupedWorkloads(room, category));
    return out;
  },
});

interface AntiAffinity {
  rule: TfObject;
  cluster?: TfObject;
  vms: Set<TfObject>;
}

function antiAffinityRules(room: Room, out: Check[]): AntiAffinity[] {
  return room.resources("vsphere_compute_cluster_vm_anti_affinity_rule").map((rule) => {
    const vms = new Set<TfObject>();
    for (const ref of stringList(rule.values.virtual_machine_ids)) {
      const r = room.resolve(rule, ref);
      if (r.target) vms.add(r.target);
      else
        out.push(
          check("config", joinOutcome([r]), rule, {
            observed: r.problem,
            expected: "every listed VM resolves",
            message: `${rule.address}: ${r.problem}`,
          }),
        );
    }
    const c = clusterOf(room, rule, rule.values.compute_cluster_id);
    if (!c.cluster)
      out.push(
        check("config", joinOutcome([c]), rule, {
          findingId: "cluster",
          observed: c.problem ?? "no cluster",
          expected: "compute_cluster_id resolves to a cluster of the site",
          message: `${rule.address}: ${c.problem ?? ""}`,
        }),
      );
    return { rule, cluster: c.cluster, vms };
  });
}

function checkGroup(room: Room, g: Group, rules: readonly AntiAffinity[]): Check {
  const clusterName = nameOf(g.cluster);
  const names = g.members.map((m) => nameOf(m));
  const findingId = `group-${g.name}`;
  if (g.members.length < 2)
    return check("config", "not-applicable", g.members, {
      findingId,
      observed: `1 member (${listOf(names)}) in cluster ${clusterName}`,
      expected: "a group of >= 2 VMs to keep apart",
      message: `redundancy group ${g.name} has one VM in cluster ${clusterName}: nothing to keep apart`,
    });
  const inCluster = rules.filter((r) => r.cluster === g.cluster);
  const best = [...inCluster].sort((a, b) => covered(b, g) - covered(a, g))[0];
  const { hosts, tolerance } = spreadHosts(room, g.cluster);
  const drs = g.cluster.values.drs_enabled === true;
  const automation = text(g.cluster.values.drs_automation_level, "manual");
  const problems: string[] = [];
  const have = best ? covered(best, g) : 0;
  if (!best || have === 0) problems.push("no anti-affinity rule lists its members");
  else {
    if (have < g.members.length) problems.push(`${best.rule.address} lists ${have} of ${g.members.length} members`);
    if (best.rule.values.enabled === false) problems.push("the rule is disabled");
    if (best.rule.values.mandatory !== true) problems.push("the rule is not mandatory");
  }
  if (!drs) problems.push("DRS is off");
  else if (automation === "manual") problems.push("DRS automation is manual");
  if (hosts - tolerance < g.members.length)
    problems.push(`${hosts} hosts minus ${tolerance} tolerated = ${hosts - tolerance} < ${g.members.length} members`);
  const ruleText =
    best && have > 0
      ? `${best.rule.address} (${have}/${g.members.length} members, enabled ${text(best.rule.values.enabled, "true")}, mandatory ${text(best.rule.values.mandatory, "false")})`
      : "no rule";
  const observed = `${g.members.length} members; ${ruleText}; DRS ${drs ? automation : "off"}; ${hosts} hosts minus ${tolerance} tolerated = ${hosts - tolerance}`;
  return check("config", passOrFail(problems.length === 0), best && have > 0 ? [best.rule, ...g.members] : g.members, {
    findingId,
    observed,
    expected: `an enabled, mandatory anti-affinity rule with all ${g.members.length} members; DRS on, not manual; >= ${g.members.length} hosts left after ${tolerance} failure(s)`,
    message: `redundancy group ${g.name} (${listOf(names)}) in cluster ${clusterName}: ${problems.length === 0 ? "kept apart" : problems.join("; ")}`,
  });
}

const covered = (r: AntiAffinity, g: Group) => g.members.filter((m) => r.vms.has(m)).length;

function checkUngroupedWorkloads(room: Room, category: string): Check[] {
  const out: Check[] = [];
  const byName = new Map<string, TfObject>();
  // A look-up by name: the whole room's VMs, in a tenant's view too (Room.focus).
  for (const vm of room.whole.resources("vsphere_virtual_machine")) if (typeof vm.values.name === "string") byName.set(vm.values.name, vm);
  for (const w of room.facility("workload")) {
    if (!URGENT.has(w.criticality) || w.vms.length < 2) continue;
    const vms = w.vms.flatMap((n) => {
      const vm = byName.get(n);
      return vm ? [vm] : [];
    });
    if (vms.length === 0) {
      if (w.lifecycle === "unmanaged")
        out.push(
          check("declared", "not-evaluable", w, {
            findingId: "ungrouped",
            observed: `${w.vms.length} unmanaged VMs (${listOf(w.vms)})`,
            expected: "a redundancy group",
            message: `workload ${w.id}: its VMs are not managed by Terraform; their anti-affinity is set in vCenter, not here`,
          }),
        );
      continue;
    }
    if (vms.length < 2) continue;
    const tags = vms.map((vm) => tagOf(room, vm, category));
    const first = tags[0];
    const grouped = first !== undefined && tags.every((t) => t === first);
    const crit = w.criticality;
    if (grouped) {
      out.push(
        check("config", "pass", w, {
          findingId: "ungrouped",
          observed: `${vms.length} VMs in redundancy group ${first}`,
          expected: `a ${crit} workload of >= 2 VMs is one redundancy group`,
          message: `workload ${w.id}: its ${vms.length} VMs are redundancy group ${first}`,
        }),
      );
      continue;
    }
    const firstVm = vms[0];
    const cluster = firstVm ? clusterOfVm(room, firstVm).cluster : undefined;
    const spread = cluster ? spreadHosts(room, cluster) : undefined;
    const capacity = spread ? spread.hosts - spread.tolerance : undefined;
    const groupNames = [...new Set(tags.map((t) => t ?? "none"))].sort();
    const observed = `${vms.length} VMs, redundancy group(s) ${listOf(groupNames)}`;
    if (capacity !== undefined && vms.length > capacity && tags.every((t) => t === undefined)) {
      out.push(
        check("config", "not-applicable", w, {
          findingId: "ungrouped",
          observed: `${observed}; ${spread?.hosts ?? 0} hosts minus ${spread?.tolerance ?? 0} tolerated = ${capacity}`,
          expected: `a group that fits the hosts (<= ${capacity} members)`,
          message: `workload ${w.id}: a farm of ${vms.length} VMs is more than one mandatory rule can separate on ${capacity} hosts; split it into groups of at most ${capacity} to keep DRS from stacking it`,
        }),
      );
      continue;
    }
    out.push(
      check("config", "fail", w, {
        findingId: "ungrouped",
        observed,
        expected: `a ${crit} workload of >= 2 VMs is one redundancy group`,
        message: `workload ${w.id} (${crit}): its ${vms.length} VMs may share a host`,
      }),
    );
  }
  return out;
}
