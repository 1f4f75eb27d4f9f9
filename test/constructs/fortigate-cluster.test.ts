import { Testing } from "cdktf";
import { FirewallDoSpolicy } from "../../.gen/providers/fortios/firewall-do-spolicy";
import { FirewallPolicy } from "../../.gen/providers/fortios/firewall-policy";
import { FirewallPolicySort } from "../../.gen/providers/fortios/firewall-policy-sort";
import { LogsyslogdSetting } from "../../.gen/providers/fortios/logsyslogd-setting";
import { SystemApiuser } from "../../.gen/providers/fortios/system-apiuser";
import { SystemGlobal } from "../../.gen/providers/fortios/system-global";
import { SystemHa } from "../../.gen/providers/fortios/system-ha";
import { SystemInterface } from "../../.gen/providers/fortios/system-interface";
import { SystemNtp } from "../../.gen/providers/fortios/system-ntp";
import { SystemVdom } from "../../.gen/providers/fortios/system-vdom";
import { SystemVdomlink } from "../../.gen/providers/fortios/system-vdomlink";
import { DEFAULT_DOS_THRESHOLDS, FortigateCluster, type FortigateClusterProps } from "../../constructs/fortigate-cluster";
import {
  NTP,
  firewallPlan,
  managementNetwork,
  parse,
  removedBlocks,
  resources,
  siteFirewall,
  syslogTarget,
  tenantVdomPlan,
  tenantVlan,
} from "./fixtures";

const props = (extra: Partial<FortigateClusterProps> = {}): FortigateClusterProps => ({
  firewall: siteFirewall(),
  plan: firewallPlan(),
  managementNetwork: managementNetwork(),
  ntpServers: NTP,
  syslog: syslogTarget(),
  ...extra,
});

const synth = (extra: Partial<FortigateClusterProps> = {}) =>
  Testing.synthScope((scope) => {
    new FortigateCluster(scope, "fortigate", props(extra));
  });

