import { defineRule } from "../../engine/rule";
import { ISO27001, SCG_ESXI_CSV_EDITION, SCG_ESXI_CSV_SOURCE, VSPHERE_SCG_UNVERIFIED } from "../../controls/references";
import { checkDeclaredHardening, shown, within } from "./host-hardening";

/**
 * VSP-LOCKOUT: a local ESXi account locks after at most `maxFailures` failed logins
 * (Security.AccountLockFailures, SCG 8 esxi-8.account-lockout baseline 5; 0 never locks) and stays
 * locked at least `minUnlockSec` (Security.AccountUnlockTime, esxi-8.account-auto-unlock-time baseline
 * 900 s). The SCG warns that a very low threshold lets anyone lock an account out (SSH retries): the
 * baseline 5 is the default maximum; a site that wants 3 (the DISA STIG) may go lower. Declared facts:
 * `vsphere_host` has no advanced settings (host-hardening.ts says how each case comes out).
 */
export const HostLocksOutPasswordGuessing = defineRule({
  meta: {
    id: "VSP-LOCKOUT",
    name: "HostLocksOutPasswordGuessing",
    version: "1.0.0",
    area: "vsphere",
    title: "ESXi hosts lock an account after a few failed logins, for at least 15 minutes",
    rationale:
      "Root on a host is the key to every VM on it; without lockout a password can be guessed at machine speed through the Host Client, the API or SSH.",
    remediation:
      "Set Security.AccountLockFailures = 5 and Security.AccountUnlockTime = 900 (host profile or the SCG remediation script), audit with the SCG audit script and declare the result in site.yaml esxiHardening.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      maxFailures: { default: 5, description: "Most failed logins before the account locks (SCG 8 baseline 5)." },
      minUnlockSec: { default: 900, description: "Shortest time a locked account stays locked (SCG 8 baseline 900).", unit: "s" },
    },
    controls: [
      VSPHERE_SCG_UNVERIFIED("esxi-8.account-lockout", SCG_ESXI_CSV_SOURCE, SCG_ESXI_CSV_EDITION),
      VSPHERE_SCG_UNVERIFIED("esxi-8.account-auto-unlock-time", SCG_ESXI_CSV_SOURCE, SCG_ESXI_CSV_EDITION),
      ISO27001("8.5"),
    ],
  },
  check(room, { params }) {
    return checkDeclaredHardening(room, {
      what: "account lockout",
      expected: `Security.AccountLockFailures 1-${params.maxFailures}; Security.AccountUnlockTime >= ${params.minUnlockSec} s`,
      items: (r) => [
        {
          label: "Security.AccountLockFailures",
          value: shown(r.accountLockFailures),
          ok: within(r.accountLockFailures, 1, params.maxFailures),
        },
        {
          label: "Security.AccountUnlockTime",
          value: shown(r.accountUnlockTimeSec),
          ok: r.accountUnlockTimeSec !== undefined && r.accountUnlockTimeSec >= params.minUnlockSec,
        },
      ],
    });
  },
});
