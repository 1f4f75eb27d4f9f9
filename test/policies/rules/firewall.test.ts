import type { Finding } from "../../../policies/engine/rule";
import { AcceptedTrafficIsLoggedAndKept } from "../../../policies/rules/firewall/AcceptedTrafficIsLoggedAndKept";
import { AdminAccessIsRestricted } from "../../../policies/rules/firewall/AdminAccessIsRestricted";
import { FirewallIsDefaultDenyAllowList } from "../../../policies/rules/firewall/FirewallIsDefaultDenyAllowList";
import { FirewallIsHaPair } from "../../../policies/rules/firewall/FirewallIsHaPair";
import { HaHeartbeatIsEncryptedAndIsolated } from "../../../policies/rules/firewall/HaHeartbeatIsEncryptedAndIsolated";
import { InfrastructureTrafficIsSeparated } from "../../../policies/rules/firewall/InfrastructureTrafficIsSeparated";
import { TenantNetworksAreSeparated } from "../../../policies/rules/firewall/TenantNetworksAreSeparated";
import { VdomsFitTheLicences } from "../../../policies/rules/firewall/VdomsFitTheLicences";
import { findingsOf, outcomes, RoomBuilder } from "../room-builder";

const ref = (type: string, name: string, attr = "name") => `\${${type}.${name}.${attr}}`;
const names = (...n: string[]) => n.map((name) => ({ name }));

/** The facility half: two rooms in two EPO zones, a rack in each, both paths in each rack, two FortiGates, one ESXi host, a log collector. */
function facility(b: RoomBuilder): RoomBuilder {
  b.facility("room", { id: "r1", roomType: "primary", epoZone: "E1" })
    .facility("room", { id: "r2", roomType: "other", epoZone: "E2" })
    .facility("rack", { id: "k1", roomId: "r1", designKw: 5 })
    .facility("rack", { id: "k2", roomId: "r2", designKw: 5 });
  for (const k of ["k1", "k2"])
    for (const p of ["A", "B"] as const) b.facility("pdu", { id: `${k}-${p}`, rackId: k, upsId: `ups-${p}`, path: p, capacityKw: 7 });
  const fw = (id: string, rack: string) =>
    b.facility("device", {
      id,
      role: "firewall",
      rackId: rack,
      model: "FortiGate 201F",
      firmware: "7.4.11",
      haGroup: "g",
      vdomLicences: 10,
      links: [],
      psus: [
        { pduId: `${rack}-A`, watts: 150 },
        { pduId: `${rack}-B`, watts: 150 },
      ],
    });
  fw("fw1", "k1");
  fw("fw2", "k2");
  return b
    .facility("device", {
      id: "h1",
      role: "esxi-host",
      rackId: "k1",
      vsphereHostname: "esx1",
      links: [],
      psus: [{ pduId: "k1-A", watts: 500 }],
    })
    .facility("log-collector", { id: "log.example", port: 6514, protocol: "tls", tls: true, retentionMonths: 12 });
}

const FW = "firewall";

