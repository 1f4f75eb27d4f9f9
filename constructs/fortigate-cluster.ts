import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { FirewallDoSpolicy } from "../.gen/providers/fortios/firewall-do-spolicy";
import { LogsyslogdSetting } from "../.gen/providers/fortios/logsyslogd-setting";
import type { FortiosProvider } from "../.gen/providers/fortios/provider";
import { SystemAccprofile } from "../.gen/providers/fortios/system-accprofile";
import { SystemApiuser } from "../.gen/providers/fortios/system-apiuser";
import { SystemAutoinstall } from "../.gen/providers/fortios/system-autoinstall";
import { SystemDns } from "../.gen/providers/fortios/system-dns";
import { SystemGlobal, type SystemGlobalConfig } from "../.gen/providers/fortios/system-global";
import { SystemHa } from "../.gen/providers/fortios/system-ha";
import { SystemInterface } from "../.gen/providers/fortios/system-interface";
import { SystemNtp } from "../.gen/providers/fortios/system-ntp";
import { SystemPasswordpolicy } from "../.gen/providers/fortios/system-passwordpolicy";
import { SystemSshconfig } from "../.gen/providers/fortios/system-sshconfig";
import { SystemVdom } from "../.gen/providers/fortios/system-vdom";
import { SystemVdomlink } from "../.gen/providers/fortios/system-vdomlink";
import { SystemreplacemsgAdmin } from "../.gen/providers/fortios/systemreplacemsg-admin";
import { linkEnd, MANAGEMENT_VDOM } from "../plan/firewall/fortios-names";
import type { FirewallPlan, VdomPlan, VlanInterface } from "../plan/firewall/plan-types";
import { firmwareAtLeast, SSH_CONFIG_FROM } from "../spec/firewall/firmware";
import { parseRange, prefixOf } from "../spec/ipv4";
import type { Dns, FirewallUnit, Network, SiteFirewall, SyslogTarget } from "../spec/types";
import { FirewallPolicySet } from "./firewall-policy-set";
import { fortiosProvider } from "./fortios-provider";
import { sensitiveVariable } from "./plan-time-variable";
import { removedBlocksFor } from "./removed-blocks";
import { pinAddress } from "./stable-address";

export interface FortigateClusterProps {
  /** The pair: model, units, HA group, ports, internet uplink, shared VDOM, API user, DoS thresholds. */
  readonly firewall: SiteFirewall;
  /** VDOMs, interfaces and policies compiled from the flow matrix. */
  readonly plan: FirewallPlan;
  /** The network of the units' reserved management ports (and of the API user's trusted hosts). */
  readonly managementNetwork: Network;
  readonly ntpServers: readonly string[];
  /**
   * The site's resolvers: the box's own DNS (it resolves the NTP and syslog names and FortiGuard).
   * @default none: no DNS setting is written (the rules report it)
   */
  readonly dns?: Dns;
  /**
   * The log collector the units send to.
   * @default none: no syslog setting is written (the rules report the missing collector)
   */
  readonly syslog?: SyslogTarget;
}

/** DoS thresholds on the internet edge unless the spec sets others (FortiOS anomaly names). */
export const DEFAULT_DOS_THRESHOLDS: Readonly<Record<string, number>> = {
  tcp_syn_flood: 2000,
  tcp_port_scan: 1000,
  tcp_src_session: 5000,
  udp_flood: 2000,
  udp_scan: 2000,
  icmp_flood: 250,
  icmp_sweep: 100,
};

/** Box-wide objects live in the `global` scope of the FortiOS API. */
const GLOBAL = "global";

/** The network the runner reaches the API from (default the management network). */
export const automationNetworkOf = (fw: SiteFirewall, management: Network): string => fw.automationNetwork ?? management.cidr;

/**
 * The unit's reserved HA management port routes through the management network's gateway: to any
 * address, or, when the runner sits outside the management network, only to the runner's network
 * (the port answers nothing else beyond its own subnet).
 */
