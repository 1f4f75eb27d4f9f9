import type { FacilityOf } from "../../../contracts/facility-objects";
import type { Rule } from "../../../policies/engine/rule";
import { vsphereRules } from "../../../policies/rules/vsphere";
import { HostDropsGuestBpdus } from "../../../policies/rules/vsphere/HostDropsGuestBpdus";
import { HostLocksOutPasswordGuessing } from "../../../policies/rules/vsphere/HostLocksOutPasswordGuessing";
import { HostLogsRemotelyOverTls } from "../../../policies/rules/vsphere/HostLogsRemotelyOverTls";
import { HostManagementSurfaceIsMinimal } from "../../../policies/rules/vsphere/HostManagementSurfaceIsMinimal";
import { HostRequiresStrongPasswords, passwordQualityProblem } from "../../../policies/rules/vsphere/HostRequiresStrongPasswords";
import { HostShellAccessIsOff } from "../../../policies/rules/vsphere/HostShellAccessIsOff";
import { findingsOf, RoomBuilder } from "../room-builder";
import { ESXI_BASELINE_SETTINGS, esxiSyslog } from "../../esxi-baseline";

type Hardening = Omit<FacilityOf<"host-hardening">, "kind" | "site">;

const SOURCE = { document: "host profile esxi8-scg; audit 2026-Q4", verified: "2026-10-05" };

/** The SCG 8 baseline, declared for esx01.example.org. */
const BASELINE: Hardening = {
  id: "esx01",
  vsphereHostname: "esx01.example.org",
  cluster: "prod",
  method: "host-profile",
  source: SOURCE,
  ...ESXI_BASELINE_SETTINGS,
  syslog: esxiSyslog("ssl://logs.example.org:6514"),
};

/** One host in `s-vsphere`, a TLS log collector, and (unless `null`) the host's declared hardening with `change` applied. */
function room(change: (h: Hardening) => void = () => undefined, declared: boolean = true): RoomBuilder {
  const b = new RoomBuilder()
    .resource("vsphere", "vsphere_host", "esx01", { hostname: "esx01.example.org", lockdown: "normal" })
    .facility("log-collector", { id: "logs.example.org", port: 6514, protocol: "tls", tls: true, retentionMonths: 12 });
  if (!declared) return b;
  const h = structuredClone(BASELINE);
  change(h);
  return b.facility("host-hardening", h);
}

const one = (rule: Rule, b: RoomBuilder) => {
  const f = findingsOf(rule, b);
  expect(f).toHaveLength(1);
  return f[0];
};

const RULES: [Rule, string][] = [
  [HostShellAccessIsOff, "VSP-SSH-OFF"],
  [HostLogsRemotelyOverTls, "VSP-SYSLOG"],
  [HostLocksOutPasswordGuessing, "VSP-LOCKOUT"],
  [HostRequiresStrongPasswords, "VSP-PASSWORD"],
  [HostManagementSurfaceIsMinimal, "VSP-MGMT-SURFACE"],
  [HostDropsGuestBpdus, "VSP-BPDU"],
];