/** The FortiGate: an a-p cluster, VDOMs shared/ta/tb linked by VDOM links, a WAN uplink, policies, a syslog target, an API user. */
function firewall(b: RoomBuilder): RoomBuilder {
  const vdom = (v: string) => ref("fortios_system_vdom", v);
  b.resource(FW, "fortios_system_global", "g1", { management_vdom: "root", hostname: "fw1", vdomparam: "global" })
    .resource(FW, "fortios_system_ha", "ha", {
      mode: "a-p",
      group_name: "g",
      hbdev: "ha1 50 ha2 50",
      session_pickup: "enable",
      monitor: "x1 x2",
      encryption: "enable",
      authentication: "enable",
      ha_mgmt_interfaces: [{ id: 1, interface: "mgmt", gateway: "10.0.0.1", dst: "0.0.0.0/0" }],
      vdomparam: "global",
    })
    .resource(FW, "fortios_system_interface", "mgmt", { name: "mgmt", vdom: "root", ip: "10.0.0.4/24", allowaccess: "ping https ssh" })
    .resource(FW, "fortios_system_interface", "x2", {
      name: "x2",
      vdom: vdom("shared"),
      role: "wan",
      ip: "203.0.113.10/28",
      allowaccess: "ping",
    })
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
      .resource(FW, "fortios_firewall_policy", `${t}_100000`, denyAll(t))
      .resource(FW, "fortios_firewall_policy_sort", `${t}_order`, { sortby: "policyid", sortdirection: "ascending", vdomparam: t });
  }
  return b
    .resource(FW, "fortios_system_vdom", "shared", { name: "shared" })
    .resource(FW, "fortios_firewall_policy", "p10", {
      ...accept("shared", 10, ref("fortios_system_interface", "ta0"), ref("fortios_system_interface", "tb0")),
      srcaddr: names(ref("fortios_firewall_address", "net_ta")),
      dstaddr: names(ref("fortios_firewall_address", "net_tb")),
      comments: "ticket=CHG-1; why=ta reads tb's cadastre; flow=ta/10",
    })
    .resource(FW, "fortios_firewall_policy", "p20", {
      ...accept("shared", 20, ref("fortios_system_interface", "x2"), ref("fortios_system_interface", "ta0")),
      dstaddr: names(ref("fortios_firewall_address", "net_ta")),
      comments: "ticket=CHG-2; why=public web site; flow=ta/20",
    })
    .resource(FW, "fortios_firewall_policy", "p30", {
      ...accept("shared", 30, ref("fortios_system_interface", "ta0"), ref("fortios_system_interface", "vlan5")),
      srcaddr: names(ref("fortios_firewall_address", "net_ta")),
      comments: "ticket=-; why=-; flow=ta/30",
    })
    .resource(FW, "fortios_firewall_policy", "p100000", denyAll("shared"))
    .resource(FW, "fortios_firewall_policy_sort", "order", { sortby: "policyid", sortdirection: "ascending", vdomparam: "shared" })
    .resource(FW, "fortios_logsyslogd_setting", "syslog", {
      status: "enable",
      server: "log.example",
      port: 6514,
      mode: "reliable",
      enc_algorithm: "high",
    })
    .resource(FW, "fortios_system_apiuser", "api", {
      name: "terraform",
      accprofile: "super_admin",
      trusthost: [{ id: 1, type: "ipv4-trusthost", ipv4_trusthost: "10.0.0.0/24" }],
    });
}

function accept(vdom: string, id: number, src: string, dst: string) {
  return {
    action: "accept",
    policyid: id,
    status: "enable",
    srcintf: names(src),
    dstintf: names(dst),
    srcaddr: names("all"),
    dstaddr: names("all"),
    service: names("HTTPS"),
    logtraffic: "all",
    schedule: "always",
    vdomparam: vdom,
  };
}

function denyAll(vdom: string) {
  return {
    action: "deny",
    policyid: 100000,
    status: "enable",
    srcintf: names("any"),
    dstintf: names("any"),
    srcaddr: names("all"),
    dstaddr: names("all"),
    service: names("ALL"),
    logtraffic: "all",
    comments: "ticket=-; why=deny by default; flow=site/default-deny",
    vdomparam: vdom,
  };
}

/** The vSphere half: site port groups (vMotion with a vmk, a shared-services one on VLAN 5) and two tenants with a port group and a VM each. */
function vsphere(b: RoomBuilder): RoomBuilder {
  b.resource("vsphere", "vsphere_host", "h1", { hostname: "esx1" })
    .resource("vsphere", "vsphere_distributed_port_group", "vmotion", { name: "s-vmotion", vlan_id: 101 })
    .resource("vsphere", "vsphere_distributed_port_group", "svc", { name: "s-svc", vlan_id: 5 })
    .resource("vsphere", "vsphere_vnic", "h1_vmotion", {
      host: "${vsphere_host.h1.id}",
      distributed_port_group: "${vsphere_distributed_port_group.vmotion.id}",
      services: ["vmotion"],
      netstack: "defaultTcpipStack",
    });
  for (const [t, vlan] of [
    ["ta", 10],
    ["tb", 20],
  ] as const) {
    b.data(t, "vsphere_tag_category", "tenant", { name: "tenant" })
      .resource(t, "vsphere_tag", `tenant_${t}`, { name: t, category_id: "${data.vsphere_tag_category.tenant.id}" })
      .resource(t, "vsphere_distributed_port_group", "servere", {
        name: `${t}-servere`,
        vlan_id: vlan,
        tags: [`\${vsphere_tag.tenant_${t}.id}`],
      })
      .data(t, "vsphere_network", "site_svc", { name: "s-svc" })
      .resource(t, "vsphere_virtual_machine", `${t}-vm1`, {
        name: `${t}-vm1`,
        tags: [`\${vsphere_tag.tenant_${t}.id}`],
        network_interface: [
          { network_id: "${vsphere_distributed_port_group.servere.id}" },
          { network_id: "${data.vsphere_network.site_svc.id}" },
        ],
      });
  }
  return b;
}

