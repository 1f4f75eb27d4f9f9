import { findingRef } from "../../../policies/report/summary";
import type { StackDocument } from "../../../policies/engine/terraform-input";
import { firewallRules } from "../../../policies/rules/firewall";
import { blockOf, evaluateDocs, exampleDocs, expectMutationFails, facilityInput } from "../example-output";

const docs = exampleDocs();
const baseline = evaluateDocs(docs, firewallRules);
const key = findingRef;

describe("firewall and network rules over the unmutated examples", () => {
  test("no mandatory finding fails or errs, nothing is left not-evaluable, and every rule checked something in both sites", () => {
    expect(
      baseline
        .filter((f) => (f.outcome === "fail" && f.enforcement === "mandatory") || f.outcome === "error")
        .map((f) => `${f.rule} ${f.address}: ${f.observed}`),
    ).toEqual([]);
    expect(baseline.filter((f) => f.outcome === "not-evaluable").map((f) => `${f.rule} ${key(f)}`)).toEqual([]);
    for (const rule of firewallRules)
      for (const site of ["fjordvik", "kvistrup"])
        expect(baseline.filter((f) => f.rule === rule.meta.id && f.site === site && f.outcome === "pass").length).toBeGreaterThan(0);
  });
  test("the one advisory failure: both FortiGates of each site share their room's EPO zone with every host", () => {
    expect(baseline.filter((f) => f.outcome === "fail").map((f) => `${f.site} ${f.rule} ${key(f)} ${f.enforcement}`)).toEqual([
      "fjordvik RED-FW-HA fortios_system_ha.ha_fw-a#epo-zone advisory",
      "kvistrup RED-FW-HA fortios_system_ha.ha_fw01#epo-zone advisory",
    ]);
  });
  test("inter-tenant and internet flows are recognised in the shared and the tenant VDOMs", () => {
    const needing = baseline
      .filter((f) => f.rule === "FW-ALLOWLIST" && /^(crosses tenants|from the internet)/.test(f.expected))
      .map((f) => f.address);
    expect(needing).toEqual(
      expect.arrayContaining([
        "fortios_firewall_policy.shared_1300",
        "fortios_firewall_policy.shared_1510",
        "fortios_firewall_policy.haugnes_3400",
        "fortios_firewall_policy.kvistrup_1600",
        "fortios_firewall_policy.shared_1130",
      ]),
    );
    expect(needing).not.toContain("fortios_firewall_policy.shared_1010");
  });
});