describe("the ESXi host rules over declared hardening", () => {
  test("are registered, mandatory, declared, and carry the SCG ids (the ones beyond CONTROLS.md §8 unverified)", () => {
    for (const [rule, id] of RULES) {
      expect(rule.meta.id).toBe(id);
      expect(vsphereRules).toContain(rule);
      expect([rule.meta.enforcement, rule.meta.evidence]).toEqual(["mandatory", "declared"]);
    }
    const scg = (r: Rule) => r.meta.controls.filter((c) => c.ref.startsWith("esxi-8.")).map((c) => `${c.ref} ${c.verified}`);
    expect(scg(HostLocksOutPasswordGuessing)).toEqual(["esxi-8.account-lockout false", "esxi-8.account-auto-unlock-time false"]);
    expect(scg(HostManagementSurfaceIsMinimal)).toEqual(["esxi-8.deactivate-mob false", "esxi-8.dcui-timeout false"]);
    expect(scg(HostDropsGuestBpdus)).toEqual(["esxi-8.network-bpdu false"]);
    expect(scg(HostRequiresStrongPasswords)).toEqual(["esxi-8.account-password-policies false"]);
    expect(scg(HostShellAccessIsOff).every((c) => c.endsWith("true"))).toBe(true);
    expect(HostLocksOutPasswordGuessing.meta.controls[0].edition).toBe("803-20260107-01");
  });

  test.each(RULES)("%s passes the baseline as declared, naming its source, never as configured", (rule) => {
    const f = one(rule, room());
    expect(f).toMatchObject({ outcome: "pass", evidence: "declared", address: "vsphere_host.esx01" });
    expect(f.addresses).toEqual(["vsphere_host.esx01", "terraform_data.host-hardening_esx01"]);
    expect(f.stacks).toEqual(["s-facility", "s-vsphere"]);
    expect(f.observed).toContain("declared by host-profile (host profile esxi8-scg; audit 2026-Q4, verified 2026-10-05)");
    expect(f.message).toContain("declared, not set by this configuration (vsphere_host cannot carry it)");
    expect(f.message).toContain("applied by host-profile, host profile esxi8-scg; audit 2026-Q4, verified 2026-10-05");
  });

  test.each(RULES)("%s fails a host without a declaration (mandatory), saying the configuration cannot carry it", (rule) => {
    const f = one(rule, room(undefined, false));
    expect(f).toMatchObject({ outcome: "fail", evidence: "declared", enforcement: "mandatory", addresses: ["vsphere_host.esx01"] });
    expect(f.observed).toMatch(/^no host-hardening object declares esx01\.example\.org's .+; vsphere_host cannot carry them$/);
  });

  test.each(RULES)("%s is not-evaluable over foreign input without facility objects, and has nothing to check without hosts", (rule) => {
    const foreign = new RoomBuilder().resource("vsphere", "vsphere_host", "esx01", { hostname: "esx01.example.org" });
    const f = one(rule, foreign);
    expect(f).toMatchObject({ outcome: "not-evaluable", evidence: "declared", addresses: [] });
    expect(f.observed).toContain("the input has no facility objects");
    const noHosts = new RoomBuilder()
      .resource("vsphere", "vsphere_datacenter", "dc", { name: "dc" })
      .facility("room", { id: "r", roomType: "primary" });
    expect(findingsOf(rule, noHosts)).toEqual([]);
  });

  test.each(RULES)("%s fails a declaration without a source document", (rule) => {
    const f = one(
      rule,
      room((h) => delete h.source),
    );
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("declared by host-profile without a source document");
  });

  test.each(RULES)("%s: two declarations for one host are an error", (rule) => {
    const b = room().facility("host-hardening", { ...BASELINE, id: "esx01-copy" });
    const f = one(rule, b);
    expect(f.outcome).toBe("error");
    expect(f.observed).toBe("2 host-hardening objects name esx01.example.org: esx01, esx01-copy");
  });

  test("a configuration profile on the host's cluster is named, but its JSON not read: the declaration decides", () => {
    const b = room()
      .edit("vsphere", "vsphere_host", "esx01", (v) => (v.cluster = "${vsphere_compute_cluster.prod.id}"))
      .resource("vsphere", "vsphere_compute_cluster", "prod", { name: "prod" })
      .resource("vsphere", "vsphere_configuration_profile", "prod", {
        cluster_id: "${vsphere_compute_cluster.prod.id}",
        configuration: "{}",
      });
    for (const [rule] of RULES) {
      const f = one(rule, b);
      expect(f.outcome).toBe("pass");
      expect(f.addresses).toEqual(["vsphere_host.esx01", "terraform_data.host-hardening_esx01", "vsphere_configuration_profile.prod"]);
      expect(f.observed).toContain("vsphere_configuration_profile.prod exists, but this rule does not read its configuration JSON");
    }
  });
});

describe("VSP-SSH-OFF HostShellAccessIsOff", () => {
  test("observes each service and timeout", () => {
    expect(one(HostShellAccessIsOff, room()).observed).toMatch(
      /^TSM-SSH stopped, policy off, TSM stopped, policy off, ESXiShellInteractiveTimeOut 900, ESXiShellTimeOut 600; /,
    );
  });
  test.each<[string, (h: Hardening) => void, string]>([
    ["SSH running", (h) => (h.ssh = { running: true, startPolicy: "off" }), "TSM-SSH running, policy off"],
    ["the shell starting with the host", (h) => (h.shell = { running: false, startPolicy: "on" }), "TSM stopped, policy on"],
    ["no interactive timeout", (h) => (h.shellInteractiveTimeoutSec = 0), "ESXiShellInteractiveTimeOut 0"],
    ["a long availability timeout", (h) => (h.shellTimeoutSec = 3600), "ESXiShellTimeOut 3600"],
    ["an undeclared SSH service", (h) => delete h.ssh, "TSM-SSH not declared"],
  ])("fails %s", (_, change, observed) => {
    const f = one(HostShellAccessIsOff, room(change));
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain(observed);
    expect(f.message).toBe(`esx01.example.org: ${observed} (declared) does not meet the baseline`);
  });
});

describe("VSP-SYSLOG HostLogsRemotelyOverTls", () => {
  test("passes ssl:// to the declared TLS collector on its port", () => {
    const f = one(HostLogsRemotelyOverTls, room());
    expect(f.observed).toMatch(
      /^Syslog.global.logHost ssl:\/\/logs.example.org:6514, checkSSLCerts true, strictX509Compliance true, auditRecord.remoteEnable true; /,
    );
    expect(f.expected).toContain("ssl://logs.example.org:6514");
  });
  test.each<[string, (h: Hardening) => void, string]>([
    ["udp", (h) => (h.syslog = { ...h.syslog, logHost: "udp://logs.example.org:514" }), "udp://logs.example.org:514 (udp, not TLS)"],
    ["an unknown collector", (h) => (h.syslog = { ...h.syslog, logHost: "ssl://other.example.org:6514" }), "(no such log-collector)"],
    [
      "another port",
      (h) => (h.syslog = { ...h.syslog, logHost: "ssl://logs.example.org:1514" }),
      "(collector logs.example.org listens on 6514)",
    ],
    ["no port", (h) => (h.syslog = { ...h.syslog, logHost: "ssl://logs.example.org" }), "(collector logs.example.org listens on 6514)"],
    ["certificates unchecked", (h) => (h.syslog = { ...h.syslog, checkSslCerts: false }), "checkSSLCerts false"],
    ["no strict X.509", (h) => (h.syslog = { ...h.syslog, strictX509Compliance: false }), "strictX509Compliance false"],
    ["audit records kept local", (h) => (h.syslog = { ...h.syslog, auditRecordRemote: false }), "auditRecord.remoteEnable false"],
    ["no syslog declared", (h) => delete h.syslog, "Syslog.global.logHost not declared"],
  ])("fails %s", (_, change, observed) => {
    const f = one(HostLogsRemotelyOverTls, room(change));
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain(observed);
  });
  test("fails a collector that does not take TLS", () => {
    const b = room().editFacility("log-collector", "logs.example.org", (i: { tls: boolean }) => (i.tls = false));
    const f = one(HostLogsRemotelyOverTls, b);
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("(collector logs.example.org does not take TLS)");
    expect(f.expected).toContain("(the site declares none)");
  });
});

describe("VSP-LOCKOUT HostLocksOutPasswordGuessing", () => {
  test("observes failures and unlock time; a lower threshold passes", () => {
    expect(one(HostLocksOutPasswordGuessing, room()).observed).toMatch(/^Security.AccountLockFailures 5, Security.AccountUnlockTime 900; /);
    expect(
      one(
        HostLocksOutPasswordGuessing,
        room((h) => (h.accountLockFailures = 3)),
      ).outcome,
    ).toBe("pass");
  });
  test.each<[string, (h: Hardening) => void, string]>([
    ["lockout off", (h) => (h.accountLockFailures = 0), "Security.AccountLockFailures 0"],
    ["ten tries", (h) => (h.accountLockFailures = 10), "Security.AccountLockFailures 10"],
    ["a one-minute lock", (h) => (h.accountUnlockTimeSec = 60), "Security.AccountUnlockTime 60"],
    ["an undeclared threshold", (h) => delete h.accountLockFailures, "Security.AccountLockFailures not declared"],
  ])("fails %s", (_, change, observed) => {
    const f = one(HostLocksOutPasswordGuessing, room(change));
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain(observed);
    expect(f.expected).toBe("Security.AccountLockFailures 1-5; Security.AccountUnlockTime >= 900 s");
  });
  test("the site's parameters set the thresholds", () => {
    const f = findingsOf(HostLocksOutPasswordGuessing, room(), { "VSP-LOCKOUT": { maxFailures: 3 } })[0];
    expect(f.outcome).toBe("fail");
    expect(f.expected).toBe("Security.AccountLockFailures 1-3; Security.AccountUnlockTime >= 900 s");
  });
});

describe("VSP-PASSWORD HostRequiresStrongPasswords", () => {
  test("reads pam_passwdqc's min= and similar=", () => {
    expect(passwordQualityProblem("similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64", 15)).toBeUndefined();
    expect(passwordQualityProblem("retry=3 min=disabled,disabled,20,15,15", 15)).toBeUndefined();
    expect(passwordQualityProblem("retry=3 min=disabled,disabled,disabled,7,7", 15)).toBe("min= allows 7, 7-character passwords");
    expect(passwordQualityProblem("retry=3", 15)).toBe("no min= (the ESXi default min=disabled,disabled,disabled,7,7 applies)");
    expect(passwordQualityProblem("min=disabled,15", 15)).toBe("min= has 2 values, expected 5");
    expect(passwordQualityProblem("min=disabled,disabled,disabled,disabled,disabled", 15)).toBe("min= disables every kind of password");
    expect(passwordQualityProblem("similar=permit min=disabled,disabled,disabled,disabled,15", 15)).toBe(
      "similar=permit lets a new password resemble the old one",
    );
  });
  test("passes the SCG value and fails the ESXi default, observing the value and why", () => {
    expect(one(HostRequiresStrongPasswords, room()).observed).toMatch(
      /^Security.PasswordQualityControl "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64"; /,
    );
    const f = one(
      HostRequiresStrongPasswords,
      room((h) => (h.passwordQualityControl = "retry=3 min=disabled,disabled,disabled,7,7")),
    );
    expect(f.outcome).toBe("fail");
    expect(f.observed).toMatch(
      /^Security.PasswordQualityControl "retry=3 min=disabled,disabled,disabled,7,7" \(min= allows 7, 7-character passwords\); /,
    );
    expect(
      one(
        HostRequiresStrongPasswords,
        room((h) => delete h.passwordQualityControl),
      ).observed,
    ).toMatch(/^Security.PasswordQualityControl not declared; /);
  });
});

describe("VSP-MGMT-SURFACE HostManagementSurfaceIsMinimal", () => {
  test("observes the MOB and the DCUI timeout", () => {
    expect(one(HostManagementSurfaceIsMinimal, room()).observed).toMatch(/^enableMob false, UserVars.DcuiTimeOut 600; /);
  });
  test.each<[string, (h: Hardening) => void, string]>([
    ["the MOB on", (h) => (h.mobEnabled = true), "enableMob true"],
    ["no DCUI timeout", (h) => (h.dcuiTimeoutSec = 0), "UserVars.DcuiTimeOut 0"],
    ["a long DCUI timeout", (h) => (h.dcuiTimeoutSec = 3600), "UserVars.DcuiTimeOut 3600"],
    ["an undeclared MOB", (h) => delete h.mobEnabled, "enableMob not declared"],
  ])("fails %s", (_, change, observed) => {
    const f = one(HostManagementSurfaceIsMinimal, room(change));
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain(observed);
  });
});

describe("VSP-BPDU HostDropsGuestBpdus", () => {
  test("passes Net.BlockGuestBPDU 1, fails 0 and an undeclared filter", () => {
    expect(one(HostDropsGuestBpdus, room()).observed).toMatch(/^Net.BlockGuestBPDU 1; /);
    const off = one(
      HostDropsGuestBpdus,
      room((h) => (h.blockGuestBpdu = false)),
    );
    expect([off.outcome, off.observed.split(";")[0]]).toEqual(["fail", "Net.BlockGuestBPDU 0"]);
    const none = one(
      HostDropsGuestBpdus,
      room((h) => delete h.blockGuestBpdu),
    );
    expect([none.outcome, none.observed.split(";")[0]]).toEqual(["fail", "Net.BlockGuestBPDU not declared"]);
  });
});