const room = () => vsphere(firewall(facility(new RoomBuilder())));
const byId = (fs: Finding[], id: string) => {
  const f = fs.find((x) => x.findingId === id);
  if (!f) throw new Error(`no finding ${id} in ${fs.map((x) => x.findingId).join(", ")}`);
  return f;
};
const unit = (id: string) => `terraform_data.device_${id}`;

describe("RED-FW-HA FirewallIsHaPair", () => {
  test("passes an a-p pair of identical units in two racks, rooms and EPO zones, each on both paths", () => {
    const fs = findingsOf(FirewallIsHaPair, room());
    expect(new Set(fs.map((f) => f.outcome))).toEqual(new Set(["pass"]));
    expect(byId(fs, "racks").observed).toBe("fw1 in rack k1, fw2 in rack k2");
    expect(byId(fs, "power-fw2").observed).toBe("psu 1 on k2-A (path A), psu 2 on k2-B (path B)");
    expect(byId(fs, "hbdev").observed).toBe("2 heartbeat interface(s) (ha1, ha2)");
    expect(byId(fs, "epo-zone").observed).toBe("fw1 in room r1 (EPO zone E1), fw2 in room r2 (EPO zone E2)");
    expect(byId(fs, "epo-zone").stacks).toEqual(["s-facility", "s-firewall"]);
  });
  test("fails different firmware, one rack, one power path, one heartbeat link and no session pickup", () => {
    const b = room()
      .edit("facility", "terraform_data", "device_fw2", (v) => {
        const d = v.input as { firmware: string; rackId: string; psus: { pduId: string }[] };
        d.firmware = "7.4.9";
        d.rackId = "k1";
        d.psus = [{ pduId: "k1-A", watts: 150 } as never, { pduId: "k1-A", watts: 150 } as never];
      })
      .edit(FW, "fortios_system_ha", "ha", (v) => {
        v.hbdev = "ha1 50";
        delete v.session_pickup;
      });
    const fs = findingsOf(FirewallIsHaPair, b);
    expect(byId(fs, "firmware")).toMatchObject({ outcome: "fail", observed: "fw1 7.4.11, fw2 7.4.9" });
    expect(byId(fs, "racks")).toMatchObject({ outcome: "fail", observed: "fw1 in rack k1, fw2 in rack k1" });
    expect(byId(fs, "power-fw2")).toMatchObject({
      outcome: "fail",
      address: unit("fw2"),
      observed: "psu 1 on k1-A (path A), psu 2 on k1-A (path A)",
    });
    expect(byId(fs, "hbdev")).toMatchObject({ outcome: "fail", observed: "1 heartbeat interface(s) (ha1)" });
    expect(byId(fs, "session-pickup")).toMatchObject({ outcome: "fail", observed: "session_pickup unset (disable)" });
    expect(byId(fs, "model").outcome).toBe("pass");
  });
  test("one shared EPO zone: advisory when every host is in it too, mandatory when a host is elsewhere", () => {
    const sameZone = room().edit("facility", "terraform_data", "room_r2", (v) => {
      (v.input as { epoZone: string }).epoZone = "E1";
    });
    const advisory = byId(findingsOf(FirewallIsHaPair, sameZone), "epo-zone");
    expect(advisory).toMatchObject({ outcome: "fail", enforcement: "advisory" });
    expect(advisory.observed).toBe("fw1 in room r1 (EPO zone E1), fw2 in room r2 (EPO zone E1); every ESXi host is in EPO zone E1 too");
    const hostElsewhere = sameZone
      .facility("room", { id: "r3", roomType: "other", epoZone: "E3" })
      .facility("rack", { id: "k3", roomId: "r3", designKw: 5 })
      .facility("device", {
        id: "h3",
        role: "esxi-host",
        rackId: "k3",
        links: [],
        psus: [],
      });
    const mandatory = byId(findingsOf(FirewallIsHaPair, hostElsewhere), "epo-zone");
    expect(mandatory).toMatchObject({ outcome: "fail", enforcement: "mandatory" });
    expect(mandatory.observed).toContain("hosts outside it: h3");
  });
  test("a standalone firewall fails; a haGroup that matches no cluster is an error", () => {
    const b = room().edit("facility", "terraform_data", "device_fw2", (v) => {
      (v.input as { haGroup?: string }).haGroup = "other";
    });
    const fs = findingsOf(FirewallIsHaPair, b);
    expect(fs.find((f) => f.address === unit("fw2") && f.findingId === "ha-join")).toMatchObject({ outcome: "error" });
    expect(byId(fs, "units")).toMatchObject({ outcome: "fail", observed: "1 unit(s): fw1" });
    const standalone = room().edit("facility", "terraform_data", "device_fw1", (v) => {
      delete (v.input as { haGroup?: string }).haGroup;
    });
    expect(byId(findingsOf(FirewallIsHaPair, standalone), "standalone")).toMatchObject({ outcome: "fail", address: unit("fw1") });
  });
  test("a member's own HA settings are not applicable", () => {
    const b = room().resource(FW, "fortios_system_ha", "ha_fw2", { priority: 100, override: "disable" });
    expect(findingsOf(FirewallIsHaPair, b).find((f) => f.address === "fortios_system_ha.ha_fw2")).toMatchObject({
      outcome: "not-applicable",
      observed: "one member's own HA settings (priority, management interface): no group_name or mode",
    });
  });
  test("foreign input without facility objects: the config is checked, the units are not evaluable", () => {
    const fs = findingsOf(FirewallIsHaPair, firewall(new RoomBuilder()));
    expect(byId(fs, "mode")).toMatchObject({ outcome: "pass", observed: "mode a-p" });
    expect(byId(fs, "units")).toMatchObject({ outcome: "not-evaluable" });
  });
});

