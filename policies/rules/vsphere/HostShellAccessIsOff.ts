import { defineRule } from "../../engine/rule";
import { ISO27001, VSPHERE_SCG } from "../../controls/references";
import { checkDeclaredHardening, shown, within, type HostHardening } from "./host-hardening";

const service = (label: string, s: HostHardening["ssh"]) => ({
  label,
  value: s && `${s.running ? "running" : "stopped"}, policy ${s.startPolicy}`,
  ok: s !== undefined && !s.running && s.startPolicy === "off",
});

/**
 * VSP-SSH-OFF: SSH (TSM-SSH) and the ESXi Shell (TSM) are stopped with startup policy off (start and
 * stop manually), and the shell times out: UserVars.ESXiShellInteractiveTimeOut 1-900 s and
 * UserVars.ESXiShellTimeOut 1-600 s (SCG 8 baselines 900 and 600; 0 means no timeout). `vsphere_host`
 * knows only the ntpd service and no advanced settings, so the rule reads the host's declared
 * `host-hardening` object (host-hardening.ts says how each case comes out).
 */
export const HostShellAccessIsOff = defineRule({
  meta: {
    id: "VSP-SSH-OFF",
    name: "HostShellAccessIsOff",
    version: "1.0.0",
    area: "vsphere",
    title: "SSH and the ESXi Shell are stopped, start manually, and time out",
    rationale: "A standing shell on a host bypasses lockdown mode and vCenter's audit trail; timeouts close a session someone forgot.",
    remediation:
      "Stop SSH and the ESXi Shell with startup policy manual (off); set UserVars.ESXiShellInteractiveTimeOut = 900 and UserVars.ESXiShellTimeOut = 600 (host profile or the SCG remediation script), audit with the SCG audit script and declare the result in site.yaml esxiHardening.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [
      VSPHERE_SCG("esxi-8.deactivate-ssh"),
      VSPHERE_SCG("esxi-8.deactivate-shell"),
      VSPHERE_SCG("esxi-8.shell-interactive-timeout"),
      VSPHERE_SCG("esxi-8.shell-timeout"),
      ISO27001("8.20"),
    ],
  },
  check(room) {
    return checkDeclaredHardening(room, {
      what: "SSH and ESXi Shell state and shell timeouts",
      expected:
        "TSM-SSH and TSM stopped, policy off; UserVars.ESXiShellInteractiveTimeOut 1-900 s; UserVars.ESXiShellTimeOut 1-600 s (SCG 8: 900, 600)",
      items: (r) => [
        service("TSM-SSH", r.ssh),
        service("TSM", r.shell),
        {
          label: "ESXiShellInteractiveTimeOut",
          value: shown(r.shellInteractiveTimeoutSec),
          ok: within(r.shellInteractiveTimeoutSec, 1, 900),
        },
        { label: "ESXiShellTimeOut", value: shown(r.shellTimeoutSec), ok: within(r.shellTimeoutSec, 1, 600) },
      ],
    });
  },
});
