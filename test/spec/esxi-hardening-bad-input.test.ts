import { join } from "node:path";
import { load, runSynth, tempDir } from "../helpers";
import { reportsOnly, SITE, sites, type Edit, type Mistake } from "../spec-error-matchers";

/**
 * `esxiHardening` bad input (schema/site.schema.json, spec/esxi-hardening-checks.ts): each row injects
 * one mistake into a valid declaration in the tiny site and expects that one error, located.
 */

const DECLARED = `esxiHardening:
  source: { method: host-profile, document: "host profile tiny-scg", verified: 2026-10-05 }
  settings:
    ssh: { running: false, startPolicy: "off" }
    accountLockFailures: 5
    dcuiTimeoutSec: 600
    syslog: { logHost: "ssl://syslog.tiny.example:6514", checkSslCerts: true }
  clusters:
    - cluster: prod
      settings: { dcuiTimeoutSec: 300 }
firewall:
`;
const declared: Edit = [SITE, /^firewall:\n/m, DECLARED];

describe("esxiHardening: the declared ESXi settings", () => {
  test("a valid declaration loads, and each host gets its settings", () => {
    const site = load(sites(declared)).sites[0].spec;
    expect(site.esxiHardening?.settings.accountLockFailures).toBe(5);
    expect(site.esxiHardening?.clusters?.[0]).toEqual({ cluster: "prod", settings: { dcuiTimeoutSec: 300 } });
  });

  test.each<Mistake>([
    [
      "a lockout threshold that is not a number",
      [declared, [SITE, "accountLockFailures: 5", "accountLockFailures: five"]],
      [SITE, "accountLockFailures: five", "five"],
      "/esxiHardening/settings/accountLockFailures",
      /^expected an integer, found "five"$/,
    ],
    [
      "a negative DCUI timeout",
      [declared, [SITE, "dcuiTimeoutSec: 600", "dcuiTimeoutSec: -1"]],
      [SITE, "dcuiTimeoutSec: -1", "-1"],
      "/esxiHardening/settings/dcuiTimeoutSec",
      /^must be >= 0, found -1$/,
    ],
    [
      "a service start policy vSphere does not know",
      [declared, [SITE, 'startPolicy: "off"', "startPolicy: manual"]],
      [SITE, "startPolicy: manual", "manual"],
      "/esxiHardening/settings/ssh/startPolicy",
      /^expected one of "off", "on", "automatic", found "manual"$/,
    ],
    [
      "a log host without its protocol",
      [declared, [SITE, '"ssl://syslog.tiny.example:6514"', "syslog.tiny.example"]],
      [SITE, "logHost: syslog.tiny.example", "syslog.tiny.example"],
      "/esxiHardening/settings/syslog/logHost",
      /expected one remote log target as protocol:\/\/host:port, such as ssl:\/\/logs\.example\.org:6514/,
    ],
    [
      "a log host that is not one of the site's syslog targets",
      [declared, [SITE, "ssl://syslog.tiny.example:6514", "ssl://other.example:6514"]],
      [SITE, '"ssl://other.example:6514"'],
      "/esxiHardening/settings/syslog/logHost",
      /^log host "other\.example" is not one of the site's syslog targets; expected one of syslog\.tiny\.example$/,
    ],
    [
      "a per-cluster entry for a cluster the site does not have",
      [declared, [SITE, "    - cluster: prod\n", "    - cluster: test\n"]],
      [SITE, "- cluster: test", "test"],
      "/esxiHardening/clusters/0/cluster",
      /^unknown cluster "test"; expected one of prod \(the names in clusters\)$/,
    ],
    [
      "a source without its verified date",
      [declared, [SITE, ", verified: 2026-10-05 }", " }"]],
      [SITE, "  source: { method: host-profile", "{ method"],
      "/esxiHardening/source/verified",
      /^missing required field "verified"$/,
    ],
  ])("%s", (...row) => reportsOnly(...row));

  test("synth exits 2 on a bad value, with the located message and no stack trace", () => {
    const dir = sites(declared, [SITE, "accountLockFailures: 5", "accountLockFailures: -5"]);
    const result = runSynth(["--sites", dir, "--out", join(tempDir(), "out")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\S*tiny\/site\.yaml:\d+:\d+: \/esxiHardening\/settings\/accountLockFailures: must be >= 0, found -5$/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