describe("FW-HA-HB-SEC HaHeartbeatIsEncryptedAndIsolated", () => {
  test("passes an encrypted, authenticated heartbeat on ports nothing else uses", () => {
    const fs = findingsOf(HaHeartbeatIsEncryptedAndIsolated, room());
    expect(outcomes(fs)).toEqual({
      "fortios_system_ha.ha#encryption": "pass",
      "fortios_system_ha.ha#authentication": "pass",
      "fortios_system_ha.ha#hb-ports": "pass",
    });
    expect(byId(fs, "hb-ports").observed).toBe("heartbeat ports ha1, ha2 used by nothing else");
  });
  test("fails plain heartbeats and a VLAN on a heartbeat port", () => {
    const b = room()
      .edit(FW, "fortios_system_ha", "ha", (v) => {
        v.encryption = "disable";
      })
      .edit(FW, "fortios_system_interface", "vlan10", (v) => {
        v.interface = "ha2";
      });
    const fs = findingsOf(HaHeartbeatIsEncryptedAndIsolated, b);
    expect(byId(fs, "encryption")).toMatchObject({ outcome: "fail", observed: "encryption disable" });
    expect(byId(fs, "hb-ports")).toMatchObject({
      outcome: "fail",
      observed: "ha2: interface vlan10 sits on it (fortios_system_interface.vlan10)",
    });
    expect(byId(fs, "hb-ports").addresses).toContain("fortios_system_interface.vlan10");
  });
  test("a standalone unit has no heartbeat: not applicable", () => {
    const b = room().edit(FW, "fortios_system_ha", "ha", (v) => {
      v.mode = "standalone";
    });
    expect(findingsOf(HaHeartbeatIsEncryptedAndIsolated, b)).toMatchObject([
      { outcome: "not-applicable", observed: "mode standalone: no heartbeat" },
    ]);
  });
});

