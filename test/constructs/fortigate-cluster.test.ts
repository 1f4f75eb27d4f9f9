import { Testing } from "cdktf";
import { FirewallDoSpolicy } from "../../.gen/providers/fortios/firewall-do-spolicy";
import { FirewallPolicy } from "../../.gen/providers/fortios/firewall-policy";
import { FirewallPolicySort } from "../../.gen/providers/fortios/firewall-policy-sort";
import { LogsyslogdSetting } from "../../.gen/providers/fortios/logsyslogd-setting";
import { SystemAccprofile } from "../../.gen/providers/fortios/system-accprofile";
import { SystemApiuser } from "../../.gen/providers/fortios/system-apiuser";
import { SystemAutoinstall } from "../../.gen/providers/fortios/system-autoinstall";
import { SystemDns } from "../../.gen/providers/fortios/system-dns";
import { SystemGlobal } from "../../.gen/providers/fortios/system-global";
import { SystemHa } from "../../.gen/providers/fortios/system-ha";
import { SystemInterface } from "../../.gen/providers/fortios/system-interface";
import { SystemNtp } from "../../.gen/providers/fortios/system-ntp";
import { SystemPasswordpolicy } from "../../.gen/providers/fortios/system-passwordpolicy";
import { SystemSshconfig } from "../../.gen/providers/fortios/system-sshconfig";
import { SystemVdom } from "../../.gen/providers/fortios/system-vdom";
import { SystemVdomlink } from "../../.gen/providers/fortios/system-vdomlink";
import { SystemreplacemsgAdmin } from "../../.gen/providers/fortios/systemreplacemsg-admin";
import {
  API_PROFILE,
  DEFAULT_DOS_THRESHOLDS,
  DEFAULT_LOGIN_BANNER,
  FortigateCluster,
  SSH_ALGORITHMS,
  type FortigateClusterProps,
} from "../../constructs/fortigate-cluster";
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
  dns: { servers: ["10.0.20.10"], domain: "tiny.example" },
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

    test("FortiOS 7.4.11: the strong SSH algorithms go to system ssh-config; system global has no SSH switch of another version", () => {
      const ssh = Object.values(resources(json, SystemSshconfig.tfResourceType));
      expect(ssh).toHaveLength(1);
      expect(ssh[0]).toMatchObject({
        ssh_enc_algo: SSH_ALGORITHMS.enc,
        ssh_kex_algo: SSH_ALGORITHMS.kexSshConfig,
        ssh_mac_algo: SSH_ALGORITHMS.mac,
        ssh_hsk_algo: SSH_ALGORITHMS.hsk,
        vdomparam: "global",
        provider: "fortios.primary",
      });
      for (const g of Object.values(global)) expect(Object.keys(g).filter((k) => k.startsWith("ssh_"))).toEqual([]);
    });

    test("no weak SSH algorithm is ever offered (CBC, SHA-1, MD5, the RSA SHA-1 host key)", () => {
      for (const list of Object.values(SSH_ALGORITHMS)) expect(list).not.toMatch(/-cbc|sha1|md5|arcfour|\bssh-rsa\b|umac-64/);
    });

    test("FortiOS 7.2: the same algorithms in system global, no ssh-config (it does not exist before 7.4.4)", () => {
      const json = synth({ firewall: siteFirewall({ firmware: "7.2.12" }) });
      expect(json).not.toHaveResource(SystemSshconfig);
      expect(resources(json, SystemGlobal.tfResourceType)["global_fw-a"]).toMatchObject({
        ssh_enc_algo: SSH_ALGORITHMS.enc,
        ssh_kex_algo: SSH_ALGORITHMS.kexGlobal,
        ssh_mac_algo: SSH_ALGORITHMS.mac,
      });
      expect(resources(json, SystemGlobal.tfResourceType)["global_fw-a"]).not.toHaveProperty("ssh_hsk_algo");
    });

    test("the box runs multi-VDOM with long names, set on the primary in the global scope", () => {
      expect(g).toMatchObject({ vdom_mode: "multi-vdom", long_vdom_name: "enable", vdomparam: "global", provider: "fortios.primary" });
    });

    test("the management VDOM is the shared VDOM (the box's own traffic needs its routes), set once that VDOM exists", () => {
      expect(global["management-vdom"]).toEqual({
        management_vdom: "${fortios_system_vdom.shared.name}",
        depends_on: ["fortios_system_global.global_fw-a"],
        provider: "fortios.primary",
        vdomparam: "global",
      });
      expect(g).not.toHaveProperty("management_vdom");
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

    test("the API user is trusted only from the automation network, by default the management network", () => {
      const users = resources(json, SystemApiuser.tfResourceType);
      expect(Object.keys(users)).toEqual(["api-user_terraform"]);
      expect(users["api-user_terraform"]).toMatchObject({
        name: "terraform",
        trusthost: [{ id: 1, type: "ipv4-trusthost", ipv4_trusthost: "10.0.10.0/24" }],
        vdom: [{ name: "root" }],
      });
    });

    test("the API user has a least-privilege profile, never super_admin", () => {
      const user = resources(json, SystemApiuser.tfResourceType)["api-user_terraform"];
      expect(user.accprofile).toBe("${fortios_system_accprofile.api-profile_terraform-api.name}");
      const profile = resources(json, SystemAccprofile.tfResourceType)["api-profile_terraform-api"];
      expect(profile).toMatchObject({
        name: API_PROFILE,
        scope: "global",
        sysgrp: "custom",
        sysgrp_permission: { admin: "read-write", cfg: "read-write", mnt: "none", upd: "none" },
        netgrp: "custom",
        netgrp_permission: { cfg: "read-write", route_cfg: "read-write", packet_capture: "none" },
        fwgrp: "read-write",
        loggrp: "custom",
        loggrp_permission: { config: "read-write", data_access: "none", report_access: "none", threat_weight: "none" },
        utmgrp: "none",
        vpngrp: "none",
        wifi: "none",
        authgrp: "none",
        vdomparam: "global",
      });
    });

    test("a runner outside the management network: its network is the trusted host and the management port's only route", () => {
      const json = synth({ firewall: siteFirewall({ automationNetwork: "10.9.5.0/27" }) });
      expect(resources(json, SystemApiuser.tfResourceType)["api-user_terraform"].trusthost).toEqual([
        { id: 1, type: "ipv4-trusthost", ipv4_trusthost: "10.9.5.0/27" },
      ]);
      for (const h of Object.values(resources(json, SystemHa.tfResourceType)))
        expect(h.ha_mgmt_interfaces).toEqual([{ id: 1, interface: "mgmt", gateway: "10.0.10.1", dst: "10.9.5.0/27" }]);
    });

    test("a runner inside the management network keeps the management port's default route", () => {
      const json = synth({ firewall: siteFirewall({ automationNetwork: "10.0.10.64/28" }) });
      expect(resources(json, SystemApiuser.tfResourceType)["api-user_terraform"].trusthost[0].ipv4_trusthost).toBe("10.0.10.64/28");
      expect(resources(json, SystemHa.tfResourceType)["ha_fw-a"].ha_mgmt_interfaces[0].dst).toBe("0.0.0.0/0");
    });

    test("local admin passwords: at least 14 characters of four kinds, no reuse", () => {
      expect(Object.values(resources(json, SystemPasswordpolicy.tfResourceType))).toEqual([
        expect.objectContaining({
          status: "enable",
          apply_to: "admin-password",
          minimum_length: 14,
          min_lower_case_letter: 1,
          min_upper_case_letter: 1,
          min_number: 1,
          min_non_alphanumeric: 1,
          reuse_password: "disable",
        }),
      ]);
    });

    test("a pre-login banner: enabled in system global, its text the site's or the default", () => {
      expect(g.pre_login_banner).toBe("enable");
      expect(resources(json, SystemreplacemsgAdmin.tfResourceType)["login-banner"]).toMatchObject({
        msg_type: "pre_admin-disclaimer-text",
        buffer: DEFAULT_LOGIN_BANNER,
      });
      const own = synth({ firewall: siteFirewall({ loginBanner: "Tiny kommune: authorized staff only, all access logged." }) });
      expect(resources(own, SystemreplacemsgAdmin.tfResourceType)["login-banner"].buffer).toBe(
        "Tiny kommune: authorized staff only, all access logged.",
      );
    });

    test("no configuration or firmware is installed from a USB stick", () => {
      expect(resources(json, SystemAutoinstall.tfResourceType)["usb-autoinstall"]).toMatchObject({
        auto_install_config: "disable",
        auto_install_image: "disable",
      });
    });

    test("the site's time zone and admin ports go to system global; none given, none written", () => {
      expect(g).not.toHaveProperty("timezone");
      expect(g).not.toHaveProperty("admin_sport");
      const json = synth({ firewall: siteFirewall({ timezone: "27", adminPorts: { https: 8443, ssh: 2222 } }) });
      expect(resources(json, SystemGlobal.tfResourceType)["global_fw-a"]).toMatchObject({
        timezone: "27",
        admin_sport: 8443,
        admin_ssh_port: 2222,
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

    test("the secondary carries what a unit needs to join: the primary's mode, group, password and heartbeat ports", () => {
      const join = ["mode", "group_name", "group_id", "password", "hbdev", "encryption", "authentication"];
      for (const key of join) expect([key, ha["ha_fw-b"][key]]).toEqual([key, primary[key]]);
      expect(ha["ha_fw-b"]).toMatchObject({ mode: "a-p", group_name: "tiny-fgcp", password: "${var.fortigate_ha_password}" });
      expect(parse(json).variable).toHaveProperty("fortigate_ha_password");
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

  describe("the box's own traffic", () => {
    test("DNS: the site's resolvers and domain", () => {
      const json = synth({ dns: { servers: ["10.0.20.10", "10.0.20.11"], domain: "tiny.example", searchDomains: ["ad.tiny.example"] } });
      expect(resources(json, SystemDns.tfResourceType).dns).toMatchObject({
        primary: "10.0.20.10",
        secondary: "10.0.20.11",
        domain: [{ domain: "tiny.example" }, { domain: "ad.tiny.example" }],
        vdomparam: "global",
        depends_on: ["fortios_system_global.global_fw-a"],
      });
    });

    test("no DNS section: no DNS setting (the rules report it)", () => {
      expect(synth({ dns: undefined })).not.toHaveResource(SystemDns);
    });

    test("syslog leaves from the management VDOM, not the reserved management port (ha_direct off)", () => {
      expect(ha["ha_fw-a"].ha_direct).toBe("disable");
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

    test("VDOMs and VDOM links wait for the system global that switches on multi-VDOM and long VDOM names", () => {
      for (const type of [SystemVdom.tfResourceType, SystemVdomlink.tfResourceType])
        for (const [address, r] of Object.entries(resources(json, type)))
          expect([address, r.depends_on]).toEqual([address, ["fortios_system_global.global_fw-a"]]);
    });

    test("every box-wide object on the primary waits for that system global, directly or through what it references", () => {
      const all = parse(json).resource as Record<string, Record<string, Record<string, unknown>>>;
      const root = "fortios_system_global.global_fw-a";
      const edges = new Map<string, string[]>();
      for (const [type, byName] of Object.entries(all))
        for (const [name, r] of Object.entries(byName)) {
          const refs = [...JSON.stringify(r).matchAll(/\$\{(fortios_[a-zA-Z_]+\.[\w-]+)\./g)].map((m) => m[1] ?? "");
          edges.set(`${type}.${name}`, [...((r.depends_on as string[] | undefined) ?? []), ...refs]);
        }
      const waits = (address: string, seen = new Set<string>()): boolean =>
        address === root || (!seen.has(address) && (seen.add(address), (edges.get(address) ?? []).some((d) => waits(d, seen))));
      for (const [type, byName] of Object.entries(all))
        for (const [name, r] of Object.entries(byName)) {
          const address = `${type}.${name}`;
          if (r.provider !== "fortios.primary" || address === root) continue;
          expect([address, waits(address)]).toEqual([address, true]);
        }
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
