import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { FirewallDoSpolicy } from "../.gen/providers/fortios/firewall-do-spolicy";
import { LogsyslogdSetting } from "../.gen/providers/fortios/logsyslogd-setting";
import type { FortiosProvider } from "../.gen/providers/fortios/provider";
import { SystemApiuser } from "../.gen/providers/fortios/system-apiuser";
import { SystemGlobal } from "../.gen/providers/fortios/system-global";
import { SystemHa } from "../.gen/providers/fortios/system-ha";
import { SystemInterface } from "../.gen/providers/fortios/system-interface";
import { SystemNtp } from "../.gen/providers/fortios/system-ntp";
import { SystemVdom } from "../.gen/providers/fortios/system-vdom";
import { SystemVdomlink } from "../.gen/providers/fortios/system-vdomlink";
import { linkEnd, MANAGEMENT_VDOM } from "../plan/firewall/fortios-names";
import type { FirewallPlan, VdomPlan, VlanInterface } from "../plan/firewall/plan-types";
import { prefixOf } from "../spec/ipv4";
import type { FirewallUnit, Network, SiteFirewall, SyslogTarget } from "../spec/types";
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

/** The unit's reserved HA management port routes through the management network's gateway. */
const managementRoute = (fw: SiteFirewall, management: Network) => [
  { id: 1, interface: fw.managementInterface, gateway: management.gateway, dst: "0.0.0.0/0" },
];

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
    this.addApiUser();
    for (const unit of fw.units) this.addUnitSettings(unit);
    const { vdoms, interfaces } = this.addVdomsAndInterfaces();
    this.addRetiredVdoms();
    this.addInternetEdge(interfaces);
    const shared = props.plan.vdoms.find((v) => v.name === props.plan.sharedVdom);
    const sharedVdom = vdoms.get(props.plan.sharedVdom);
    if (!shared || !sharedVdom) throw new Error(`FortigateCluster: the plan has no shared VDOM ${props.plan.sharedVdom}`);
    new FirewallPolicySet(this, "shared-policies", { plan: shared, provider: this.primary, interfaces, dependsOn: [sharedVdom] });
  }

  /** Box-wide settings, on the primary (FGCP synchronizes them): multi-VDOM, HTTPS-only TLS 1.2+ admin, lockout, no weak SSH. */
  private hardenGlobalSettings(): void {
    pinAddress(
      new SystemGlobal(this, "global-primary", {
        provider: this.primary,
        hostname: this.primaryUnit.hostname,
        vdomMode: "multi-vdom",
        longVdomName: "enable",
        managementVdom: MANAGEMENT_VDOM,
        adminHttpsRedirect: "enable",
        adminHttpsSslVersions: "tlsv1-2 tlsv1-3",
        sslMinProtoVersion: "TLSv1-2",
        strongCrypto: "enable",
        admintimeout: this.props.firewall.adminTimeoutMinutes,
        adminTelnet: "disable",
        adminLockoutThreshold: 3,
        adminLockoutDuration: 300,
        sshCbcCipher: "disable",
        sshHmacMd5: "disable",
        sshKexSha1: "disable",
        sshMacWeak: "disable",
        vdomparam: GLOBAL,
      }),
      "global",
      this.primaryUnit.id,
    );
  }

  /** FGCP active-passive: encrypted, authenticated heartbeats, session pickup, monitored uplinks, the password a plan-time variable. */
  private addHighAvailability(): void {
    const { firewall: fw, managementNetwork } = this.props;
    const password = sensitiveVariable(
      this,
      "fortigate_ha_password",
      "FGCP cluster password; supply at plan time (TF_VAR_fortigate_ha_password).",
    );
    const monitor = fw.monitorInterfaces ?? [fw.internalInterface, fw.internet.interface];
    pinAddress(
      new SystemHa(this, "ha-primary", {
        provider: this.primary,
        mode: "a-p",
        groupName: fw.haGroup.name,
        groupId: fw.haGroup.id,
        password: password.stringValue,
        hbdev: fw.heartbeatInterfaces.map((h) => `${h} 50`).join(" "),
        encryption: "enable",
        authentication: "enable",
        sessionPickup: "enable",
        sessionPickupConnectionless: "enable",
        monitor: monitor.join(" "),
        override: "disable",
        priority: this.primaryUnit.priority ?? 200,
        haMgmtStatus: "enable",
        haMgmtInterfaces: managementRoute(fw, managementNetwork),
        vdomparam: GLOBAL,
      }),
      "ha",
      this.primaryUnit.id,
    );
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
      }),
      "syslog",
    );
  }

  /** The REST API user Terraform works through, trusted only from the management network. */
  private addApiUser(): void {
    const { firewall: fw, managementNetwork } = this.props;
    pinAddress(
      new SystemApiuser(this, "api-user", {
        provider: this.primary,
        name: fw.apiUser,
        accprofile: "super_admin",
        updateIfExist: true,
        trusthost: [{ id: 1, type: "ipv4-trusthost", ipv4Trusthost: managementNetwork.cidr }],
        vdom: [{ name: MANAGEMENT_VDOM }],
        comments: "Terraform; created at bootstrap, trusted hosts limited to the management network",
        vdomparam: GLOBAL,
      }),
      "api-user",
      fw.apiUser,
    );
  }

  /** Per unit, through its own alias: what FGCP does not synchronize (hostname, priority, the reserved management port). */
  private addUnitSettings(unit: FirewallUnit): void {
    const { firewall: fw, managementNetwork } = this.props;
    const provider = unit.role === "primary" ? this.primary : fortiosProvider(this, unit, unit.role);
    if (unit.role !== "primary") {
      pinAddress(new SystemGlobal(this, `global-${unit.id}`, { provider, hostname: unit.hostname, vdomparam: GLOBAL }), "global", unit.id);
      pinAddress(
        new SystemHa(this, `ha-${unit.id}`, {
          provider,
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
  const vdom = new SystemVdom(scope, `vdom-${name}`, { provider: box.provider, name, vdomparam: GLOBAL });
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
    new SystemVdomlink(scope, `link-${linkName}`, { provider: box.provider, name: linkName, type: "ppp", vdomparam: GLOBAL }),
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