describe("FW-VDOM-CAPACITY VdomsFitTheLicences", () => {
  test("passes 3 VDOMs + root within 10 licences", () => {
    const [f] = findingsOf(VdomsFitTheLicences, room());
    expect(f).toMatchObject({
      outcome: "pass",
      observed: "3 VDOMs (shared, ta, tb) + root = 4",
      expected: "<= 10 licensed (fw1 10, fw2 10) minus headroom 0 = 10",
    });
  });
  test("fails when the unit with fewer licences cannot hold them, and when the headroom is gone", () => {
    const fewer = room().edit("facility", "terraform_data", "device_fw2", (v) => {
      (v.input as { vdomLicences: number }).vdomLicences = 3;
    });
    expect(findingsOf(VdomsFitTheLicences, fewer)[0]).toMatchObject({
      outcome: "fail",
      expected: "<= 3 licensed (fw1 10, fw2 3) minus headroom 0 = 3",
    });
    const [h] = findingsOf(VdomsFitTheLicences, room(), { "FW-VDOM-CAPACITY": { headroom: 7 } });
    expect(h).toMatchObject({ outcome: "fail", expected: "<= 10 licensed (fw1 10, fw2 10) minus headroom 7 = 3" });
  });
  test("a cluster with the root VDOM only is not applicable", () => {
    const b = facility(new RoomBuilder()).resource(FW, "fortios_system_ha", "ha", { mode: "a-p", group_name: "g" });
    expect(findingsOf(VdomsFitTheLicences, b)).toMatchObject([{ outcome: "not-applicable", observed: "no VDOMs beyond root" }]);
  });
  test("without facility objects the licences are not evaluable", () => {
    expect(findingsOf(VdomsFitTheLicences, firewall(new RoomBuilder()))[0]).toMatchObject({
      outcome: "not-evaluable",
      observed: "3 VDOMs (shared, ta, tb) + root = 4",
    });
  });
});

describe("FW-ALLOWLIST FirewallIsDefaultDenyAllowList", () => {
  test("passes justified inter-tenant and internet flows, an unjustified tenant-to-shared flow, and a logged deny last in every VDOM", () => {
    const fs = findingsOf(FirewallIsDefaultDenyAllowList, room());
    expect(new Set(fs.map((f) => f.outcome))).toEqual(new Set(["pass"]));
    const p10 = fs.find((f) => f.address === "fortios_firewall_policy.p10");
    expect(p10?.observed).toBe('ta (ta0) -> tb (tb0); ticket CHG-1, justification "ta reads tb\'s cadastre"');
    expect(p10?.expected).toContain("crosses tenants");
    expect(fs.find((f) => f.address === "fortios_firewall_policy.p20")?.expected).toContain("from the internet");
    expect(fs.find((f) => f.address === "fortios_firewall_policy.p30")?.observed).toBe(
      "ta (ta0) -> no tenant network (vlan5): specific, neither inter-tenant nor from the internet",
    );
    expect(byId(fs, "vdom-shared").observed).toBe(
      "last of 4 (by policyid ascending): policy 100000 (VDOM shared) deny any/all -> any/all ALL, logtraffic all",
    );
  });
  test("fails an inter-tenant flow without a ticket, an any-any accept and a deny that does not log", () => {
    const b = room()
      .edit(FW, "fortios_firewall_policy", "p10", (v) => {
        v.comments = "ticket=-; why=-; flow=ta/10";
      })
      .edit(FW, "fortios_firewall_policy", "p30", (v) => {
        v.srcaddr = names("all");
        v.dstaddr = names("all");
        v.service = names("ALL");
      })
      .edit(FW, "fortios_firewall_policy", "ta_100000", (v) => {
        v.logtraffic = "disable";
      });
    const fs = findingsOf(FirewallIsDefaultDenyAllowList, b);
    expect(outcomes(fs)).toMatchObject({
      "fortios_firewall_policy.p10": "fail",
      "fortios_firewall_policy.p30": "fail",
      "fortios_firewall_policy.ta_100000#vdom-ta": "fail",
      "fortios_firewall_policy.p20": "pass",
    });
    expect(fs.find((f) => f.address === "fortios_firewall_policy.p10")?.observed).toBe(
      "ta (ta0) -> tb (tb0); ticket none, justification none",
    );
    expect(byId(fs, "vdom-ta").observed).toContain("logtraffic disable");
  });
  test("a deny-all that is not last fails (ordered by the sort, not by file order)", () => {
    const b = room().edit(FW, "fortios_firewall_policy_sort", "order", (v) => {
      v.sortdirection = "descending";
    });
    expect(byId(findingsOf(FirewallIsDefaultDenyAllowList, b), "vdom-shared")).toMatchObject({
      outcome: "fail",
      address: "fortios_firewall_policy.p10",
    });
  });
  test("a disabled accept is not applicable", () => {
    const b = room().edit(FW, "fortios_firewall_policy", "p10", (v) => {
      v.status = "disable";
    });
    expect(findingsOf(FirewallIsDefaultDenyAllowList, b).find((f) => f.address === "fortios_firewall_policy.p10")).toMatchObject({
      outcome: "not-applicable",
      observed: "status disable",
    });
  });
  test("foreign input: free-text comments and a missing sort are not evaluable", () => {
    const b = firewall(new RoomBuilder())
      .edit(FW, "fortios_firewall_policy", "p10", (v) => {
        v.comments = "approved by Kari";
      })
      .edit(FW, "fortios_firewall_policy_sort", "ta_order", (v) => {
        v.vdomparam = "elsewhere";
      });
    const fs = findingsOf(FirewallIsDefaultDenyAllowList, b);
    expect(fs.find((f) => f.address === "fortios_firewall_policy.p10")).toMatchObject({ outcome: "not-evaluable" });
    expect(byId(fs, "vdom-ta")).toMatchObject({ outcome: "not-evaluable" });
    expect(byId(fs, "vdom-ta").observed).toContain("0 fortios_firewall_policy_sort for VDOM ta");
  });
});

