import { firmwareAtLeast, MIN_FIRMWARE, parseFirmware, SSH_CONFIG_FROM } from "../../spec/firewall/firmware";
import { reportsOnly, SITE, sites, synthRefuses, type Mistake } from "../spec-error-matchers";

/** What the declared FortiOS version decides, and the located errors for what it cannot do. */
describe("firmwareAtLeast", () => {
  test.each([
    ["7.4.11", "7.4.4", true],
    ["7.4.4", "7.4.4", true],
    ["7.4.3", "7.4.4", false],
    ["7.10.0", "7.4.4", true],
    ["7.2.12", "7.4.0", false],
    ["8.0.0", "7.6.0", true],
    ["6.4.15", "7.2.1", false],
  ])("%s at least %s: %s", (firmware, min, expected) => {
    expect(firmwareAtLeast(firmware, min)).toBe(expected);
  });

  test("parts compare as numbers, not text (7.4.11 is after 7.4.4)", () => {
    expect(parseFirmware("7.4.11")).toEqual([7, 4, 11]);
    expect("7.4.11" >= SSH_CONFIG_FROM).toBe(false); // what a string comparison would get wrong
    expect(firmwareAtLeast("7.4.11", SSH_CONFIG_FROM)).toBe(true);
  });

  test("not a version: an internal error naming the value", () => {
    expect(() => firmwareAtLeast("7.4", "7.4.4")).toThrow(/not a FortiOS version: 7.4/);
  });
});

describe("firmware in the spec", () => {
  const firmware = (v: string): [string, string, string] => [SITE, "  firmware: 7.4.11", `  firmware: ${v}`];
  const addToFirewall = (line: string): [string, string, string] => [SITE, "  vdomLicences: 10", `  vdomLicences: 10\n${line}`];

  test.each<Mistake>([
    [
      "a firmware older than the design supports",
      firmware("7.0.12"),
      [SITE, "firmware: 7.0.12", "7.0.12"],
      "/firewall/firmware",
      new RegExp(
        `FortiOS 7\\.0\\.12 is older than ${MIN_FIRMWARE.replace(/\./g, "\\.")}, the oldest this design supports.*expected ${MIN_FIRMWARE.replace(/\./g, "\\.")} or later`,
      ),
    ],
    [
      "7.2.0 (DoS thresholds per minute) is too old",
      firmware("7.2.0"),
      [SITE, "firmware: 7.2.0", "7.2.0"],
      "/firewall/firmware",
      /FortiOS 7\.2\.0 is older than 7\.2\.1/,
    ],
    [
      "a time zone name on FortiOS 7.4 (it takes a code)",
      addToFirewall("  timezone: Europe/Oslo"),
      [SITE, "timezone: Europe/Oslo", "Europe/Oslo"],
      "/firewall/timezone",
      /FortiOS 7\.4\.11 takes a two-digit time zone code .*found Europe\/Oslo/,
    ],
    [
      "a time zone code on FortiOS 7.6 (it takes a name)",
      [firmware("7.6.3"), addToFirewall('  timezone: "27"')],
      [SITE, 'timezone: "27"', '"27"'],
      "/firewall/timezone",
      /FortiOS 7\.6\.3 takes a time zone database name such as Europe\/Oslo .*found the code 27/,
    ],
    [
      "no threat feeds without a reason",
      addToFirewall("  threatFeeds: { licensed: false }"),
      [SITE, "threatFeeds: { licensed: false }", "{ licensed: false }"],
      "/firewall/threatFeeds",
      /threatFeeds\.licensed is false: expected a reason/,
    ],
  ])("%s", reportsOnly);

  test("synth refuses a too old firmware with exit 2 and the located message, no stack trace", () => {
    synthRefuses(sites(firmware("6.4.15")), [/site\.yaml:\d+:\d+: \/firewall\/firmware: FortiOS 6\.4\.15 is older than 7\.2\.1/]);
  });
});
