import { governanceRoom, tenant, type TestVm, vm, workload } from "../governance-room";
import type { RoomBuilder } from "../../room-builder";

export { tenant, workload };

/** A VM with every tag, of tenant `t`. */
export const tvm = (name: string, t: string, more: Partial<TestVm> = {}): TestVm => vm(name, { tenant: t, ...more });

const ref = (type: string, name: string, attr = "name") => `\${${type}.${name}.${attr}}`;
const names = (...n: string[]) => n.map((name) => ({ name }));

/**
 * A small shared room for the isolation rules, as the stacks write it: the governance room's tags,
 * clusters, pools and VMs (tenants ta and tb unless the VMs say otherwise), plus tenant objects, the
 * datacenter and the `tenants` folder, datastores ds1 and ds2 in datastore cluster dsc and ds3 on its
 * own, per tenant a folder `tenants/<t>`, an operator role granted to `<T>\ops` on that folder and on
 * its prod pool, every VM in its tenant's folder on dsc. Storage policies: "VM Encryption Policy"
 * encrypts with a redundant key provider, "Standard" does not.
 */
export function isolationRoom(vms: readonly TestVm[] = [tvm("ta-vm1", "ta"), tvm("tb-vm1", "tb")]): RoomBuilder {
  const b = governanceRoom(vms);
  const tenants = [...new Set(vms.map((v) => v.tenant))];
  for (const t of tenants) b.facility("tenant", tenant(t));
  b.facility("key-provider", { id: "kp", providerKind: "native", redundant: true })
    .facility("storage-policy", { id: "encrypted", name: "VM Encryption Policy", encryption: true, keyProviderId: "kp" })
    .facility("storage-policy", { id: "standard", name: "Standard", encryption: false, keyProviderId: null })
    .resource("vsphere", "vsphere_datacenter", "dc", { name: "dc" })
    .resource("vsphere", "vsphere_folder", "tenants", { path: "tenants", type: "vm", datacenter_id: "${vsphere_datacenter.dc.moid}" })
    .resource("vsphere", "vsphere_datastore_cluster", "dsc", { name: "dsc" });
  for (const [ds, inCluster] of [
    ["ds1", true],
    ["ds2", true],
    ["ds3", false],
  ] as const)
    b.resource("vsphere", "vsphere_vmfs_datastore", ds, {
      name: ds,
      ...(inCluster ? { datastore_cluster_id: "${vsphere_datastore_cluster.dsc.id}" } : {}),
    });
  for (const t of tenants) {
    const stack = `s-${t}`;
    b.data(stack, "vsphere_datacenter", "datacenter", { name: "dc" })
      .data(stack, "vsphere_datastore_cluster", "dsc", { name: "dsc" })
      .data(stack, "vsphere_datastore", "ds1", { name: "ds1" })
      .data(stack, "vsphere_datastore", "ds3", { name: "ds3" })
      .data(stack, "vsphere_folder", "tenants", { path: "tenants" })
      .resource(stack, "vsphere_folder", t, {
        path: `tenants/${t}`,
        type: "vm",
        datacenter_id: "${data.vsphere_datacenter.datacenter.id}",
        tags: [`\${vsphere_tag.tenant_${t}.id}`],
      })
      .resource(stack, "vsphere_role", `${t}_operator`, { name: `s-${t}-operator`, role_privileges: ["VirtualMachine.Interact.PowerOn"] });
    for (const [what, entity, type] of [
      ["folder", ref("vsphere_folder", t, "id"), "Folder"],
      ["pool", ref("vsphere_resource_pool", "pool_prod", "id"), "ResourcePool"],
    ] as const)
      b.resource(stack, "vsphere_entity_permissions", `${t}_${what}`, {
        entity_id: entity,
        entity_type: type,
        permissions: [
          {
            user_or_group: `${t.toUpperCase()}\\ops`,
            is_group: true,
            propagate: true,
            role_id: ref("vsphere_role", `${t}_operator`, "id"),
          },
        ],
      });
    for (const v of vms.filter((x) => x.tenant === t))
      b.edit(stack, "vsphere_virtual_machine", v.name, (values) => {
        values.folder = ref("vsphere_folder", t, "path");
        values.datastore_cluster_id = "${data.vsphere_datastore_cluster.dsc.id}";
      });
  }
  return b;
}