describe("FW-LOG AcceptedTrafficIsLoggedAndKept", () => {
  test("passes accepts logging all sessions over TLS to a collector keeping 12 months", () => {
    const fs = findingsOf(AcceptedTrafficIsLoggedAndKept, room());
    expect(new Set(fs.map((f) => f.outcome))).toEqual(new Set(["pass"]));
    expect(byId(fs, "tls").observed).toBe("log.example:6514 mode reliable, enc_algorithm high; collector log.example tls:6514, tls true");
    expect(byId(fs, "retention")).toMatchObject({ observed: "collector log.example keeps logs 12 months", expected: ">= 12 months" });
  });
  test("fails security-events-only logging, plain syslog and a short retention", () => {
    const b = room()
      .edit(FW, "fortios_firewall_policy", "p20", (v) => {
        v.logtraffic = "utm";
      })
      .edit(FW, "fortios_logsyslogd_setting", "syslog", (v) => {
        delete v.enc_algorithm;
      })
      .edit("facility", "terraform_data", "log-collector_log_example", (v) => {
        (v.input as { retentionMonths: number }).retentionMonths = 6;
      });
    const fs = findingsOf(AcceptedTrafficIsLoggedAndKept, b);
    expect(fs.find((f) => f.address === "fortios_firewall_policy.p20")).toMatchObject({ outcome: "fail", observed: "logtraffic utm" });
    expect(byId(fs, "tls").outcome).toBe("fail");
    expect(byId(fs, "retention")).toMatchObject({ outcome: "fail", observed: "collector log.example keeps logs 6 months" });
  });
  test("no log target fails; a disabled accept is not applicable", () => {
    const b = room()
      .edit(FW, "fortios_logsyslogd_setting", "syslog", (v) => {
        v.status = "disable";
      })
      .edit(FW, "fortios_firewall_policy", "p30", (v) => {
        v.status = "disable";
      });
    const fs = findingsOf(AcceptedTrafficIsLoggedAndKept, b);
    expect(byId(fs, "log-target")).toMatchObject({ outcome: "fail", observed: "no enabled syslog or FortiAnalyzer target" });
    expect(fs.find((f) => f.address === "fortios_firewall_policy.p30")?.outcome).toBe("not-applicable");
  });
  test("without log-collector objects the retention is not evaluable", () => {
    expect(byId(findingsOf(AcceptedTrafficIsLoggedAndKept, firewall(new RoomBuilder())), "collector")).toMatchObject({
      outcome: "not-evaluable",
    });
  });
});

