import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DENY_POLICY_ID } from "../../plan/firewall/fortios-names";
import type { Site } from "../../plan/model";
import { copySites, edit, EXAMPLES, load, sharedSynth, stackJson, synthOk } from "../helpers";

type Json = Record<string, any>;

/** Every firewall stack of a site: the box-wide one and one per tenant. */
function firewallStacks(out: string, site: Site): { name: string; json: Json }[] {
  const names = [`${site.spec.site}-firewall`, ...site.tenants.map((t) => `${site.spec.site}-${t.spec.tenant}-fw`)];
  return names.map((name) => ({ name, json: stackJson(out, name) }));
}

const policiesOf = (json: Json): Json[] => Object.values(json.resource?.fortios_firewall_policy ?? {});

describe.each([
  ["the tiny fixture", "tiny"],
  ["the example sites", "examples"],
] as const)("firewall of %s", (_label, which) => {
  const { sites, out } = sharedSynth(which);
  let loaded: Site[];
  beforeAll(() => {
    loaded = load(sites).sites.filter((s) => s.firewall);
    expect(loaded.length).toBeGreaterThanOrEqual(1);
  });

  test("an active-passive FGCP pair: two encrypted, authenticated heartbeat ports, session pickup, monitored uplinks", () => {
    for (const site of loaded) {
      const ha = stackJson(out, `${site.spec.site}-firewall`).resource.fortios_system_ha;
      const primary = site.spec.firewall!.units.find((u) => u.role === "primary")!;
      expect(ha[`ha_${primary.id}`]).toMatchObject({
        mode: "a-p",
        encryption: "enable",
        authentication: "enable",
        session_pickup: "enable",
        group_name: site.spec.firewall!.haGroup.name,
        password: "${var.fortigate_ha_password}",
        provider: "fortios.primary",
        vdomparam: "global",
      });
      const hbdev = ha[`ha_${primary.id}`].hbdev.split(" ").filter((_: string, i: number) => i % 2 === 0);
      expect(hbdev).toHaveLength(2);
      expect(ha[`ha_${primary.id}`].monitor.split(" ").length).toBeGreaterThanOrEqual(1);
    }
  });

  test("settings FGCP does not synchronize go to each unit through its own provider alias", () => {
    for (const site of loaded) {
      const json = stackJson(out, `${site.spec.site}-firewall`);
      expect(json.provider.fortios.map((p: Json) => p.alias).sort()).toEqual(["primary", "secondary"]);
      for (const unit of site.spec.firewall!.units) {
        const alias = `fortios.${unit.role}`;
        expect(json.resource.fortios_system_ha[`ha_${unit.id}`]).toMatchObject({
          provider: alias,
          priority: expect.any(Number),
          override: "disable",
          ha_mgmt_status: "enable",
        });
        expect(json.resource.fortios_system_global[`global_${unit.id}`]).toMatchObject({ provider: alias, hostname: unit.hostname });
        expect(json.resource.fortios_system_interface[`interface_${unit.id}_${site.spec.firewall!.managementInterface}`]).toMatchObject({
          provider: alias,
          ip: expect.stringMatching(new RegExp(`^${unit.managementAddress.replace(/\./g, "\\.")}/`)),
          allowaccess: "ping https ssh",
        });
        const provider = json.provider.fortios.find((p: Json) => p.alias === unit.role);
        expect(provider).toEqual({
          alias: unit.role,
          hostname: `\${var.fortios_hostname_${unit.role}}`,
          token: `\${var.fortios_token_${unit.role}}`,
        });
        expect(json.variable[`fortios_hostname_${unit.role}`].default).toBe(unit.managementAddress);
        expect(json.variable[`fortios_token_${unit.role}`]).toMatchObject({ sensitive: true });
      }
      // Everything else goes to the primary.
      for (const [type, byName] of Object.entries(json.resource as Record<string, Record<string, Json>>)) {
        for (const [name, r] of Object.entries(byName)) {
          if (/^(ha|global|interface)_/.test(name) && r.provider === "fortios.secondary") continue;
          expect({ address: `${type}.${name}`, provider: r.provider }).toEqual({ address: `${type}.${name}`, provider: "fortios.primary" });
        }
      }
    }
  });

  test("hardened global settings; admin only on the management port; API user trusted hosts = management network", () => {
    for (const site of loaded) {
      const json = stackJson(out, `${site.spec.site}-firewall`);
      const primary = site.spec.firewall!.units.find((u) => u.role === "primary")!;
      expect(json.resource.fortios_system_global[`global_${primary.id}`]).toMatchObject({
        admin_https_redirect: "enable",
        admin_https_ssl_versions: "tlsv1-2 tlsv1-3",
        strong_crypto: "enable",
        admin_telnet: "disable",
        admintimeout: expect.any(Number),
        vdom_mode: "multi-vdom",
      });
      const management = site.spec.networks.find((n) => n.purpose === "management")!;
      expect(Object.values(json.resource.fortios_system_apiuser)[0]).toMatchObject({
        trusthost: [{ ipv4_trusthost: management.cidr, type: "ipv4-trusthost" }],
      });
      for (const [name, intf] of Object.entries(json.resource.fortios_system_interface as Record<string, Json>)) {
        const admin = /\b(https?|ssh|telnet|fgfm)\b/.test(intf.allowaccess ?? "");
        expect({ name, admin }).toEqual({ name, admin: intf.name === site.spec.firewall!.managementInterface });
      }
      expect(json.resource.fortios_system_ntp.ntp.ntpserver.map((s: Json) => s.server)).toEqual(site.spec.ntp);
      expect(json.resource.fortios_logsyslogd_setting.syslog).toMatchObject({ status: "enable", server: site.spec.syslog[0].host });
    }
  });

  test("one VDOM per tenant, plus the shared VDOM, each tenant with its own interfaces and link", () => {
    for (const site of loaded) {
      const json = stackJson(out, `${site.spec.site}-firewall`);
      const vdoms = Object.values(json.resource.fortios_system_vdom)
        .map((v: any) => v.name)
        .sort();
      expect(vdoms).toEqual([site.spec.firewall!.sharedVdom, ...site.tenants.map((t) => t.spec.firewall?.vdom ?? t.spec.tenant)].sort());
      const interfaces = Object.values(json.resource.fortios_system_interface as Record<string, Json>);
      for (const t of site.tenants) {
        const vdom = t.spec.firewall?.vdom ?? t.spec.tenant;
        for (const n of t.spec.networks)
          expect(interfaces).toContainEqual(
            expect.objectContaining({ name: `vlan${n.vlan}`, vlanid: n.vlan, type: "vlan", vdom: `\${fortios_system_vdom.${vdom}.name}` }),
          );
      }
      expect(Object.keys(json.resource.fortios_system_vdomlink)).toHaveLength(site.tenants.length);
    }
  });

  test("every VDOM ends with a logged deny, kept last by a policy sort on ascending id", () => {
    for (const site of loaded) {
      for (const { name, json } of firewallStacks(out, site)) {
        const policies = policiesOf(json);
        const max = Math.max(...policies.map((p) => p.policyid));
        expect({ name, max }).toEqual({ name, max: DENY_POLICY_ID });
        const deny = policies.find((p) => p.policyid === DENY_POLICY_ID)!;
        expect(deny).toMatchObject({
          action: "deny",
          logtraffic: "all",
          srcaddr: [{ name: "all" }],
          dstaddr: [{ name: "all" }],
          service: [{ name: "ALL" }],
        });
        const sorts = Object.values(json.resource.fortios_firewall_policy_sort as Record<string, Json>);
        expect(sorts).toHaveLength(1);
        expect(sorts[0]).toMatchObject({ sortby: "policyid", sortdirection: "ascending", vdomparam: deny.vdomparam });
        expect(sorts[0].depends_on).toHaveLength(policies.length);
      }
    }
  });

  test("every accept logs all traffic and carries ticket and justification in one parseable comment", () => {
    let accepts = 0;
    for (const site of loaded) {
      for (const { json } of firewallStacks(out, site)) {
        for (const p of policiesOf(json)) {
          expect(p.comments).toMatch(/^ticket=[^;]+; why=[^;]+; flow=[a-z0-9-]+\/[a-z0-9-]+$/);
          if (p.action !== "accept") continue;
          accepts++;
          expect({ id: p.policyid, log: p.logtraffic }).toEqual({ id: p.policyid, log: "all" });
        }
      }
    }
    expect(accepts).toBeGreaterThanOrEqual(3);
  });

  test("a flow between VDOMs is a policy pair over the inter-VDOM link: egress in one VDOM, ingress in the other", () => {
    for (const site of loaded) {
      for (const t of site.tenants) {
        const link = site.firewall!.plan.vdoms.find((v) => v.owner.kind === "tenant" && v.owner.tenant === t.spec.tenant)!.link!;
        const tenantPolicies = policiesOf(stackJson(out, `${site.spec.site}-${t.spec.tenant}-fw`));
        const shared = policiesOf(stackJson(out, `${site.spec.site}-firewall`));
        for (const egress of tenantPolicies.filter((p) => p.dstintf.some((i: Json) => i.name === `${link}1`))) {
          const ingress = shared.find((p) => p.policyid === egress.policyid);
          expect({ id: egress.policyid, ingress: ingress?.srcintf }).toEqual({
            id: egress.policyid,
            ingress: [
              { name: expect.stringMatching(new RegExp(`^(\\$\\{fortios_system_interface\\.interface_${link}0\\.name\\}|${link}0)$`)) },
            ],
          });
        }
      }
    }
  });

  test("a DoS policy guards the internet interface", () => {
    for (const site of loaded) {
      const dos = Object.values(stackJson(out, `${site.spec.site}-firewall`).resource.fortios_firewall_DoSpolicy as Record<string, Json>);
      expect(dos).toHaveLength(1);
      expect(dos[0]).toMatchObject({ status: "enable", vdomparam: site.spec.firewall!.sharedVdom });
      expect(JSON.stringify(dos[0].interface)).toContain(site.firewall!.plan.internetInterface);
      const anomalies = dos[0].anomaly.map((a: Json) => a.name);
      expect(anomalies).toEqual(expect.arrayContaining(["tcp_syn_flood", "udp_flood", "icmp_flood"]));
      for (const a of dos[0].anomaly) expect(a).toMatchObject({ status: "enable", log: "enable", action: "block" });
    }
  });

  test("the firewall units are devices in the facility stack, joined by HA group", () => {
    for (const site of loaded) {
      const objects = Object.values(stackJson(out, `${site.spec.site}-facility`).resource.terraform_data).map((r: any) => r.input);
      const units = objects.filter((o) => o.role === "firewall");
      expect(units.map((u) => u.id).sort()).toEqual(site.spec.firewall!.units.map((u) => u.id).sort());
      for (const u of units)
        expect(u).toMatchObject({
          kind: "device",
          haGroup: site.spec.firewall!.haGroup.name,
          model: site.spec.firewall!.model,
          firmware: site.spec.firewall!.firmware,
          vdomLicences: site.spec.firewall!.vdomLicences,
        });
    }
  });

  test("FortiOS provider pinned as fortinetdev/fortios ~> 1.25 in every firewall stack, credentials as variables only", () => {
    for (const site of loaded) {
      for (const { name, json } of firewallStacks(out, site)) {
        expect({ name, p: json.terraform.required_providers.fortios }).toEqual({
          name,
          p: { source: "fortinetdev/fortios", version: "~> 1.25" },
        });
        for (const p of json.provider.fortios) expect(p.token).toMatch(/^\$\{var\.fortios_token_(primary|secondary)\}$/);
        expect(json.provider.vsphere).toBeUndefined();
      }
    }
  });
});