/** [rule, what changes, the one-line mutation, site, address (#finding id) that must fail] */
const MUTATIONS: [string, string, (d: StackDocument[]) => void, string, string][] = [
  [
    "FW-SYS-HARDENING",
    "USB image auto-install on (more in fortigate-hardening.test.ts)",
    (d) => (blockOf(d, "fjordvik-firewall", "fortios_system_autoinstall", "usb-autoinstall").auto_install_image = "enable"),
    "fjordvik",
    "fortios_system_autoinstall.usb-autoinstall#usb-autoinstall",
  ],
  [
    "FW-THREAT-FEEDS",
    "the inbound reputation deny removed (more in threat-feeds.test.ts)",
    (d) => delete blockOf(d, "fjordvik-firewall", "fortios_firewall_policy", "shared_1").internet_service_src,
    "fjordvik",
    "fortios_system_ha.ha_fw-a#threat-feeds-shared",
  ],
  [
    "RED-FW-HA",
    "fw-b moved into fw-a's rack",
    (d) => (facilityInput(d, "fjordvik", "device", "fw-b").rackId = "a06"),
    "fjordvik",
    "fortios_system_ha.ha_fw-a#racks",
  ],
  [
    "RED-FW-HA",
    "session pickup off",
    (d) => (blockOf(d, "kvistrup-firewall", "fortios_system_ha", "ha_fw01").session_pickup = "disable"),
    "kvistrup",
    "fortios_system_ha.ha_fw01#session-pickup",
  ],
  [
    "FW-HA-HB-SEC",
    "heartbeat encryption off",
    (d) => (blockOf(d, "fjordvik-firewall", "fortios_system_ha", "ha_fw-a").encryption = "disable"),
    "fjordvik",
    "fortios_system_ha.ha_fw-a#encryption",
  ],
  [
    "FW-VDOM-CAPACITY",
    "fw02 with 3 VDOM licences",
    (d) => (facilityInput(d, "kvistrup", "device", "fw02").vdomLicences = 3),
    "kvistrup",
    "fortios_system_ha.ha_fw01",
  ],
  [
    "FW-ALLOWLIST",
    "Haugnes's use of Fjordvik's Public 360 without a ticket",
    (d) => (blockOf(d, "fjordvik-haugnes-fw", "fortios_firewall_policy", "haugnes_3400").comments = "ticket=-; why=-; flow=haugnes/3400"),
    "fjordvik",
    "fortios_firewall_policy.haugnes_3400",
  ],
  [
    "FW-ALLOWLIST",
    "kvistrup's deny-all stops logging",
    (d) => (blockOf(d, "kvistrup-kvistrup-fw", "fortios_firewall_policy", "kvistrup_100000").logtraffic = "disable"),
    "kvistrup",
    "fortios_firewall_policy.kvistrup_100000#vdom-kvistrup",
  ],
  [
    "FW-LOG",
    "a DNS flow logs security events only",
    (d) => (blockOf(d, "fjordvik-firewall", "fortios_firewall_policy", "shared_1010").logtraffic = "utm"),
    "fjordvik",
    "fortios_firewall_policy.shared_1010",
  ],
  [
    "FW-LOG",
    "log.kvistrup.dk keeps 6 months",
    (d) => (facilityInput(d, "kvistrup", "log-collector", "log.kvistrup.dk").retentionMonths = 6),
    "kvistrup",
    "fortios_logsyslogd_setting.syslog#retention",
  ],
  [
    "FW-ADMIN",
    "the Terraform API user trusted from anywhere",
    (d) =>
      (blockOf(d, "fjordvik-firewall", "fortios_system_apiuser", "api-user_terraform").trusthost = [
        { id: 1, type: "ipv4-trusthost", ipv4_trusthost: "0.0.0.0/0" },
      ]),
    "fjordvik",
    "fortios_system_apiuser.api-user_terraform#trusthost",
  ],
  [
    "FW-ADMIN",
    "https on the internet uplink",
    (d) => (blockOf(d, "kvistrup-firewall", "fortios_system_interface", "interface_vlan911").allowaccess = "ping https"),
    "kvistrup",
    "fortios_system_interface.interface_vlan911#wan-access",
  ],
  [
    "NET-TENANT-SEG",
    "haugnes-servere on fjordvik-servere's VLAN 210",
    (d) => (blockOf(d, "fjordvik-haugnes", "vsphere_distributed_port_group", "servere").vlan_id = 210),
    "fjordvik",
    "vsphere_distributed_port_group.servere#vlan",
  ],
  [
    "NET-TENANT-SEG",
    "Fjordvik's VMs on felles-infra looked up on the management network instead",
    (d) => (blockOf(d, "fjordvik-fjordvik", "vsphere_network", "site_felles-infra", "data").name = "fjordvik-management"),
    "fjordvik",
    "vsphere_virtual_machine.fjv-logg01#nics",
  ],
  [
    "NET-VMK-SEG",
    "the vMotion port group on felles-infra's VLAN 20",
    (d) => (blockOf(d, "fjordvik-vsphere", "vsphere_distributed_port_group", "vmotion").vlan_id = 20),
    "fjordvik",
    "vsphere_vnic.esx01_vmotion",
  ],
];

describe("a one-line mutation of the example output turns each firewall and network rule's pass into a fail", () => {
  test("every firewall and network rule has a mutation", () => {
    expect(new Set(MUTATIONS.map(([rule]) => rule))).toEqual(new Set(firewallRules.map((r) => r.meta.id)));
  });
  test.each(MUTATIONS.map(([rule, what, mutate, site, target]) => [rule, what, site, target, mutate] as const))(
    "%s: %s in %s fails %s",
    (rule, _what, site, target, mutate) => expectMutationFails(firewallRules, { rule, site, target, mutate }),
  );
});