describe("FW-ADMIN AdminAccessIsRestricted", () => {
  test("passes an API user limited to the management network and an internet interface without admin access", () => {
    const fs = findingsOf(AdminAccessIsRestricted, room());
    expect(outcomes(fs)).toEqual({
      "fortios_system_apiuser.api#trusthost": "pass",
      "fortios_system_apiuser.api#mfa": "not-applicable",
      "fortios_system_interface.x2#wan-access": "pass",
    });
    expect(byId(fs, "trusthost")).toMatchObject({
      observed: "API user terraform: trusted hosts 10.0.0.0/24",
      expected: "trusted hosts inside the management network (10.0.0.0/24), IPv4 and IPv6",
    });
  });
  test("fails any-address trusted hosts, https on the internet interface and an admin without MFA or IPv6 trusted hosts", () => {
    const b = room()
      .edit(FW, "fortios_system_apiuser", "api", (v) => {
        v.trusthost = [{ id: 1, type: "ipv4-trusthost", ipv4_trusthost: "0.0.0.0/0" }];
      })
      .edit(FW, "fortios_system_interface", "x2", (v) => {
        v.allowaccess = "ping https";
      })
      .resource(FW, "fortios_system_admin", "kari", { name: "kari", accprofile: "super_admin", trusthost1: "10.0.0.0 255.255.255.0" });
    const fs = findingsOf(AdminAccessIsRestricted, b);
    expect(fs.find((f) => f.address === "fortios_system_apiuser.api" && f.findingId === "trusthost")?.observed).toBe(
      "API user terraform: trusted hosts 0.0.0.0/0; 0.0.0.0/0 is any address",
    );
    expect(byId(fs, "wan-access")).toMatchObject({ outcome: "fail", observed: "internet-facing x2: allowaccess ping https" });
    const admin = fs.filter((f) => f.address === "fortios_system_admin.kari");
    expect(outcomes(admin)).toEqual({ "fortios_system_admin.kari#trusthost": "fail", "fortios_system_admin.kari#mfa": "fail" });
    expect(admin.find((f) => f.findingId === "trusthost")?.observed).toContain("no IPv6 trusted hosts");
  });
  test("an admin authenticating at a remote server is not evaluable for MFA; with two_factor it passes", () => {
    const b = room()
      .resource(FW, "fortios_system_admin", "radius", {
        name: "radius",
        remote_auth: "enable",
        trusthost1: "10.0.0.0/24",
        ip6_trusthost1: "fd00::/64",
      })
      .resource(FW, "fortios_system_admin", "tok", {
        name: "tok",
        two_factor: "fortitoken",
        trusthost1: "10.0.0.0/24",
        ip6_trusthost1: "fd00::/64",
      });
    const fs = findingsOf(AdminAccessIsRestricted, b);
    expect(outcomes(fs)).toMatchObject({
      "fortios_system_admin.radius#mfa": "not-evaluable",
      "fortios_system_admin.tok#mfa": "pass",
      "fortios_system_admin.tok#trusthost": "pass",
    });
  });
});

