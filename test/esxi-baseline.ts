/**
 * The SCG 8 ESXi settings a hardened host declares (esxiHardening.settings without syslog), shared by
 * the construct, contract and rule tests so the baseline is written once.
 */
export const ESXI_BASELINE_SETTINGS = {
  ssh: { running: false, startPolicy: "off" },
  shell: { running: false, startPolicy: "off" },
  shellInteractiveTimeoutSec: 900,
  shellTimeoutSec: 600,
  dcuiTimeoutSec: 600,
  accountLockFailures: 5,
  accountUnlockTimeSec: 900,
  passwordQualityControl: "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64",
  mobEnabled: false,
  blockGuestBpdu: true,
} as const;

/** A TLS syslog target with every certificate check on. */
export const esxiSyslog = (logHost: string) => ({ logHost, checkSslCerts: true, strictX509Compliance: true, auditRecordRemote: true });
