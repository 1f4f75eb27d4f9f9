import { check } from "../../engine/checks";
import { defineRule } from "../../engine/rule";
import { ISO27001, NSM_GRUNNPRINSIPPER, VSPHERE_SCG } from "../../controls/references";
import { configurationProfilesOf } from "./configuration-profiles";

/**
 * VSP-SYSLOG: every host sends its logs and audit records to a remote collector over TLS with strict
 * X.509 checking (`Syslog.global.logHost`, `Syslog.global.certificate.strictX509Compliance`,
 * `Syslog.global.auditRecord.remoteEnable`). `vsphere_host` has no syslog or advanced settings: they
 * are expressible only in a `vsphere_configuration_profile` or checkable by audit. This rule never
 * passes on our output: every host is not-evaluable with that reason, naming the site's declared
 * `log-collector` objects (the target the hosts should use) and the host's cluster's configuration
 * profile where there is one (its JSON is not read: its schema is not verified here). Listed in the
 * report as not covered by the configuration.
 */
export const HostLogsRemotelyOverTls = defineRule({
  meta: {
    id: "VSP-SYSLOG",
    name: "HostLogsRemotelyOverTls",
    area: "vsphere",
    title: "Every ESXi host logs and sends audit records to a remote collector over TLS",
    rationale:
      "An attacker with root on a host deletes its local logs first; remote TLS logging keeps the trail intact and readable only by the collector.",
    remediation:
      "Set Syslog.global.logHost to the site's TLS collector (ssl://host:6514), Syslog.global.certificate.strictX509Compliance = TRUE and Syslog.global.auditRecord.remoteEnable = TRUE (a vSphere configuration profile, or host profiles); evidence it with the SCG audit scripts.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [
      VSPHERE_SCG("esxi-8.logs-remote"),
      VSPHERE_SCG("esxi-8.logs-remote-tls-x509"),
      VSPHERE_SCG("esxi-8.logs-audit-remote"),
      ISO27001("8.15"),
      NSM_GRUNNPRINSIPPER("3.2.1"),
    ],
  },
  check(room) {
    const profiles = configurationProfilesOf(room);
    const collectors = room
      .facility("log-collector")
      .map((c) => `${c.id}:${c.port} ${c.tls ? "TLS" : c.protocol}`)
      .join(", ");
    const declared = collectors ? `the site declares log collector ${collectors}` : "the site declares no log-collector";
    return room.resources("vsphere_host").map((host) => {
      const name = typeof host.values.hostname === "string" ? host.values.hostname : host.address;
      const profile = profiles.forHost(host);
      return check("config", "not-evaluable", profile ? [host, profile] : host, {
        observed: profile
          ? `${declared}; vsphere_host has no syslog settings; ${profile.address} exists, but this rule does not read its configuration JSON`
          : `${declared}; the configuration does not carry the host's syslog target, TLS or audit-record settings (vsphere_host has none; no vsphere_configuration_profile)`,
        expected: "Syslog.global.logHost on a TLS collector, strictX509Compliance TRUE, auditRecord.remoteEnable TRUE",
        message: `${name}: remote syslog is not in the configuration; audit with the SCG scripts`,
      });
    });
  },
});