/**
 * The FortiGate of the isolation room: VDOMs shared (with the internet uplink x2 and a service VLAN 5,
 * 10.9.0.0/24), ta (VLAN 10, 10.1.0.0/24) and tb (VLAN 20, 10.2.0.0/24) joined to shared by VDOM
 * links, and each tenant's firewall stack (`s-<t>-fw`) with its network address and its final deny.
 * Policy shared p10 lets ta reach tb, with ticket and justification.
 */
export function withFirewall(b: RoomBuilder): RoomBuilder {
  const FW = "firewall";
  const vdom = (v: string) => ref("fortios_system_vdom", v);
  b.resource(FW, "fortios_system_global", "g1", { management_vdom: "root", vdomparam: "global" })
    .resource(FW, "fortios_system_vdom", "shared", { name: "shared" })
    .resource(FW, "fortios_system_interface", "mgmt", { name: "mgmt", vdom: "root", ip: "10.0.0.4/24" })
    .resource(FW, "fortios_system_interface", "x2", { name: "x2", vdom: vdom("shared"), role: "wan", ip: "203.0.113.10/28" })
    .resource(FW, "fortios_system_interface", "vlan5", {
      name: "vlan5",
      vdom: vdom("shared"),
      type: "vlan",
      interface: "x1",
      vlanid: 5,
      ip: "10.9.0.1/24",
    });
  for (const [t, vlan, net] of [
    ["ta", 10, "10.1.0"],
    ["tb", 20, "10.2.0"],
  ] as const) {
    b.resource(FW, "fortios_system_vdom", t, { name: t })
      .resource(FW, "fortios_system_vdomlink", t, { name: t, type: "ppp" })
      .resource(FW, "fortios_system_interface", `${t}0`, {
        name: `${ref("fortios_system_vdomlink", t)}0`,
        vdom: vdom("shared"),
        type: "vdom-link",
      })
      .resource(FW, "fortios_system_interface", `${t}1`, {
        name: `${ref("fortios_system_vdomlink", t)}1`,
        vdom: vdom(t),
        type: "vdom-link",
      })
      .resource(FW, "fortios_system_interface", `vlan${vlan}`, {
        name: `vlan${vlan}`,
        vdom: vdom(t),
        type: "vlan",
        interface: "x1",
        vlanid: vlan,
        ip: `${net}.1/24`,
      })
      .resource(FW, "fortios_firewall_address", `net_${t}`, { name: `${t}-net`, subnet: `${net}.0/24`, vdomparam: "shared" })
      .resource(`${t}-fw`, "fortios_firewall_address", `net_${t}`, { name: `${t}-net`, subnet: `${net}.0/24`, vdomparam: t })
      .resource(`${t}-fw`, "fortios_firewall_policy", `${t}_100000`, {
        action: "deny",
        policyid: 100000,
        srcintf: names("any"),
        dstintf: names("any"),
        srcaddr: names("all"),
        dstaddr: names("all"),
        service: names("ALL"),
        logtraffic: "all",
        comments: "ticket=-; why=deny by default; flow=site/default-deny",
        vdomparam: t,
      });
  }
  return b.resource(
    FW,
    "fortios_firewall_policy",
    "p10",
    accept("shared", 10, "ta0", "tb0", "ticket=CHG-1; why=ta reads tb's cadastre; flow=ta/10"),
  );
}

/** An accept policy between two interfaces of the isolation firewall, with the tenants' networks as addresses. */
export function accept(vdom: string, id: number, src: string, dst: string, comments?: string): Record<string, unknown> {
  const addr = (intf: string) => (intf.startsWith("ta") ? "net_ta" : intf.startsWith("tb") ? "net_tb" : undefined);
  const a = (intf: string) => {
    const x = addr(intf);
    return x === undefined ? names("all") : names(ref("fortios_firewall_address", x));
  };
  return {
    action: "accept",
    policyid: id,
    status: "enable",
    srcintf: names(ref("fortios_system_interface", src)),
    dstintf: names(ref("fortios_system_interface", dst)),
    srcaddr: a(src),
    dstaddr: a(dst),
    service: names("HTTPS"),
    logtraffic: "all",
    vdomparam: vdom,
    ...(comments === undefined ? {} : { comments }),
  };
}