function managementRoute(fw: SiteFirewall, management: Network) {
  const automation = automationNetworkOf(fw, management);
  const inside = insideNetwork(automation, management.cidr);
  return [{ id: 1, interface: fw.managementInterface, gateway: management.gateway, dst: inside ? "0.0.0.0/0" : automation }];
}

function insideNetwork(inner: string, outer: string): boolean {
  const a = parseRange(inner);
  const b = parseRange(outer);
  return typeof a !== "string" && typeof b !== "string" && a.first >= b.first && a.last <= b.last;
}

/** The access profile of the API user: only the permission groups of the objects this construct and the tenant stacks write. */
export const API_PROFILE = "terraform-api";

/** Shown before every admin login unless the site writes its own. */
export const DEFAULT_LOGIN_BANNER =
  "Authorized administrators only. Every session on this firewall is logged and reviewed; unauthorized access is prohibited and will be reported.";

/**
 * SSH algorithms without CBC, SHA-1 or MD5 and without the RSA SHA-1 host key, as the declared
 * firmware writes them: in `config system ssh-config` from FortiOS 7.4.4 (provider doc
 * website/docs/r/fortios_system_sshconfig.html.markdown: "Applies to FortiOS Version >= 7.4.4"; the
 * FortiOS 7.4.4 CLI reference moved ssh-enc/kex/mac-algo there and renamed ssh-hostkey-algo to
 * ssh-hsk-algo), in `system global` before it. The on/off switches (ssh-cbc-cipher, ssh-hmac-md5,
 * ssh-kex-sha1, ssh-mac-weak) exist only up to FortiOS 7.0.1 and are never written.
 */
export const SSH_ALGORITHMS = {
  enc: "chacha20-poly1305@openssh.com aes256-ctr aes256-gcm@openssh.com",
  mac: "hmac-sha2-256-etm@openssh.com hmac-sha2-512-etm@openssh.com",
  /** group16/18-sha512 are selectable from 7.4.1; curve25519 and the NIST curves on every supported version. */
  kexSshConfig:
    "diffie-hellman-group16-sha512 diffie-hellman-group18-sha512 curve25519-sha256@libssh.org ecdh-sha2-nistp256 ecdh-sha2-nistp384 ecdh-sha2-nistp521",
  kexGlobal: "curve25519-sha256@libssh.org ecdh-sha2-nistp256 ecdh-sha2-nistp384 ecdh-sha2-nistp521",
  hsk: "ecdsa-sha2-nistp521 ecdsa-sha2-nistp384 ecdsa-sha2-nistp256 rsa-sha2-256 rsa-sha2-512 ssh-ed25519",
} as const;

/**
 * The FortiGate pair as an active-passive FGCP cluster, and the box-wide objects of the multi-VDOM
 * design: VDOMs, VLAN and inter-VDOM-link interfaces, the shared VDOM's policies and the DoS policy on
 * the internet edge.
 *
 * Secure and redundant by default: two encrypted and authenticated heartbeat ports, session pickup,
 * monitored uplinks, a reserved HA management interface per unit; HTTPS-only admin with TLS 1.2+,
 * strong crypto, an idle timeout and lockout; admin access (HTTPS, SSH) only on the management port and
 * the API user's trusted hosts limited to the management network; NTP and syslog to the site's
 * collector. (Both units are devices in the facility stack, recorded by PowerAndCooling.) Settings
 * FGCP does not synchronize (hostname, priority, override, the reserved management interface) go to
 * each unit through its own provider alias; everything else goes to the primary.
 */
