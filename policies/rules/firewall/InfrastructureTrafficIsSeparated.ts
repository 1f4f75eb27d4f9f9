import { check, joinOutcome } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { TfObject } from "../../engine/room";
import { ISO27001 } from "../../controls/references";
import { PORT_GROUP_TYPES, pgName, portGroupOf, vlansOf, vlansOverlap, type Resolution } from "./fortigate";

/** The infrastructure traffic class of a vmk: its services, or vMotion by netstack; none = storage (iSCSI/NFS). */
function classesOf(vnic: TfObject): string[] {
  const services = Array.isArray(vnic.values.services) ? vnic.values.services.map(String) : [];
  const classes = new Set<string>();
  for (const s of services) {
    if (s === "management") classes.add("management");
    else if (s === "vmotion") classes.add("vmotion");
    else if (s === "vsan" || s === "vsanWitness") classes.add("storage");
    else classes.add(s);
  }
  if (vnic.values.netstack === "vmotion") classes.add("vmotion");
  if (classes.size === 0) classes.add("storage");
  return [...classes].sort();
}

/**
 * NET-VMK-SEG: infrastructure traffic (management, vMotion, storage) has its own networks (config).
 * Per `vsphere_vnic`: it carries one traffic class (its services; vMotion also by netstack; a vmk
 * without services is read as storage, iSCSI/NFS), and its port group and VLAN are shared neither with
 * any port group a VM NIC sits on nor with a vmk of another class. The management vmk (vmk0) that the
 * ESXi installer creates is not in the configuration, so only the vmks the output manages are checked.
 * A room without vmks has nothing to check. A vmk whose port group does not resolve is an error; in
 * input without facility objects one on a port group read from vCenter or the host (a data source, a
 * standard port group by name) that the input does not create is not-evaluable.
 */
export const InfrastructureTrafficIsSeparated = defineRule({
  meta: {
    id: "NET-VMK-SEG",
    name: "InfrastructureTrafficIsSeparated",
    version: "1.0.1",
    area: "network",
    title: "Management, vMotion and storage vmks are on their own port groups and VLANs, apart from VM networks",
    rationale:
      "vMotion copies VM memory in clear text and storage traffic carries the disks: on a VLAN a VM can reach, a tenant VM can read another tenant's memory and data or disturb the hosts.",
    remediation: "Put each vmk traffic class on its own port group and VLAN, and attach no VM to those port groups or VLANs.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [ISO27001("8.22")],
  },
  check(room) {
    const vnics = room.resources("vsphere_vnic");
    if (vnics.length === 0) return [];
    const pgs = PORT_GROUP_TYPES.flatMap((t) => room.resources(t));
    const vmGroups = new Set<TfObject>();
    for (const vm of room.resources("vsphere_virtual_machine")) {
      const nics = Array.isArray(vm.values.network_interface) ? (vm.values.network_interface as { network_id?: unknown }[]) : [];
      for (const n of nics) {
        const pg = portGroupOf(room, vm, n.network_id).pg;
        if (pg) vmGroups.add(pg);
      }
    }
    const groupOf = (v: TfObject): Resolution => {
      const dvpg = v.values.distributed_port_group;
      const name = v.values.portgroup;
      if (dvpg !== undefined) return portGroupOf(room, v, dvpg);
      if (typeof name === "string" && name.includes("${")) return portGroupOf(room, v, name);
      const found = typeof name === "string" ? pgs.find((pg) => pg.values.name === name) : undefined;
      if (found) return { pg: found };
      // Foreign input: a standard port group the host already has ("Management Network") is not created by it.
      if (typeof name === "string" && !room.hasFacility)
        return { problem: `${v.address}: port group "${name}" is read from the host, which the input does not create`, notInInput: true };
      return { problem: `${v.address}: its port group (${JSON.stringify(name)}) does not resolve` };
    };
    const located = vnics.map((v) => {
      const r = groupOf(v);
      return { v, r, pg: r.pg, classes: classesOf(v) };
    });
    const out: Check[] = [];
    for (const { v, r, pg, classes } of located) {
      const host = room.reference(v, v.values.host).target;
      const label = `${host ? (typeof host.values.hostname === "string" ? host.values.hostname : host.name) : "?"} vmk (${classes.join("+")})`;
      const expected = "one traffic class; port group and VLAN shared with no VM port group and no vmk of another class";
      if (!pg) {
        out.push(
          check("config", joinOutcome([r]), v, {
            observed: r.problem ?? `${v.address}: its port group does not resolve`,
            expected,
            message: `${label}: ${r.notInInput ? "the port group is not in the input" : "the port group does not resolve"}`,
          }),
        );
        continue;
      }
      const vlans = vlansOf(pg);
      const problems: string[] = [];
      const also: TfObject[] = [];
      if (classes.length > 1) problems.push(`carries ${classes.join(" and ")} on one vmk`);
      if (vmGroups.has(pg)) problems.push(`VMs sit on ${pgName(pg)}`);
      for (const o of vmGroups)
        if (o !== pg && vlansOverlap(vlans.ids, vlansOf(o).ids)) {
          problems.push(`VM port group ${pgName(o)} uses ${vlansOf(o).text} too`);
          also.push(o);
        }
      const others = located.filter(
        (l) => l.pg !== undefined && l.classes.join() !== classes.join() && (l.pg === pg || vlansOverlap(vlans.ids, vlansOf(l.pg).ids)),
      );
      for (const o of others) {
        problems.push(`${o.classes.join("+")} vmk ${o.v.address} shares it`);
        also.push(o.v);
      }
      out.push(
        check("config", problems.length === 0 ? "pass" : "fail", [v, pg, ...also], {
          observed: `${label} on ${pgName(pg)} (${vlans.text})${problems.length > 0 ? `: ${problems.join("; ")}` : ", used by no VM and no other traffic class"}`,
          expected,
          message: `${label}: ${problems.length === 0 ? "separated" : (problems[0] ?? "")}`,
        }),
      );
    }
    return out;
  },
});