describe("FortigateCluster", () => {
  const json = synth();
  const interfaces = resources(json, SystemInterface.tfResourceType);
  const ha = resources(json, SystemHa.tfResourceType);
  const global = resources(json, SystemGlobal.tfResourceType);

  describe("admin access", () => {
    const g = global["global_fw-a"];

    test("admin HTTPS only, TLS 1.2+, no telnet, lockout", () => {
      expect(g).toMatchObject({
        admin_https_redirect: "enable",
        admin_https_ssl_versions: "tlsv1-2 tlsv1-3",
        ssl_min_proto_version: "TLSv1-2",
        strong_crypto: "enable",
        admin_telnet: "disable",
        admin_lockout_threshold: 3,
        admin_lockout_duration: 300,
      });
    });

    test("admin sessions time out after the spec's idle timeout", () => {
      expect(g.admintimeout).toBe(10);
    });

    test("weak SSH ciphers, MACs and key exchanges are off", () => {
      expect(g).toMatchObject({ ssh_cbc_cipher: "disable", ssh_hmac_md5: "disable", ssh_kex_sha1: "disable", ssh_mac_weak: "disable" });
    });

    test("the box runs multi-VDOM with root as the management VDOM, set on the primary in the global scope", () => {
      expect(g).toMatchObject({ vdom_mode: "multi-vdom", management_vdom: "root", vdomparam: "global", provider: "fortios.primary" });
    });

    test("only the reserved management port allows admin access (HTTPS and SSH), on each unit", () => {
      expect(interfaces["interface_fw-a_mgmt"]).toMatchObject({
        name: "mgmt",
        vdom: "root",
        ip: "10.0.10.2/24",
        allowaccess: "ping https ssh",
        provider: "fortios.primary",
      });
      expect(interfaces["interface_fw-b_mgmt"]).toMatchObject({
        ip: "10.0.10.3/24",
        allowaccess: "ping https ssh",
        provider: "fortios.secondary",
      });
      for (const [address, i] of Object.entries(interfaces)) {
        if (address.endsWith("_mgmt")) continue;
        expect([address, i.allowaccess]).toEqual([address, "ping"]);
      }
    });

    test("the internet port allows only ping", () => {
      expect(interfaces.interface_x2).toMatchObject({
        name: "x2",
        role: "wan",
        allowaccess: "ping",
        vdom: "${fortios_system_vdom.shared.name}",
      });
    });

    test("no admin protocol is ever allowed over telnet or plain HTTP", () => {
      for (const i of Object.values(interfaces)) expect(i.allowaccess).not.toMatch(/\b(telnet|http|fgfm)\b/);
    });

    test("the API user is trusted only from the management network", () => {
      const users = resources(json, SystemApiuser.tfResourceType);
      expect(Object.keys(users)).toEqual(["api-user_terraform"]);
      expect(users["api-user_terraform"]).toMatchObject({
        name: "terraform",
        trusthost: [{ id: 1, type: "ipv4-trusthost", ipv4_trusthost: "10.0.10.0/24" }],
        vdom: [{ name: "root" }],
      });
    });
  });

  describe("FGCP high availability", () => {
    const primary = ha["ha_fw-a"];

    test("FGCP heartbeats are encrypted and authenticated", () => {
      expect(primary).toMatchObject({ encryption: "enable", authentication: "enable" });
    });

    test("the cluster is active-passive over both dedicated heartbeat ports", () => {
      expect(primary).toMatchObject({ mode: "a-p", hbdev: "ha1 50 ha2 50", group_name: "tiny-fgcp", group_id: 7 });
    });

    test("sessions survive a failover (session pickup, connectionless too)", () => {
      expect(primary).toMatchObject({ session_pickup: "enable", session_pickup_connectionless: "enable" });
    });

    test("the internal and internet ports are monitored by default", () => {
      expect(primary.monitor).toBe("x1 x2");
      const json = synth({ firewall: siteFirewall({ monitorInterfaces: ["x1"] }) });
      expect(json).toHaveResourceWithProperties(SystemHa, { mode: "a-p", monitor: "x1" });
    });

    test("the cluster password is a sensitive variable with no default", () => {
      expect(primary.password).toBe("${var.fortigate_ha_password}");
      const variable = parse(json).variable.fortigate_ha_password;
      expect(variable).toMatchObject({ type: "string", sensitive: true, nullable: false });
      expect(variable).not.toHaveProperty("default");
    });

    test("no override; priority 200 for the primary and 100 for the secondary by default", () => {
      expect(primary).toMatchObject({ override: "disable", priority: 200 });
      expect(ha["ha_fw-b"]).toMatchObject({ override: "disable", priority: 100, provider: "fortios.secondary" });
    });

    test("a unit's own priority wins", () => {
      const base = siteFirewall();
      const json = synth({
        firewall: siteFirewall({ units: base.units.map((u) => ({ ...u, priority: u.role === "primary" ? 250 : 50 })) }),
      });
      const ha = resources(json, SystemHa.tfResourceType);
      expect([ha["ha_fw-a"].priority, ha["ha_fw-b"].priority]).toEqual([250, 50]);
    });

    test("each unit has a reserved HA management interface routed through the management gateway", () => {
      for (const unit of ["fw-a", "fw-b"]) {
        expect(ha[`ha_${unit}`]).toMatchObject({
          ha_mgmt_status: "enable",
          ha_mgmt_interfaces: [{ id: 1, interface: "mgmt", gateway: "10.0.10.1", dst: "0.0.0.0/0" }],
        });
      }
    });

    test("what FGCP does not synchronize goes to each unit through its own provider alias", () => {
      expect(global["global_fw-b"]).toEqual({ hostname: "tiny-fw-b", provider: "fortios.secondary", vdomparam: "global" });
      expect(global["global_fw-a"].hostname).toBe("tiny-fw-a");
      expect(parse(json).provider.fortios.map((p: { alias: string }) => p.alias)).toEqual(["primary", "secondary"]);
    });

    test("a firewall without a primary unit is refused", () => {
      const base = siteFirewall();
      expect(() => synth({ firewall: siteFirewall({ units: base.units.filter((u) => u.role !== "primary") }) })).toThrow(/no primary unit/);
    });
  });

  describe("time and logging", () => {
    test("NTP from the site's servers", () => {
      expect(json).toHaveResourceWithProperties(SystemNtp, {
        ntpsync: "enable",
        type: "custom",
        ntpserver: [
          { id: 1, server: "ntp1.tiny.example" },
          { id: 2, server: "ntp2.tiny.example" },
        ],
      });
    });

    test("syslog to a TLS collector is reliable and encrypted", () => {
      expect(json).toHaveResourceWithProperties(LogsyslogdSetting, {
        status: "enable",
        server: "syslog.tiny.example",
        port: 6514,
        mode: "reliable",
        enc_algorithm: "high",
      });
    });

    test("syslog to a TCP collector is reliable, to a UDP one plain UDP, neither encrypted", () => {
      expect(synth({ syslog: syslogTarget({ protocol: "tcp", port: 601 }) })).toHaveResourceWithProperties(LogsyslogdSetting, {
        mode: "reliable",
        enc_algorithm: "disable",
      });
      expect(synth({ syslog: syslogTarget({ protocol: "udp", port: 514 }) })).toHaveResourceWithProperties(LogsyslogdSetting, {
        mode: "udp",
        enc_algorithm: "disable",
      });
    });

    test("no syslog target: no syslog setting", () => {
      expect(synth({ syslog: undefined })).not.toHaveResource(LogsyslogdSetting);
    });
  });

  describe("VDOMs and interfaces", () => {
    test("every VDOM of the plan exists", () => {
      expect(Object.keys(resources(json, SystemVdom.tfResourceType))).toEqual(["alpha", "shared"]);
    });

    test("VLAN interfaces ride the internal trunk into their VDOM", () => {
      expect(interfaces.interface_vlan110).toMatchObject({
        type: "vlan",
        interface: "x1",
        vlanid: 110,
        vdom: "${fortios_system_vdom.alpha.name}",
        role: "lan",
        ip: "10.1.0.1/24",
      });
    });

    test("a tenant VDOM is linked to the shared VDOM, one end in each", () => {
      expect(json).toHaveResourceWithProperties(SystemVdomlink, { name: "alpha", type: "ppp" });
      expect(interfaces.interface_alpha0).toMatchObject({ type: "vdom-link", vdom: "${fortios_system_vdom.shared.name}" });
      expect(interfaces.interface_alpha1).toMatchObject({ type: "vdom-link", vdom: "${fortios_system_vdom.alpha.name}" });
    });

    test("a tagged internet uplink is a VLAN interface on the internet port; the port itself is left alone", () => {
      const json = synth({
        firewall: siteFirewall({ internet: { interface: "x2", vlan: 900, address: "203.0.113.10/29", gateway: "203.0.113.9" } }),
        plan: firewallPlan({
          internetInterface: "vlan900",
          vlanInterfaces: [
            { name: "vlan900", vlan: 900, vdom: "shared", ip: "203.0.113.10/29", trunk: "internet", description: "internet uplink" },
            tenantVlan(),
          ],
        }),
      });
      const interfaces = resources(json, SystemInterface.tfResourceType);
      expect(interfaces).not.toHaveProperty("interface_x2");
      expect(interfaces.interface_vlan900).toMatchObject({ interface: "x2", role: "wan", allowaccess: "ping" });
      expect(json).toHaveResourceWithProperties(FirewallDoSpolicy, { interface: "${fortios_system_interface.interface_vlan900.name}" });
    });

    test("a retired tenant's VDOM, link and interfaces leave through removed blocks (forgotten unless approved)", () => {
      const retired = { ...tenantVdomPlan(), name: "beta", link: "beta" };
      const vlan = { ...tenantVlan(), name: "vlan120", vlan: 120, vdom: "beta" };
      const blocks = (destroy: boolean) =>
        removedBlocks(synth({ plan: firewallPlan({ retired: [{ tenant: "beta", vdom: retired, vlanInterfaces: [vlan], destroy }] }) }));
      const expected = [
        "fortios_system_interface.interface_beta0",
        "fortios_system_interface.interface_beta1",
        "fortios_system_interface.interface_vlan120",
        "fortios_system_vdom.beta",
        "fortios_system_vdomlink.beta",
      ];
      expect(blocks(false)).toEqual(expected.map((from) => ({ from, lifecycle: { destroy: false } })));
      expect(blocks(true)).toEqual(expected.map((from) => ({ from, lifecycle: { destroy: true } })));
      expect(removedBlocks(json)).toEqual([]);
    });
  });

  describe("internet edge", () => {
    const dos = resources(json, FirewallDoSpolicy.tfResourceType)["shared_dos_internet-edge"];

    test("the DoS policy on the internet interface blocks and logs every anomaly above its threshold", () => {
      expect(dos).toMatchObject({ status: "enable", interface: "${fortios_system_interface.interface_x2.name}", vdomparam: "shared" });
      expect(dos.anomaly).toHaveLength(Object.keys(DEFAULT_DOS_THRESHOLDS).length);
      for (const a of dos.anomaly) {
        expect(a).toMatchObject({ status: "enable", log: "enable", action: "block" });
        expect(a.threshold).toBe(DEFAULT_DOS_THRESHOLDS[a.name as string]);
      }
    });

    test("the default thresholds cover SYN, UDP and ICMP floods and scans", () => {
      expect(Object.keys(DEFAULT_DOS_THRESHOLDS).sort()).toEqual(
        expect.arrayContaining(["icmp_flood", "icmp_sweep", "tcp_port_scan", "tcp_syn_flood", "udp_flood", "udp_scan"]),
      );
    });

    test("the spec's thresholds override and extend the defaults", () => {
      const json = synth({ firewall: siteFirewall({ dos: { tcp_syn_flood: 500, sctp_flood: 100 } }) });
      const anomaly = resources(json, FirewallDoSpolicy.tfResourceType)["shared_dos_internet-edge"].anomaly as {
        name: string;
        threshold: number;
      }[];
      expect(anomaly.find((a) => a.name === "tcp_syn_flood")?.threshold).toBe(500);
      expect(anomaly.find((a) => a.name === "sctp_flood")?.threshold).toBe(100);
      expect(anomaly.find((a) => a.name === "icmp_flood")?.threshold).toBe(DEFAULT_DOS_THRESHOLDS.icmp_flood);
    });
  });

  describe("the shared VDOM's policies", () => {
    test("the shared VDOM's policies go to the primary and wait for the VDOM", () => {
      const policies = resources(json, FirewallPolicy.tfResourceType);
      expect(Object.keys(policies).sort()).toEqual(["shared_10", "shared_100000"]);
      for (const p of Object.values(policies))
        expect(p).toMatchObject({ provider: "fortios.primary", depends_on: ["fortios_system_vdom.shared"] });
    });

    test("the shared VDOM ends with a logged deny, kept last by sorting on policy id", () => {
      expect(json).toHaveResourceWithProperties(FirewallPolicy, {
        policyid: 100000,
        action: "deny",
        logtraffic: "all",
        vdomparam: "shared",
      });
      expect(json).toHaveResourceWithProperties(FirewallPolicySort, {
        sortby: "policyid",
        sortdirection: "ascending",
        vdomparam: "shared",
      });
    });

    test("tenant VDOMs' policies are not drawn here (the tenant's own stack owns them)", () => {
      for (const p of Object.values(resources(json, FirewallPolicy.tfResourceType))) expect(p.vdomparam).toBe("shared");
    });

    test("a plan without its shared VDOM is refused", () => {
      expect(() => synth({ plan: firewallPlan({ vdoms: [tenantVdomPlan()] }) })).toThrow(/no shared VDOM/);
    });
  });
});
