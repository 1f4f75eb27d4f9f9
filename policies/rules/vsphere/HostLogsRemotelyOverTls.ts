import { defineRule } from "../../engine/rule";
import {
  ISO27001,
  NSM_GRUNNPRINSIPPER,
  SCG_ESXI_CSV_EDITION,
  SCG_ESXI_CSV_SOURCE,
  VSPHERE_SCG,
  VSPHERE_SCG_UNVERIFIED,
} from "../../controls/references";
import { parseLogHost } from "../../../contracts/esxi-log-host";
import type { Room } from "../../engine/room";
import { checkDeclaredHardening, shown, type HardeningItem, type HostHardening } from "./host-hardening";

/** Syslog.global.logHost: over TLS (ssl://) to a declared TLS log collector, on the collector's port. */
function logHostItem(room: Room, logHost: string | undefined): HardeningItem {
  const item = (ok: boolean, why = ""): HardeningItem => ({ label: "Syslog.global.logHost", value: logHost && `${logHost}${why}`, ok });
  if (logHost === undefined) return item(false);
  const target = parseLogHost(logHost);
  if (!target) return item(false, " (not protocol://host:port)");
  if (target.protocol !== "ssl") return item(false, ` (${target.protocol}, not TLS)`);
  const collector = room.facilityById("log-collector", target.host);
  if (!collector) return item(false, " (no such log-collector)");
  if (!collector.tls) return item(false, ` (collector ${collector.id} does not take TLS)`);
  if (target.port !== collector.port) return item(false, ` (collector ${collector.id} listens on ${collector.port})`);
  return item(true);
}

const flag = (label: string, v: boolean | undefined): HardeningItem => ({ label, value: shown(v), ok: v === true });

/**
 * VSP-SYSLOG: every host sends its logs and audit records to a remote collector over TLS, verifying
 * the collector's certificate with strict X.509 checks: Syslog.global.logHost = ssl://<collector>:<port>
 * of a declared `log-collector` with TLS, Syslog.global.certificate.checkSSLCerts and
 * .strictX509Compliance TRUE, Syslog.global.auditRecord.remoteEnable TRUE. `vsphere_host` has no
 * syslog or advanced settings, so the rule reads the host's declared `host-hardening` object
 * (host-hardening.ts says how each case comes out).
 */
export const HostLogsRemotelyOverTls = defineRule({
  meta: {
    id: "VSP-SYSLOG",
    name: "HostLogsRemotelyOverTls",
    version: "1.0.0",
    area: "vsphere",
    title: "Every ESXi host logs and sends audit records to a remote collector over TLS",
    rationale:
      "An attacker with root on a host deletes its local logs first; remote TLS logging keeps the trail intact and readable only by the collector.",
    remediation:
      "Set Syslog.global.logHost to the site's TLS collector (ssl://host:6514), Syslog.global.certificate.checkSSLCerts and .strictX509Compliance = TRUE and Syslog.global.auditRecord.remoteEnable = TRUE (host profile or the SCG remediation script); audit with the SCG audit script and declare the result in site.yaml esxiHardening.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [
      VSPHERE_SCG("esxi-8.logs-remote"),
      VSPHERE_SCG("esxi-8.logs-remote-tls-x509"),
      VSPHERE_SCG("esxi-8.logs-audit-remote"),
      VSPHERE_SCG_UNVERIFIED("esxi-8.logs-remote-tls", SCG_ESXI_CSV_SOURCE, SCG_ESXI_CSV_EDITION),
      ISO27001("8.15"),
      NSM_GRUNNPRINSIPPER("3.2.1"),
    ],
  },
  check(room) {
    const collectors = room
      .facility("log-collector")
      .filter((c) => c.tls)
      .map((c) => `ssl://${c.id}:${c.port}`);
    return checkDeclaredHardening(room, {
      what: "remote syslog over TLS",
      expected: `Syslog.global.logHost on a TLS log-collector (${collectors.length ? collectors.join(" or ") : "the site declares none"}); checkSSLCerts, strictX509Compliance and auditRecord.remoteEnable TRUE`,
      items: (r: HostHardening) => [
        logHostItem(room, r.syslog?.logHost),
        flag("checkSSLCerts", r.syslog?.checkSslCerts),
        flag("strictX509Compliance", r.syslog?.strictX509Compliance),
        flag("auditRecord.remoteEnable", r.syslog?.auditRecordRemote),
      ],
    });
  },
});
