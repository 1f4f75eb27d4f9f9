import { check, num } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { DK_MINIMUM_REQUIREMENTS, ISO27001, NIS2 } from "../../controls/references";
import { policies, policyLabel, str } from "./fortigate";
import { isAccept } from "./FirewallIsDefaultDenyAllowList";

const SYSLOG_TYPES = [
  "fortios_logsyslogd_setting",
  "fortios_logsyslogd2_setting",
  "fortios_logsyslogd3_setting",
  "fortios_logsyslogd4_setting",
];
const FAZ_TYPES = ["fortios_logfortianalyzer_setting", "fortios_logfortianalyzer2_setting", "fortios_logfortianalyzer3_setting"];

/**
 * FW-LOG: every permitted session is logged and the logs are kept. Per enabled accept policy (config):
 * `logtraffic = all` (FortiOS's default `utm` logs only security events). Per enabled log target
 * (`fortios_logsyslogd*_setting`, `fortios_logfortianalyzer*_setting`): its server is a declared
 * `log-collector` (joined by the collector's id = the server name) reached over TLS (syslog: mode
 * reliable with an enc_algorithm, the collector's port and `tls`), and the collector keeps logs at least
 * `retentionMonths` (declared). No enabled target while accept policies exist is a failure.
 */
export const AcceptedTrafficIsLoggedAndKept = defineRule({
  meta: {
    id: "FW-LOG",
    name: "AcceptedTrafficIsLoggedAndKept",
    version: "1.0.0",
    area: "firewall",
    title: "Every accepted session is logged to a TLS log collector that keeps the logs long enough",
    rationale:
      "Without a log of the permitted sessions an incident cannot be traced or reported (NIS2 Art. 23 timelines); logs kept only on the FortiGate are lost with it or overwritten within days.",
    remediation:
      "Set logtraffic all on every accept policy, send logs over TLS (mode reliable, enc_algorithm high) to a declared log collector, and keep them at least the retention the parameter says.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {
      retentionMonths: { default: 12, description: "Months the log collector must keep firewall logs", unit: "months" },
    },
    controls: [ISO27001("8.15"), NIS2("Art. 21(2)(b)"), DK_MINIMUM_REQUIREMENTS("log retention >= 12 months")],
  },
  check(room, ctx) {
    const out: Check[] = [];
    // A policy whose action is a plan-time value may accept: it is reported, not evaluated.
    const accepts = policies(room).filter((p) => isAccept(p) || p.planTime !== undefined);
    if (accepts.length === 0) return [];
    for (const p of accepts) {
      const label = policyLabel(p);
      if (p.planTime !== undefined) {
        out.push(
          check("config", "not-evaluable", p.obj, {
            observed: p.planTime,
            expected: "logtraffic all",
            message: `${label}: ${p.planTime}`,
          }),
        );
        continue;
      }
      if (p.status === "disable") {
        out.push(
          check("config", "not-applicable", p.obj, {
            observed: "status disable",
            expected: "an enabled accept policy",
            message: `${label} is disabled`,
          }),
        );
        continue;
      }
      out.push(
        check("config", p.logtraffic === "all" ? "pass" : "fail", p.obj, {
          observed: `logtraffic ${p.logtraffic ?? "unset (utm: security events only)"}`,
          expected: "logtraffic all",
          message: `${label}: logtraffic ${p.logtraffic ?? "unset"}`,
        }),
      );
    }
    const targets = [...SYSLOG_TYPES, ...FAZ_TYPES].flatMap((t) => room.resources(t)).filter((t) => str(room, t, "status") === "enable");
    if (targets.length === 0) {
      const anchor = room.resources("fortios_system_global")[0] ?? accepts[0]?.obj;
      out.push(
        check("config", "fail", anchor ? [anchor] : [], {
          findingId: "log-target",
          observed: "no enabled syslog or FortiAnalyzer target",
          expected: "an enabled log target (fortios_logsyslogd_setting or fortios_logfortianalyzer_setting)",
          message: `${accepts.length} accept policies log to the FortiGate only`,
        }),
      );
      return out;
    }
    for (const t of targets) out.push(...checkTarget(room, t, ctx.params.retentionMonths));
    return out;
  },
});

function checkTarget(room: Room, t: TfObject, months: number): Check[] {
  const server = str(room, t, "server");
  const syslog = SYSLOG_TYPES.includes(t.type);
  const mode = str(room, t, "mode");
  const enc = str(room, t, "enc_algorithm");
  const port = Number(str(room, t, "port") ?? 514);
  const transport = syslog
    ? `${server ?? "?"}:${port} mode ${mode ?? "unset (udp)"}, enc_algorithm ${enc ?? "unset (disable)"}`
    : `FortiAnalyzer ${server ?? "?"}, enc_algorithm ${enc ?? "unset"}`;
  if (!room.hasFacility)
    return [
      check("config", "not-evaluable", t, {
        findingId: "collector",
        observed: `${transport}; no log-collector objects in the input`,
        expected: `a TLS log collector keeping logs >= ${num(months)} months`,
        message: `${t.address}: TLS and retention of ${server ?? "the server"} are not in the input`,
      }),
    ];
  const collector = room.facility("log-collector").find((c) => c.id === server);
  if (!collector)
    return [
      check("declared", "fail", t, {
        findingId: "collector",
        observed: `${transport}; server ${server ?? "unset"} is no declared log-collector (${
          room
            .facility("log-collector")
            .map((c) => c.id)
            .join(", ") || "none"
        })`,
        expected: "the server of a declared log-collector",
        message: `${t.address} sends logs to ${server ?? "no server"}, which the site does not declare as a log collector`,
      }),
    ];
  const encrypted = enc !== undefined && enc !== "disable" && (!syslog || mode === "reliable");
  const tls = encrypted && collector.tls && (!syslog || port === collector.port);
  const retention = collector.retentionMonths;
  return [
    check("declared", tls ? "pass" : "fail", [t, collector], {
      findingId: "tls",
      observed: `${transport}; collector ${collector.id} ${collector.protocol}:${collector.port}, tls ${String(collector.tls)}`,
      expected: `TLS to the collector: ${syslog ? "mode reliable, an enc_algorithm, the collector's port, " : "an enc_algorithm, "}collector tls true`,
      message: `${t.address}: logs to ${collector.id} ${tls ? "over TLS" : "not over TLS"}`,
    }),
    check("declared", retention !== null && retention >= months ? "pass" : "fail", [t, collector], {
      findingId: "retention",
      observed: `collector ${collector.id} keeps logs ${retention === null ? "for an undeclared time" : `${num(retention)} months`}`,
      expected: `>= ${num(months)} months`,
      message: `${t.address}: retention at ${collector.id} ${retention === null ? "undeclared" : `${retention} months`}`,
    }),
  ];
}