describe("NET-TENANT-SEG TenantNetworksAreSeparated", () => {
  test("passes tenant VLANs of their own and VMs on their own and the shared-services port group", () => {
    const fs = findingsOf(TenantNetworksAreSeparated, room());
    expect(new Set(fs.map((f) => f.outcome))).toEqual(new Set(["pass"]));
    expect(fs.find((f) => f.address === "vsphere_virtual_machine.ta-vm1")?.observed).toBe(
      "VM ta-vm1 (tenant ta): ta-servere (own), s-svc (shared services); shared services = site port group without vmks, routed by the firewall's shared VDOM",
    );
    expect(fs.find((f) => f.stack === "s-ta" && f.findingId === "vlan")?.observed).toBe("ta-servere (tenant ta): VLAN 10");
  });
  test("fails a VLAN two tenants share, and a VM on another tenant's or an infrastructure port group", () => {
    const b = room()
      .edit("tb", "vsphere_distributed_port_group", "servere", (v) => {
        v.vlan_id = 10;
      })
      .data("ta", "vsphere_network", "vmotion", { name: "s-vmotion" })
      .data("ta", "vsphere_network", "other", { name: "tb-servere" })
      .edit("ta", "vsphere_virtual_machine", "ta-vm1", (v) => {
        v.network_interface = [{ network_id: "${data.vsphere_network.vmotion.id}" }, { network_id: "${data.vsphere_network.other.id}" }];
      });
    const fs = findingsOf(TenantNetworksAreSeparated, b);
    const vlan = fs.find((f) => f.stack === "s-ta" && f.findingId === "vlan");
    expect(vlan).toMatchObject({ outcome: "fail", observed: "ta-servere (tenant ta): VLAN 10, also on tb-servere (tb, VLAN 10)" });
    const vm = fs.find((f) => f.address === "vsphere_virtual_machine.ta-vm1");
    expect(vm).toMatchObject({
      outcome: "fail",
      observed: "VM ta-vm1 (tenant ta): s-vmotion (site, not shared services), tb-servere (tenant tb)",
    });
  });
  test("a VM without NICs is not applicable, one without a tenant tag not evaluable, an unknown network an error", () => {
    const b = room()
      .edit("ta", "vsphere_virtual_machine", "ta-vm1", (v) => {
        v.network_interface = [];
      })
      .edit("tb", "vsphere_virtual_machine", "tb-vm1", (v) => {
        v.tags = [];
      })
      .data("tb", "vsphere_network", "gone", { name: "s-gone" })
      .resource("tb", "vsphere_virtual_machine", "tb-vm2", {
        name: "tb-vm2",
        tags: ["${vsphere_tag.tenant_tb.id}"],
        network_interface: [{ network_id: "${data.vsphere_network.gone.id}" }],
      });
    const fs = findingsOf(TenantNetworksAreSeparated, b);
    expect(outcomes(fs)).toMatchObject({
      "vsphere_virtual_machine.ta-vm1#nics": "not-applicable",
      "vsphere_virtual_machine.tb-vm1#nics": "not-evaluable",
      "vsphere_virtual_machine.tb-vm2#nics": "error",
    });
    expect(fs.find((f) => f.address === "vsphere_virtual_machine.tb-vm2")?.observed).toBe(
      's-tb: data.vsphere_network.gone reads network "s-gone", which no stack of site s creates',
    );
  });
});

describe("NET-VMK-SEG InfrastructureTrafficIsSeparated", () => {
  test("passes a vMotion vmk on a port group and VLAN of its own", () => {
    expect(findingsOf(InfrastructureTrafficIsSeparated, room())).toMatchObject([
      {
        outcome: "pass",
        address: "vsphere_vnic.h1_vmotion",
        observed: "esx1 vmk (vmotion) on s-vmotion (VLAN 101), used by no VM and no other traffic class",
      },
    ]);
  });
  test("fails a vmk on a VM port group's VLAN, and one mixing management and vMotion", () => {
    const b = room()
      .edit("vsphere", "vsphere_distributed_port_group", "vmotion", (v) => {
        v.vlan_id = 5;
      })
      .edit("vsphere", "vsphere_vnic", "h1_vmotion", (v) => {
        v.services = ["management", "vmotion"];
      });
    const [f] = findingsOf(InfrastructureTrafficIsSeparated, b);
    expect(f).toMatchObject({
      outcome: "fail",
      observed:
        "esx1 vmk (management+vmotion) on s-vmotion (VLAN 5): carries management and vmotion on one vmk; VM port group s-svc uses VLAN 5 too",
    });
    expect(f.addresses).toContain("vsphere_distributed_port_group.svc");
  });
  test("a port group that does not resolve is an error; a room without vmks has nothing to check", () => {
    const b = room().edit("vsphere", "vsphere_vnic", "h1_vmotion", (v) => {
      v.distributed_port_group = "${vsphere_distributed_port_group.gone.id}";
    });
    expect(findingsOf(InfrastructureTrafficIsSeparated, b)[0]?.outcome).toBe("error");
    expect(findingsOf(InfrastructureTrafficIsSeparated, firewall(facility(new RoomBuilder())))).toEqual([]);
  });
});
