import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { FirewallDoSpolicy } from "../.gen/providers/fortios/firewall-do-spolicy";
import { LogsyslogdSetting } from "../.gen/providers/fortios/logsyslogd-setting";
import { FortiosProvider } from "../.gen/providers/fortios/provider";
import { SystemApiuser } from "../.gen/providers/fortios/system-apiuser";
import { SystemGlobal } from "../.gen/providers/fortios/system-global";
import { SystemHa } from "../.gen/providers/fortios/system-ha";
import { SystemInterface } from "../.gen/providers/fortios/system-interface";
import { SystemNtp } from "../.gen/providers/fortios/system-ntp";
import { SystemVdom } from "../.gen/providers/fortios/system-vdom";
import { SystemVdomlink } from "../.gen/providers/fortios/system-vdomlink";
import type { FirewallPlan } from "../spec/firewall/plan-types";
import { prefixOf } from "../spec/ipv4";
import type { FirewallUnit, SiteFile } from "../spec/types";
import { FirewallPolicySet } from "./firewall-policy-set";
import { addRemovedBlock } from "./removed-blocks";
import { addressName, pinAddress } from "./stable-address";

export interface FortigateClusterProps {
  /** The site spec; its `firewall` section describes the pair. */
  readonly site: SiteFile;
  /** VDOMs, interfaces and policies computed from the flow matrix. */
  readonly plan: FirewallPlan;
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

/** Name of the sensitive variable with a unit's REST API token (TF_VAR_<name> at plan time). */
export const tokenVariable = (role: FirewallUnit["role"]) => `fortios_token_${role}`;

/** Name of the variable with a unit's API address (default its management address from the spec). */
export const hostnameVariable = (role: FirewallUnit["role"]) => `fortios_hostname_${role}`;

/** A stack variable, created once per stack however many constructs ask for it. */
function variableOnce(scope: Construct, name: string, config: ConstructorParameters<typeof TerraformVariable>[2]): TerraformVariable {
  const existing = TerraformStack.of(scope).node.tryFindChild(name) as TerraformVariable | undefined;
  if (existing) return existing;
  const v = new TerraformVariable(TerraformStack.of(scope), name, config);
  v.overrideLogicalId(name);
  return v;
}

/**
 * Provider for one unit. Hostname and token are plan-time variables: the hostname defaults to the
 * unit's management address from the spec (TF_VAR_fortios_hostname_<role> overrides it), the token
 * is sensitive and has no default (TF_VAR_fortios_token_<role>).
 */
export function fortiosProvider(scope: Construct, unit: FirewallUnit, alias?: string): FortiosProvider {
  const token = variableOnce(scope, tokenVariable(unit.role), {
    type: "string",
    sensitive: true,
    nullable: false,
    description: `REST API token of the ${unit.role} FortiGate ${unit.id}; supply at plan time (TF_VAR_${tokenVariable(unit.role)}).`,
  });
  const hostname = variableOnce(scope, hostnameVariable(unit.role), {
    type: "string",
    default: unit.managementAddress,
    description: `API address of the ${unit.role} FortiGate ${unit.id} (its reserved management interface).`,
  });
  return new FortiosProvider(scope, alias ? `fortios-${alias}` : "fortios", {
    alias,
    hostname: hostname.stringValue,
    token: token.stringValue,
  });
}

/**
 * The FortiGate pair as an active-passive FGCP cluster, and the box-wide objects of the multi-VDOM
 * design: VDOMs, VLAN and inter-VDOM-link interfaces, the shared VDOM's policies and the DoS policy on
 * the internet edge.
 *
 * Secure and redundant by default: two encrypted and authenticated heartbeat ports, session pickup,
 * monitored uplinks, a reserved HA management interface per unit; HTTPS-only admin with TLS 1.2+,
 * strong crypto, an idle timeout and lockout; admin access (HTTPS, SSH) only on the management port and
 * the API user's trusted hosts limited to the management network; NTP and syslog to the site's
 * collector. (Both units are devices in the facility stack, recorded by PowerAndCooling.) Settings FGCP does not synchronize (hostname, priority, override, the reserved management
 * interface) go to each unit through its own provider alias; everything else goes to the primary.
 */
export class FortigateCluster extends Construct {
  constructor(scope: Construct, id: string, props: FortigateClusterProps) {
    super(scope, id);
    const { site, plan } = props;
    const fw = site.firewall!;
    const primaryUnit = fw.units.find((u) => u.role === "primary")!;
    const primary = fortiosProvider(this, primaryUnit, "primary");
    const global = "global";
    const management = site.networks.find((n) => n.purpose === "management")!;

    // Box-wide settings, on the primary (FGCP synchronizes them).
    const password = variableOnce(this, "fortigate_ha_password", {
      type: "string",
      sensitive: true,
      nullable: false,
      description: "FGCP cluster password; supply at plan time (TF_VAR_fortigate_ha_password).",
    });
    const monitor = fw.monitorInterfaces ?? [fw.internalInterface, fw.internet.interface];
    const mgmtRoute = [{ id: 1, interface: fw.managementInterface, gateway: management.gateway, dst: "0.0.0.0/0" }];
    pinAddress(
      new SystemGlobal(this, "global-primary", {
        provider: primary,
        hostname: primaryUnit.hostname,
        vdomMode: "multi-vdom",
        longVdomName: "enable",
        managementVdom: "root",
        adminHttpsRedirect: "enable",
        adminHttpsSslVersions: "tlsv1-2 tlsv1-3",
        sslMinProtoVersion: "TLSv1-2",
        strongCrypto: "enable",
        admintimeout: fw.adminTimeoutMinutes,
        adminTelnet: "disable",
        adminLockoutThreshold: 3,
        adminLockoutDuration: 300,
        sshCbcCipher: "disable",
        sshHmacMd5: "disable",
        sshKexSha1: "disable",
        sshMacWeak: "disable",
        vdomparam: global,
      }),
      "global",
      primaryUnit.id,
    );
    const hbdev = fw.heartbeatInterfaces.map((h) => `${h} 50`).join(" ");
    pinAddress(
      new SystemHa(this, "ha-primary", {
        provider: primary,
        mode: "a-p",
        groupName: fw.haGroup.name,
        groupId: fw.haGroup.id,
        password: password.stringValue,
        hbdev,
        encryption: "enable",
        authentication: "enable",
        sessionPickup: "enable",
        sessionPickupConnectionless: "enable",
        monitor: monitor.join(" "),
        override: "disable",
        priority: primaryUnit.priority ?? 200,
        haMgmtStatus: "enable",
        haMgmtInterfaces: mgmtRoute,
        vdomparam: global,
      }),
      "ha",
      primaryUnit.id,
    );
    pinAddress(
      new SystemNtp(this, "ntp", {
        provider: primary,
        ntpsync: "enable",
        type: "custom",
        syncinterval: 60,
        ntpserver: site.ntp.map((server, i) => ({ id: i + 1, server })),
        vdomparam: global,
      }),
      "ntp",
    );
    const collector = site.syslog[0];
    if (collector) {
      pinAddress(
        new LogsyslogdSetting(this, "syslog", {
          provider: primary,
          status: "enable",
          server: collector.host,
          port: collector.port,
          mode: collector.protocol === "udp" ? "udp" : "reliable",
          encAlgorithm: collector.protocol === "tls" ? "high" : "disable",
          facility: "local7",
          vdomparam: global,
        }),
        "syslog",
      );
    }
    pinAddress(
      new SystemApiuser(this, "api-user", {
        provider: primary,
        name: fw.apiUser,
        accprofile: "super_admin",
        updateIfExist: true,
        trusthost: [{ id: 1, type: "ipv4-trusthost", ipv4Trusthost: management.cidr }],
        vdom: [{ name: "root" }],
        comments: "Terraform; created at bootstrap, trusted hosts limited to the management network",
        vdomparam: global,
      }),
      "api-user",
      fw.apiUser,
    );

    // Per unit, through its own alias: what FGCP does not synchronize.
    for (const unit of fw.units) {
      const provider = unit.role === "primary" ? primary : fortiosProvider(this, unit, unit.role);
      if (unit.role !== "primary") {
        pinAddress(
          new SystemGlobal(this, `global-${unit.id}`, { provider, hostname: unit.hostname, vdomparam: global }),
          "global",
          unit.id,
        );
        pinAddress(
          new SystemHa(this, `ha-${unit.id}`, {
            provider,
            override: "disable",
            priority: unit.priority ?? 100,
            haMgmtStatus: "enable",
            haMgmtInterfaces: mgmtRoute,
            vdomparam: global,
          }),
          "ha",
          unit.id,
        );
      }
      pinAddress(
        new SystemInterface(this, `mgmt-${unit.id}`, {
          provider,
          name: fw.managementInterface,
          vdom: "root",
          ip: `${unit.managementAddress}/${prefixOf(management.cidr)}`,
          allowaccess: "ping https ssh",
          description: `reserved HA management interface of ${unit.id}`,
          updateIfExist: true,
          vdomparam: global,
        }),
        "interface",
        unit.id,
        fw.managementInterface,
      );
    }

    // VDOMs, links and interfaces.
    const vdoms = new Map<string, SystemVdom>();
    for (const v of plan.vdoms)
      vdoms.set(v.name, pinAddress(new SystemVdom(this, `vdom-${v.name}`, { provider: primary, name: v.name, vdomparam: global }), v.name));
    const vdomRef = (name: string) => vdoms.get(name)?.name ?? name;
    const interfaces = new Map<string, string>();
    if (!fw.internet.vlan) {
      const internet = pinAddress(
        new SystemInterface(this, "internet", {
          provider: primary,
          name: fw.internet.interface,
          vdom: vdomRef(plan.sharedVdom),
          ip: fw.internet.address,
          role: "wan",
          // Explicitly ping only: overwrites any admin protocol left on the internet port.
          allowaccess: "ping",
          description: "internet uplink",
          updateIfExist: true,
          vdomparam: global,
        }),
        "interface",
        fw.internet.interface,
      );
      interfaces.set(fw.internet.interface, internet.name);
    }
    for (const i of plan.vlanInterfaces) {
      const vlan = pinAddress(
        new SystemInterface(this, `vlan-${i.name}`, {
          provider: primary,
          name: i.name,
          type: "vlan",
          interface: i.network === "internet" ? fw.internet.interface : fw.internalInterface,
          vlanid: i.vlan,
          vdom: vdomRef(i.vdom),
          ip: i.ip,
          role: i.network === "internet" ? "wan" : "lan",
          allowaccess: "ping",
          description: i.description,
          vdomparam: global,
        }),
        "interface",
        i.name,
      );
      interfaces.set(i.name, vlan.name);
    }
    for (const v of plan.vdoms) {
      if (!v.link) continue;
      const link = pinAddress(
        new SystemVdomlink(this, `link-${v.link}`, { provider: primary, name: v.link, type: "ppp", vdomparam: global }),
        v.link,
      );
      // FortiOS creates the two ends with the link; these adopt them and place them in their VDOMs.
      for (const [end, vdom] of [
        ["0", plan.sharedVdom],
        ["1", v.name],
      ] as const) {
        const linkEnd = pinAddress(
          new SystemInterface(this, `link-${v.link}${end}`, {
            provider: primary,
            name: `${link.name}${end}`,
            type: "vdom-link",
            vdom: vdomRef(vdom),
            autogenerated: "auto",
            allowaccess: "ping",
            description: `link ${plan.sharedVdom} <-> ${v.name}`,
            vdomparam: global,
          }),
          "interface",
          `${v.link}${end}`,
        );
        interfaces.set(`${v.link}${end}`, linkEnd.name);
      }
    }

    // Removed tenants: their VDOM, link and interfaces leave through `removed` blocks (destroyed only when
    // the tenant file approves it).
    const stack = TerraformStack.of(this);
    for (const r of plan.retired) {
      const addresses = [
        `fortios_system_vdom.${addressName(r.vdom.name)}`,
        ...(r.vdom.link
          ? [
              `fortios_system_vdomlink.${addressName(r.vdom.link)}`,
              `fortios_system_interface.${addressName("interface", `${r.vdom.link}0`)}`,
              `fortios_system_interface.${addressName("interface", `${r.vdom.link}1`)}`,
            ]
          : []),
        ...r.vlanInterfaces.map((i) => `fortios_system_interface.${addressName("interface", i.name)}`),
      ];
      for (const address of addresses) addRemovedBlock(stack, address, r.destroy);
    }

    // The shared VDOM: internet edge with DoS protection, and its policies.
    const shared = plan.vdoms.find((v) => v.name === plan.sharedVdom)!;
    const thresholds = { ...DEFAULT_DOS_THRESHOLDS, ...(fw.dos ?? {}) };
    pinAddress(
      new FirewallDoSpolicy(this, "dos", {
        provider: primary,
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
    new FirewallPolicySet(this, "shared-policies", {
      plan: shared,
      provider: primary,
      interfaces,
      dependsOn: [vdoms.get(plan.sharedVdom)!],
    });
  }
}
