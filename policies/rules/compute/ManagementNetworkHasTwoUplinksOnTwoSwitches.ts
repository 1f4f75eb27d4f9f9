import type { DeviceObject } from "../../../contracts/facility-objects";
import { check, passOrFail } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001 } from "../../controls/references";
import { cablesOf, listOf, stringList } from "./support/topology";

interface MgmtSwitch {
  sw: TfObject;
  /** Where the rule found it, for the finding. */
  how: string;
}

/**
 * RED-MGMT-NET: every host's management vmkernel port has no single NIC or switch: its switch gives
 * the host at least two physical uplinks (NICs that are active or standby), and those NICs are cabled
 * (device links, either end) to at least two different core switches in at least two racks.
 *
 * The management vmk is the `vsphere_vnic` with service `management` where Terraform has one; else the
 * switch the host's device declares (`managementSwitch`, from the site's
 * `distributedSwitch.carriesManagementVmk`: vmk0 is made at install and not managed). A distributed
 * switch's NICs for the host are its `host[].devices`, limited by its active + standby uplinks; a
 * standard switch's are `network_adapters`, limited by `active_nics` + `standby_nics`. A host whose
 * management switch neither says is not-evaluable. Port-group teaming overrides are not read.
 */
export const ManagementNetworkHasTwoUplinksOnTwoSwitches = defineRule({
  meta: {
    id: "RED-MGMT-NET",
    name: "ManagementNetworkHasTwoUplinksOnTwoSwitches",
    version: "1.0.0",
    area: "compute",
    title: "Each host's management network has two uplinks cabled to two switches in two racks",
    rationale:
      "HA decides host failures over the management network: one NIC, cable or switch failing isolates the host, and HA may power off and restart its VMs (the 'no management network redundancy' warning must not be suppressed).",
    remediation: "Give the management vmk's switch two uplinks per host and cable them to the two core switches (in different racks).",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [ISO27001("8.14"), ISO27001("8.20")],
  },
  check(room) {
    return room.resources("vsphere_host").map((host) => checkHost(room, host));
  },
});

function checkHost(room: Room, host: TfObject): Check {
  const dev = room.deviceOfHost(host);
  const sw = managementSwitch(room, host, dev);
  if (!sw)
    return check("config", "not-evaluable", host, {
      observed: "no vsphere_vnic with service management, and no managementSwitch declared for its device",
      expected: "the management vmk's switch, to count its uplinks",
      message: `${host.address}: the management vmkernel port is not in Terraform and its switch is not declared`,
    });
  const nics = uplinkNics(room, sw.sw, host);
  const base = `management vmk on ${sw.how}: ${nics.length} uplink NIC(s) (${listOf(nics)})`;
  if (!dev)
    return check(room.hasFacility ? "declared" : "config", room.hasFacility ? "error" : "not-evaluable", host, {
      observed: `${base}; no device with vsphereHostname ${JSON.stringify(host.values.hostname)}`,
      expected: ">= 2 uplinks cabled to 2 core switches in 2 racks",
      message: `${host.address}: its cabling is unknown (no device object)`,
    });
  const peers: DeviceObject[] = [];
  const uncabled: string[] = [];
  for (const nic of nics) {
    const cable = cablesOf(room, dev).find((c) => c.port === nic);
    if (cable?.peer?.role === "core-switch") {
      if (!peers.includes(cable.peer)) peers.push(cable.peer);
    } else uncabled.push(cable ? `${nic} to ${cable.peerId}` : `${nic} not cabled`);
  }
  const racks = [...new Set(peers.map((p) => p.rackId))].sort();
  const observed = `${base}; cabled to ${peers.length} core switch(es) (${listOf(peers.map((p) => `${p.id} in ${p.rackId}`))})${
    uncabled.length > 0 ? `; not to a core switch: ${listOf(uncabled)}` : ""
  }`;
  return check("declared", passOrFail(nics.length >= 2 && peers.length >= 2 && racks.length >= 2), [host, dev], {
    observed,
    expected: ">= 2 uplink NICs cabled to >= 2 core switches in >= 2 racks",
    message: `${host.address}: ${observed}`,
  });
}

function managementSwitch(room: Room, host: TfObject, dev: DeviceObject | undefined): MgmtSwitch | undefined {
  for (const vnic of room.resources("vsphere_vnic")) {
    if (room.resolve(vnic, vnic.values.host).target !== host || !stringList(vnic.values.services).includes("management")) continue;
    const dvs =
      vnic.values.distributed_switch_port !== undefined ? room.resolve(vnic, vnic.values.distributed_switch_port).target : undefined;
    if (dvs) return { sw: dvs, how: `${dvs.address} (${vnic.address})` };
    const pg = vnic.values.portgroup;
    const hostPg = room
      .resources("vsphere_host_port_group")
      .find((p) => p.values.name === pg && room.resolve(p, p.values.host_system_id).target === host);
    const vss = hostPg && standardSwitch(room, host, hostPg.values.virtual_switch_name);
    if (vss) return { sw: vss, how: `${vss.address} (${vnic.address})` };
  }
  const name = dev?.managementSwitch;
  if (name === undefined) return undefined;
  const dvs = room.resources("vsphere_distributed_virtual_switch").find((s) => s.values.name === name);
  if (dvs) return { sw: dvs, how: `${dvs.address} (declared managementSwitch)` };
  const vss = standardSwitch(room, host, name);
  return vss ? { sw: vss, how: `${vss.address} (declared managementSwitch)` } : undefined;
}

function standardSwitch(room: Room, host: TfObject, name: unknown): TfObject | undefined {
  return room
    .resources("vsphere_host_virtual_switch")
    .find((s) => s.values.name === name && room.resolve(s, s.values.host_system_id).target === host);
}

/** The physical NICs a switch gives this host that carry traffic (active or standby), at most as many as it has uplinks. */
function uplinkNics(room: Room, sw: TfObject, host: TfObject): string[] {
  if (sw.type === "vsphere_host_virtual_switch") {
    const used = new Set([...stringList(sw.values.active_nics), ...stringList(sw.values.standby_nics)]);
    return stringList(sw.values.network_adapters).filter((n) => used.has(n));
  }
  const entries = Array.isArray(sw.values.host) ? (sw.values.host as Record<string, unknown>[]) : [];
  const entry = entries.find((e) => room.resolve(sw, e.host_system_id).target === host);
  const devices = stringList(entry?.devices);
  const active = stringList(sw.values.active_uplinks);
  const standby = stringList(sw.values.standby_uplinks);
  const uplinks = active.length + standby.length > 0 ? active.length + standby.length : stringList(sw.values.uplinks).length;
  return devices.slice(0, uplinks);
}
