import { defineRule } from "../../engine/rule";
import { ISO27001, SCG_ESXI_CSV_EDITION, SCG_ESXI_CSV_SOURCE, VSPHERE_SCG_UNVERIFIED } from "../../controls/references";
import { checkDeclaredHardening, shown, within } from "./host-hardening";

/**
 * VSP-MGMT-SURFACE: the host offers no more management surface than it needs: the Managed Object
 * Browser is off (Config.HostAgent.plugins.solo.enableMob false, SCG 8 esxi-8.deactivate-mob) and an
 * idle DCUI session logs out within `maxDcuiTimeoutSec` (UserVars.DcuiTimeOut, esxi-8.dcui-timeout
 * baseline 600 s; 0 never logs out). Declared facts: `vsphere_host` has no advanced settings
 * (host-hardening.ts says how each case comes out).
 */
export const HostManagementSurfaceIsMinimal = defineRule({
  meta: {
    id: "VSP-MGMT-SURFACE",
    name: "HostManagementSurfaceIsMinimal",
    version: "1.0.0",
    area: "vsphere",
    title: "ESXi hosts have the Managed Object Browser off and log idle DCUI sessions out",
    rationale:
      "The MOB is a web interface to change every host object, outside vCenter's roles; a console left logged in hands the host to whoever walks past.",
    remediation:
      "Set Config.HostAgent.plugins.solo.enableMob = false and UserVars.DcuiTimeOut = 600 (host profile or the SCG remediation script), audit with the SCG audit script and declare the result in site.yaml esxiHardening.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      maxDcuiTimeoutSec: { default: 600, description: "Longest an idle DCUI session may stay logged in (SCG 8 baseline 600).", unit: "s" },
    },
    controls: [
      VSPHERE_SCG_UNVERIFIED("esxi-8.deactivate-mob", SCG_ESXI_CSV_SOURCE, SCG_ESXI_CSV_EDITION),
      VSPHERE_SCG_UNVERIFIED("esxi-8.dcui-timeout", SCG_ESXI_CSV_SOURCE, SCG_ESXI_CSV_EDITION),
      ISO27001("8.9"),
    ],
  },
  check(room, { params }) {
    return checkDeclaredHardening(room, {
      what: "MOB and DCUI timeout",
      expected: `Config.HostAgent.plugins.solo.enableMob false; UserVars.DcuiTimeOut 1-${params.maxDcuiTimeoutSec} s`,
      items: (r) => [
        { label: "enableMob", value: shown(r.mobEnabled), ok: r.mobEnabled === false },
        { label: "UserVars.DcuiTimeOut", value: shown(r.dcuiTimeoutSec), ok: within(r.dcuiTimeoutSec, 1, params.maxDcuiTimeoutSec) },
      ],
    });
  },
});