export class FortigateCluster extends Construct {
  private readonly primary: FortiosProvider;
  private readonly primaryUnit: FirewallUnit;
  /** The primary's `system global` that switches the box to multi-VDOM and long VDOM names: everything box-wide waits for it. */
  private global!: SystemGlobal;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FortigateClusterProps,
  ) {
    super(scope, id);
    const fw = props.firewall;
    const primaryUnit = fw.units.find((u) => u.role === "primary");
    if (!primaryUnit) throw new Error(`FortigateCluster: the firewall has no primary unit (the site checks require one)`);
    this.primaryUnit = primaryUnit;
    this.primary = fortiosProvider(this, primaryUnit, "primary");
    this.hardenGlobalSettings();
    this.addHighAvailability();
    this.addTimeAndLogging();
    this.addDns();
    this.addAdminHardening();
    this.addApiUser();
    for (const unit of fw.units) this.addUnitSettings(unit);
    const { vdoms, interfaces } = this.addVdomsAndInterfaces();
    this.addManagementVdom(vdoms);
    this.addRetiredVdoms();
    this.addInternetEdge(interfaces);
    const shared = props.plan.vdoms.find((v) => v.name === props.plan.sharedVdom);
    const sharedVdom = vdoms.get(props.plan.sharedVdom);
    if (!shared || !sharedVdom) throw new Error(`FortigateCluster: the plan has no shared VDOM ${props.plan.sharedVdom}`);
    new FirewallPolicySet(this, "shared-policies", { plan: shared, provider: this.primary, interfaces, dependsOn: [sharedVdom] });
  }

  /**
   * Box-wide settings, on the primary (FGCP synchronizes them): multi-VDOM with long names,
   * HTTPS-only TLS 1.2+ admin, lockout, the pre-login banner, the time zone, the site's admin ports,
   * and the strong SSH algorithms where the declared firmware keeps them in `system global`.
   */
  private hardenGlobalSettings(): void {
    const fw = this.props.firewall;
    const sshInGlobal: Partial<SystemGlobalConfig> = firmwareAtLeast(fw.firmware, SSH_CONFIG_FROM)
      ? {}
      : { sshEncAlgo: SSH_ALGORITHMS.enc, sshKexAlgo: SSH_ALGORITHMS.kexGlobal, sshMacAlgo: SSH_ALGORITHMS.mac };
    this.global = pinAddress(
      new SystemGlobal(this, "global-primary", {
        provider: this.primary,
        hostname: this.primaryUnit.hostname,
        vdomMode: "multi-vdom",
        longVdomName: "enable",
        adminHttpsRedirect: "enable",
        adminHttpsSslVersions: "tlsv1-2 tlsv1-3",
        sslMinProtoVersion: "TLSv1-2",
        strongCrypto: "enable",
        admintimeout: fw.adminTimeoutMinutes,
        adminTelnet: "disable",
        adminLockoutThreshold: 3,
        adminLockoutDuration: 300,
        preLoginBanner: "enable",
        ...(fw.timezone !== undefined ? { timezone: fw.timezone } : {}),
        ...(fw.adminPorts?.https !== undefined ? { adminSport: fw.adminPorts.https } : {}),
        ...(fw.adminPorts?.ssh !== undefined ? { adminSshPort: fw.adminPorts.ssh } : {}),
        ...sshInGlobal,
        vdomparam: GLOBAL,
      }),
      "global",
      this.primaryUnit.id,
    );
    if (firmwareAtLeast(fw.firmware, SSH_CONFIG_FROM))
      pinAddress(
        new SystemSshconfig(this, "ssh-config", {
          provider: this.primary,
          sshEncAlgo: SSH_ALGORITHMS.enc,
          sshKexAlgo: SSH_ALGORITHMS.kexSshConfig,
          sshMacAlgo: SSH_ALGORITHMS.mac,
          sshHskAlgo: SSH_ALGORITHMS.hsk,
          vdomparam: GLOBAL,
          dependsOn: [this.global],
        }),
        "ssh-config",
      );
  }

  /** FGCP active-passive: encrypted, authenticated heartbeats, session pickup, monitored uplinks, the password a plan-time variable. */
  private addHighAvailability(): void {
    const { firewall: fw, managementNetwork } = this.props;
    const monitor = fw.monitorInterfaces ?? [fw.internalInterface, fw.internet.interface];
    pinAddress(
      new SystemHa(this, "ha-primary", {
        provider: this.primary,
        ...this.clusterSettings(),
        sessionPickup: "enable",
        sessionPickupConnectionless: "enable",
        monitor: monitor.join(" "),
        override: "disable",
        priority: this.primaryUnit.priority ?? 200,
        haMgmtStatus: "enable",
        haMgmtInterfaces: managementRoute(fw, managementNetwork),
        // The box's own traffic (DNS, NTP, syslog, FortiGuard) leaves from the management VDOM, which
        // is the shared VDOM (addManagementVdom); ha_direct would send syslog out of the reserved
        // management port instead, whose only route is the management gateway.
        haDirect: "disable",
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "ha",
      this.primaryUnit.id,
    );
  }

  private haPassword?: string;

  /** What every member must share to form the cluster: mode, group, password (a plan-time variable), heartbeat ports and their protection. */
  private clusterSettings() {
    const fw = this.props.firewall;
    this.haPassword ??= sensitiveVariable(
      this,
      "fortigate_ha_password",
      "FGCP cluster password; supply at plan time (TF_VAR_fortigate_ha_password).",
    ).stringValue;
    return {
      mode: "a-p",
      groupName: fw.haGroup.name,
      groupId: fw.haGroup.id,
      password: this.haPassword,
      hbdev: fw.heartbeatInterfaces.map((h) => `${h} 50`).join(" "),
      encryption: "enable",
      authentication: "enable",
    };
  }

  /** NTP from the site's servers; syslog to its collector (TLS where the collector speaks it). */
  private addTimeAndLogging(): void {
    const { ntpServers, syslog: collector } = this.props;
    pinAddress(
      new SystemNtp(this, "ntp", {
        provider: this.primary,
        ntpsync: "enable",
        type: "custom",
        syncinterval: 60,
        ntpserver: ntpServers.map((server, i) => ({ id: i + 1, server })),
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "ntp",
    );
    if (!collector) return;
    pinAddress(
      new LogsyslogdSetting(this, "syslog", {
        provider: this.primary,
        status: "enable",
        server: collector.host,
        port: collector.port,
        mode: collector.protocol === "udp" ? "udp" : "reliable",
        encAlgorithm: collector.protocol === "tls" ? "high" : "disable",
        facility: "local7",
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "syslog",
    );
  }

  /**
   * The REST API user Terraform works through: a least-privilege access profile (global scope, for
   * the box-wide objects and every VDOM) and trusted only from the automation network, which is
   * always its trusted host so an apply never locks the runner out.
   */
  private addApiUser(): void {
    const { firewall: fw, managementNetwork } = this.props;
    const profile = pinAddress(
      new SystemAccprofile(this, "api-profile", {
        provider: this.primary,
        name: API_PROFILE,
        comments: "Terraform API user: only what the synthesized configuration writes",
        scope: "global",
        // sysgrp: global settings, HA, VDOMs, admins and API users, access profiles, DNS, NTP,
        // password policy, auto-install, replacement messages; no firmware or FortiGuard (mnt, upd).
        sysgrp: "custom",
        sysgrpPermission: { admin: "read-write", cfg: "read-write", mnt: "none", upd: "none" },
        // netgrp: interfaces, zones, VDOM links (cfg) and static routes (route_cfg); no packet capture.
        netgrp: "custom",
        netgrpPermission: { cfg: "read-write", routeCfg: "read-write", packetCapture: "none" },
        // fwgrp: policies, addresses, services, schedules, VIPs and DoS policies (others).
        fwgrp: "read-write",
        // loggrp: the syslog setting only; no log data or reports.
        loggrp: "custom",
        loggrpPermission: { config: "read-write", dataAccess: "none", reportAccess: "none", threatWeight: "none" },
        utmgrp: "none",
        vpngrp: "none",
        wanoptgrp: "none",
        wifi: "none",
        authgrp: "none",
        ftviewgrp: "none",
        secfabgrp: "none",
        systemExecuteSsh: "disable",
        systemExecuteTelnet: "disable",
        updateIfExist: true,
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "api-profile",
      API_PROFILE,
    );
    pinAddress(
      new SystemApiuser(this, "api-user", {
        provider: this.primary,
        name: fw.apiUser,
        accprofile: profile.name,
        updateIfExist: true,
        trusthost: [{ id: 1, type: "ipv4-trusthost", ipv4Trusthost: automationNetworkOf(fw, managementNetwork) }],
        vdom: [{ name: MANAGEMENT_VDOM }],
        comments: "Terraform; created at bootstrap, least-privilege profile, trusted only from the automation network",
        vdomparam: GLOBAL,
      }),
      "api-user",
      fw.apiUser,
    );
  }

  /** The box's resolvers: the site's DNS servers, reached from the management (shared) VDOM. */
  private addDns(): void {
    const { dns } = this.props;
    if (!dns) return;
    const [primary, secondary] = dns.servers;
    if (primary === undefined) return;
    pinAddress(
      new SystemDns(this, "dns", {
        provider: this.primary,
        primary,
        ...(secondary !== undefined ? { secondary } : {}),
        domain: [dns.domain, ...(dns.searchDomains ?? [])].map((domain) => ({ domain })),
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "dns",
    );
  }

  /** Local admins' passwords, the pre-login banner's text, no configuration or firmware from a USB stick. */
  private addAdminHardening(): void {
    const fw = this.props.firewall;
    pinAddress(
      new SystemPasswordpolicy(this, "password-policy", {
        provider: this.primary,
        status: "enable",
        applyTo: "admin-password",
        minimumLength: 14,
        minLowerCaseLetter: 1,
        minUpperCaseLetter: 1,
        minNumber: 1,
        minNonAlphanumeric: 1,
        minChangeCharacters: 4,
        reusePassword: "disable",
        // No periodic expiry: a long, unique password is changed on suspicion, not by the calendar.
        expireStatus: "disable",
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "password-policy",
    );
    pinAddress(
      new SystemreplacemsgAdmin(this, "login-banner", {
        provider: this.primary,
        // The message `pre_login_banner` shows (FortiOS `config system replacemsg admin`); the
        // provider's create is a PUT of the existing message (resource_systemreplacemsg_admin.go).
        msgType: "pre_admin-disclaimer-text",
        buffer: fw.loginBanner ?? DEFAULT_LOGIN_BANNER,
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "login-banner",
    );
    pinAddress(
      new SystemAutoinstall(this, "usb-autoinstall", {
        provider: this.primary,
        autoInstallConfig: "disable",
        autoInstallImage: "disable",
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "usb-autoinstall",
    );
  }

  /**
   * The management VDOM is the shared VDOM. The box's own DNS, NTP, syslog and FortiGuard traffic
   * leaves from the management VDOM (FortiOS 7.2 admin guide "General configurations": the management
   * VDOM needs internet access for FortiGuard), and root holds only the reserved HA management port,
   * which cannot route for the VDOM. The shared VDOM has the internet uplink with its default route
   * and the shared-services networks where the site's resolvers, NTP servers and collector live.
   * Written as its own `system global` (the provider sends only the fields a resource sets,
   * getObjectSystemGlobal), after the VDOM exists: the first one must switch on multi-VDOM before it.
   */
  private addManagementVdom(vdoms: ReadonlyMap<string, SystemVdom>): void {
    const shared = vdoms.get(this.props.plan.sharedVdom);
    pinAddress(
      new SystemGlobal(this, "global-management-vdom", {
        provider: this.primary,
        managementVdom: shared?.name ?? this.props.plan.sharedVdom,
        vdomparam: GLOBAL,
        dependsOn: [this.global],
      }),
      "management-vdom",
    );
  }

  /** Per unit, through its own alias: what FGCP does not synchronize (hostname, priority, the reserved management port). */
  private addUnitSettings(unit: FirewallUnit): void {
    const { firewall: fw, managementNetwork } = this.props;
    const provider = unit.role === "primary" ? this.primary : fortiosProvider(this, unit, unit.role);
    if (unit.role !== "primary") {
      pinAddress(new SystemGlobal(this, `global-${unit.id}`, { provider, hostname: unit.hostname, vdomparam: GLOBAL }), "global", unit.id);
      // A unit joins the cluster only with the same mode, group id, group name, password and
      // heartbeat ports as the primary (FGCP); the provider sends only the fields set here
      // (getObjectSystemHa in fortios/resource_system_ha.go), so without them a fresh secondary
      // stays standalone. After the join FGCP synchronizes the same values: no drift.
      pinAddress(
        new SystemHa(this, `ha-${unit.id}`, {
          provider,
          ...this.clusterSettings(),
          override: "disable",
          priority: unit.priority ?? 100,
          haMgmtStatus: "enable",
          haMgmtInterfaces: managementRoute(fw, managementNetwork),
          vdomparam: GLOBAL,
        }),
        "ha",
        unit.id,
      );
    }
    pinAddress(
      new SystemInterface(this, `mgmt-${unit.id}`, {
        provider,
        name: fw.managementInterface,
        vdom: MANAGEMENT_VDOM,
        ip: `${unit.managementAddress}/${prefixOf(managementNetwork.cidr)}`,
        allowaccess: "ping https ssh",
        description: `reserved HA management interface of ${unit.id}`,
        updateIfExist: true,
        vdomparam: GLOBAL,
        ...(unit.role === "primary" ? { dependsOn: [this.global] } : {}),
      }),
      "interface",
      unit.id,
      fw.managementInterface,
    );
  }

  /** Every VDOM of the plan with its VLAN interfaces and inter-VDOM link; the untagged internet port into the shared VDOM. */
  private addVdomsAndInterfaces(): { vdoms: Map<string, SystemVdom>; interfaces: Map<string, string> } {
    const { firewall: fw, plan } = this.props;
    const box: BoxObjects = {
      provider: this.primary,
      global: this.global,
      internetPort: fw.internet.interface,
      internalPort: fw.internalInterface,
      sharedVdom: plan.sharedVdom,
      vdoms: new Map(),
      interfaces: new Map(),
    };
    for (const v of plan.vdoms) pinAddress(vdomOf(this, box, v.name), v.name);
    if (!fw.internet.vlan) {
      const internet = pinAddress(
        new SystemInterface(this, "internet", {
          provider: this.primary,
          name: fw.internet.interface,
          vdom: box.vdoms.get(plan.sharedVdom)?.name ?? plan.sharedVdom,
          ip: fw.internet.address,
          role: "wan",
          // Explicitly ping only: overwrites any admin protocol left on the internet port.
          allowaccess: "ping",
          description: "internet uplink",
          updateIfExist: true,
          vdomparam: GLOBAL,
        }),
        "interface",
        fw.internet.interface,
      );
      box.interfaces.set(fw.internet.interface, internet.name);
    }
    for (const i of plan.vlanInterfaces) addVlanInterface(this, box, i);
    for (const v of plan.vdoms) addVdomLink(this, box, v);
    return { vdoms: box.vdoms, interfaces: box.interfaces };
  }

  /**
   * Removed tenants: their VDOM, link and interfaces leave through `removed` blocks (destroyed only
   * when the tenant file approves it), listed by drawing them as they were.
   */
  private addRetiredVdoms(): void {
    const { firewall: fw, plan } = this.props;
    const stack = TerraformStack.of(this);
    for (const r of plan.retired) {
      removedBlocksFor(stack, r.destroy, (scratch) => {
        const box: BoxObjects = {
          provider: fortiosProvider(scratch, this.primaryUnit, "primary"),
          internetPort: fw.internet.interface,
          internalPort: fw.internalInterface,
          sharedVdom: plan.sharedVdom,
          vdoms: new Map(),
          interfaces: new Map(),
        };
        pinAddress(vdomOf(scratch, box, r.vdom.name), r.vdom.name);
        for (const i of r.vlanInterfaces) addVlanInterface(scratch, box, i);
        addVdomLink(scratch, box, r.vdom);
      });
    }
  }

  /** The DoS policy on the internet interface of the shared VDOM: every anomaly blocked and logged above its threshold. */
  private addInternetEdge(interfaces: ReadonlyMap<string, string>): void {
    const { firewall: fw, plan } = this.props;
    const thresholds = { ...DEFAULT_DOS_THRESHOLDS, ...(fw.dos ?? {}) };
    pinAddress(
      new FirewallDoSpolicy(this, "dos", {
        provider: this.primary,
        policyid: 1,
        name: "internet-edge",
        status: "enable",
        interface: interfaces.get(plan.internetInterface) ?? plan.internetInterface,
        srcaddr: [{ name: "all" }],
        dstaddr: [{ name: "all" }],
        service: [{ name: "ALL" }],
        anomaly: Object.entries(thresholds)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, threshold]) => ({ name, status: "enable", log: "enable", action: "block", threshold })),
        vdomparam: plan.sharedVdom,
      }),
      plan.sharedVdom,
      "dos",
      "internet-edge",
    );
  }
}

/** What the box-wide objects are drawn with, and the names they register for later references. */
interface BoxObjects {
  provider: FortiosProvider;
  /** The `system global` that switches on multi-VDOM (absent when drawing retired objects for removed blocks). */
  global?: SystemGlobal;
  internetPort: string;
  internalPort: string;
  sharedVdom: string;
  vdoms: Map<string, SystemVdom>;
  /** Interface name -> its reference, for objects that must wait for the interface. */
  interfaces: Map<string, string>;
}

/** A VDOM, referenced by name (a reference where it exists, so Terraform creates it first). */
const vdomRef = (box: BoxObjects, name: string) => box.vdoms.get(name)?.name ?? name;

function vdomOf(scope: Construct, box: BoxObjects, name: string): SystemVdom {
  // A VDOM exists only once the box runs multi-VDOM with long names: it waits for that `system global`.
  const vdom = new SystemVdom(scope, `vdom-${name}`, {
    provider: box.provider,
    name,
    vdomparam: GLOBAL,
    dependsOn: box.global ? [box.global] : undefined,
  });
  box.vdoms.set(name, vdom);
  return vdom;
}

/** A VLAN interface on the internal trunk (or the internet port for a tagged uplink), in its VDOM. */
function addVlanInterface(scope: Construct, box: BoxObjects, i: VlanInterface): void {
  const vlan = pinAddress(
    new SystemInterface(scope, `vlan-${i.name}`, {
      provider: box.provider,
      name: i.name,
      type: "vlan",
      interface: i.trunk === "internet" ? box.internetPort : box.internalPort,
      vlanid: i.vlan,
      vdom: vdomRef(box, i.vdom),
      ip: i.ip,
      role: i.trunk === "internet" ? "wan" : "lan",
      allowaccess: "ping",
      description: i.description,
      vdomparam: GLOBAL,
    }),
    "interface",
    i.name,
  );
  box.interfaces.set(i.name, vlan.name);
}

/** A tenant VDOM's inter-VDOM link to the shared VDOM, and its two ends placed in their VDOMs. */
function addVdomLink(scope: Construct, box: BoxObjects, v: VdomPlan): void {
  if (!v.link) return;
  const linkName = v.link;
  const link = pinAddress(
    new SystemVdomlink(scope, `link-${linkName}`, {
      provider: box.provider,
      name: linkName,
      type: "ppp",
      vdomparam: GLOBAL,
      dependsOn: box.global ? [box.global] : undefined,
    }),
    linkName,
  );
  // FortiOS creates the two ends with the link; these adopt them and place them in their VDOMs.
  for (const [side, vdom] of [
    ["shared", box.sharedVdom],
    ["tenant", v.name],
  ] as const) {
    const end = linkEnd(linkName, side);
    const endInterface = pinAddress(
      new SystemInterface(scope, `link-${end}`, {
        provider: box.provider,
        name: linkEnd(link.name, side),
        type: "vdom-link",
        vdom: vdomRef(box, vdom),
        autogenerated: "auto",
        allowaccess: "ping",
        description: `link ${box.sharedVdom} <-> ${v.name}`,
        vdomparam: GLOBAL,
      }),
      "interface",
      end,
    );
    box.interfaces.set(end, endInterface.name);
  }
}
