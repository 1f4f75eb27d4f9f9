import { check, num } from "../../engine/checks";
import { defineRule } from "../../engine/rule";
import { ISO27001, VSPHERE_SCG } from "../../controls/references";
import { blocks, boolValue, isExpression, show, stringValue } from "./values";

/**
 * VSP-NTP: every `vsphere_host` runs ntpd (`services.ntpd`: enabled, policy `on` so it starts with the
 * host) with at least `minServers` distinct NTP servers. ntpd is the only service the provider's
 * `services` block knows; an absent block leaves the host's time as it is, which is a fail.
 */
export const HostSyncsTimeFromTrustedServers = defineRule({
  meta: {
    id: "VSP-NTP",
    name: "HostSyncsTimeFromTrustedServers",
    version: "1.0.0",
    area: "vsphere",
    title: "Every ESXi host synchronises its clock from at least two NTP servers, started with the host",
    rationale:
      "Log correlation, certificate validation, Kerberos and incident timelines need every host on the same trusted time; one server is a single point of failure and cannot be outvoted when wrong.",
    remediation: 'Set services { ntpd { enabled = true, policy = "on", ntp_servers = [two or more site servers] } } on the vsphere_host.',
    severity: "medium",
    enforcement: "mandatory",
    evidence: "config",
    params: {
      minServers: { default: 2, description: "NTP servers each host uses at least", unit: "servers" },
    },
    controls: [VSPHERE_SCG("esxi-8.timekeeping-services"), VSPHERE_SCG("esxi-8.timekeeping-sources"), ISO27001("8.17")],
  },
  check(room, { params }) {
    const expected = `ntpd enabled, policy on, >= ${num(params.minServers)} distinct NTP servers`;
    return room.resources("vsphere_host").map((host) => {
      const name = typeof host.values.hostname === "string" ? host.values.hostname : host.address;
      const notEvaluable = (what: string) =>
        check("config", "not-evaluable", host, {
          observed: `${what} (known only at plan time)`,
          expected,
          message: `${name}: ${what}; the configuration does not show the host's time service`,
        });
      const services = blocks(host.values.services);
      if (services.expr !== undefined) return notEvaluable(`services = ${show(services.expr)}`);
      const ntpdBlocks = services.list.flatMap((s) => {
        const b = blocks(s.ntpd);
        return b.list ?? [];
      });
      const ntpdExpr = services.list.map((s) => s.ntpd).find(isExpression);
      if (ntpdExpr !== undefined) return notEvaluable(`services.ntpd = ${show(ntpdExpr)}`);
      const ntpd = ntpdBlocks[0];
      if (ntpd === undefined)
        return check("config", "fail", host, {
          observed: "no services.ntpd block (the host's time service is left as it is)",
          expected,
          message: `${name}: the configuration does not set the host's NTP service`,
        });
      const enabled = boolValue(ntpd.enabled);
      const policy = stringValue(ntpd.policy);
      const rawServers = ntpd.ntp_servers;
      if (enabled.kind === "expression") return notEvaluable(`ntpd.enabled = ${show(enabled.expr)}`);
      if (policy.kind === "expression") return notEvaluable(`ntpd.policy = ${show(policy.expr)}`);
      if (isExpression(rawServers)) return notEvaluable(`ntpd.ntp_servers = ${show(rawServers)}`);
      const servers = Array.isArray(rawServers) ? (rawServers as unknown[]) : [];
      const serverExpr = servers.find(isExpression);
      if (serverExpr !== undefined) return notEvaluable(`an NTP server is ${show(serverExpr)}`);
      const distinct = [
        ...new Set(servers.filter((s): s is string => typeof s === "string" && s.trim() !== "").map((s) => s.toLowerCase())),
      ];
      const isEnabled = enabled.kind === "value" && enabled.value;
      const policyText =
        policy.kind === "value" ? policy.value : policy.kind === "absent" ? "not set (provider default off)" : show(policy.raw);
      const observed = `ntpd ${isEnabled ? "enabled" : enabled.kind === "absent" ? "enabled not set (provider default false)" : "disabled"}, policy ${policyText}, ${distinct.length} distinct NTP server${distinct.length === 1 ? "" : "s"}${distinct.length > 0 ? ` (${distinct.join(", ")})` : ""}`;
      const ok = isEnabled && policy.kind === "value" && policy.value === "on" && distinct.length >= params.minServers;
      return check("config", ok ? "pass" : "fail", host, { observed, expected, message: `${name}: ${observed}` });
    });
  },
});