describe("flow ids are policy ids", () => {
  test("inserting a flow in the middle of an example changes no other policy", () => {
    const sites = copySites(EXAMPLES);
    const site = load(sites).sites.find((s) => s.firewall)!;
    const tenant = site.tenants.find((t) => (t.spec.firewall?.flows?.length ?? 0) >= 2)!;
    const [first, second] = [...tenant.spec.firewall!.flows!].sort((a, b) => a.id - b.id);
    expect(second.id - first.id).toBeGreaterThan(1);
    const before = synthOk(sites, 0);
    const file = join(sites, site.spec.site, "tenants", `${tenant.spec.tenant}.yaml`);
    const inserted = `    - { id: ${first.id + 1}, from: ${JSON.stringify(first.from)}, to: ${JSON.stringify(first.to)}, services: [NTP], justification: "inserted by the test between two flows", ticket: TEST-1 }\n`;
    edit(sites, join(site.spec.site, "tenants", `${tenant.spec.tenant}.yaml`), /\n {2}flows:\n/, `\n  flows:\n${inserted}`);
    expect(readFileSync(file, "utf8")).toContain(`id: ${first.id + 1}`);
    const after = synthOk(sites, 0);
    let compared = 0;
    for (const stack of [`${site.spec.site}-firewall`, ...site.tenants.map((t) => `${site.spec.site}-${t.spec.tenant}-fw`)]) {
      const old = stackJson(before, stack).resource?.fortios_firewall_policy ?? {};
      const now = stackJson(after, stack).resource?.fortios_firewall_policy ?? {};
      for (const [address, policy] of Object.entries(old)) {
        expect({ address, policy: now[address] }).toEqual({ address, policy });
        compared++;
      }
      for (const address of Object.keys(now).filter((a) => !(a in old))) expect(now[address].policyid).toBe(first.id + 1);
    }
    expect(compared).toBeGreaterThan(5);
  });
});
