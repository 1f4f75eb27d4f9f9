import { check } from "../../engine/checks";
import { defineRule } from "../../engine/rule";
import { ISO27001, VSPHERE_SCG } from "../../controls/references";
import { configurationProfilesOf } from "./configuration-profiles";

/**
 * VSP-SSH-OFF: SSH and the ESXi Shell are stopped and start manually; shell timeouts 900 s
 * interactive / 600 s availability. The vSphere provider's `vsphere_host` knows only the ntpd
 * service and no advanced settings: these settings are expressible only in a
 * `vsphere_configuration_profile` (vSphere 8 image-managed clusters) or checkable by audit. This rule
 * never passes on our output: every host is not-evaluable with that reason (the host's cluster's
 * configuration profile is named where there is one, but its JSON is not read: its schema is not
 * verified here). The gap is listed in the report as not covered by the configuration.
 */
export const HostShellAccessIsOff = defineRule({
  meta: {
    id: "VSP-SSH-OFF",
    name: "HostShellAccessIsOff",
    area: "vsphere",
    title: "SSH and the ESXi Shell are stopped, start manually, and time out",
    rationale: "A standing shell on a host bypasses lockdown mode and vCenter's audit trail; timeouts close a session someone forgot.",
    remediation:
      "Stop SSH and the ESXi Shell with startup policy manual; set UserVars.ESXiShellInteractiveTimeOut = 900 and UserVars.ESXiShellTimeOut = 600 (a vSphere configuration profile, or host profiles); evidence it with the SCG audit scripts.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "config",
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
    const profiles = configurationProfilesOf(room);
    return room.resources("vsphere_host").map((host) => {
      const name = typeof host.values.hostname === "string" ? host.values.hostname : host.address;
      const profile = profiles.forHost(host);
      return check("config", "not-evaluable", profile ? [host, profile] : host, {
        observed: profile
          ? `vsphere_host carries no service or advanced settings beyond ntpd; ${profile.address} exists, but this rule does not read its configuration JSON`
          : "the configuration does not carry ESXi SSH/shell service state or shell timeouts (vsphere_host knows only ntpd; no vsphere_configuration_profile)",
        expected: "SSH and ESXi Shell stopped, policy manual; ESXiShellInteractiveTimeOut 900 s, ESXiShellTimeOut 600 s",
        message: `${name}: SSH/shell state is not in the configuration; audit with the SCG scripts`,
      });
    });
  },
});
