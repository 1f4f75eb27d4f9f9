import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "../helpers";
import {
  ALPHA,
  at,
  broken,
  expectOnly,
  printed,
  reportsOnly,
  SITE,
  sites,
  synthRefuses,
  type Edit,
  type Mistake,
} from "../spec-error-matchers";

/**
 * Bad facility, backup and legal input, one mistake at a time: each test copies the valid tiny site
 * (whose site.yaml ends with a valid facility: and backup: section, and whose alpha.yaml holds a valid
 * legal: section), injects one mistake and asserts the file, line and column (found from the injected
 * text, never hard-coded), JSON pointer and message the loader reports, and that nothing else is.
 * Mistakes of the same shape are rows of a table (see Mistake in spec-error-matchers).
 *
 * A room that is merely not redundant (one UPS, one power path, one supply a device) is not bad input:
 * the policy rules judge it, the loader must load it.
 */

/** The tiny fixture's PDU ids, as an unknown-PDU message lists them. */
const PDUS = "r1-pdu-a, r1-pdu-b, r2-pdu-a, r2-pdu-b";
/** The tiny fixture's device ids (hosts, SAN, firewall units, facility devices), sorted. */
const DEVICES = "core1, core2, esx01, esx02, fc-a, fc-b, fw-a, fw-b, san1, san1-a, san1-b";

/** Adds a backup repository (one flow-mapping line) at the top of backup:. */
function repository(fields: string): Edit {
  return [SITE, "backup:\n  room: room-a\n", `backup:\n  room: room-a\n  repositories:\n    - { id: repo1, ${fields} }\n`];
}

/** Adds a line after core2's psus (inside the core2 facility device). */
function core2(line: string): Edit {
  const psus = "      psus: [{ pdu: r2-pdu-a, watts: 300 }, { pdu: r2-pdu-b, watts: 300 }]";
  return [SITE, psus, `${psus}\n      ${line}`];
}

/** The SAN array, controller san1-a and fabric switch fc-a of the tiny site, without their closing brace. */
const SAN_ARRAY = "array: { id: san1, model: PowerStore 1200T, rack: r1";
const SAN_CONTROLLER = "{ id: san1-a, model: PowerStore node A, rack: r1";
const FABRIC_SWITCH = "{ id: fc-a, model: Connectrix DS-6610B, rack: r1";
/** Adds fields to one of them. */
const withFields = (declaration: string, fields: string): Edit => [SITE, `${declaration} }`, `${declaration}, ${fields} }`];
const REPOSITORY = "rack: r1, model: Dell R760xd2, capacityTb: 200, immutable: true";

const THRESHOLDS = "lowCritical: 10, lowWarning: 15, highWarning: 27, highCritical: 32";

test("the tiny fixture loads without errors, with the facility, backup and legal sections the tests break", () => {
  const loaded = load(sites());
  const spec = loaded.sites[0].spec;
  expect(spec.facility?.pdus?.map((p) => p.id)).toEqual(["r1-pdu-a", "r1-pdu-b", "r2-pdu-a", "r2-pdu-b"]);
  expect(spec.backup?.classes.map((c) => c.id)).toEqual(["gold", "silver"]);
  expect(loaded.sites[0].tenants[0].spec.legal?.reportingRoutes).toHaveLength(1);
  // The shapes the tests below break, in their valid form.
  expect(() =>
    load(
      sites(repository(`${REPOSITORY}, psus: [{ pdu: r1-pdu-a, watts: 500 }], links: [{ port: eth0, peer: core1, peerPort: eth1/1/10 }]`)),
    ),
  ).not.toThrow();
  expect(() => load(sites(core2("links: [{ port: eth1/1/54, peer: core1, peerPort: eth1/1/54 }]")))).not.toThrow();
  expect(() =>
    load(
      sites([
        SITE,
        "psus: [{ watts: 150 }, { watts: 150 }] }\n    - { id: fw-b",
        "psus: [{ pdu: r1-pdu-a, watts: 150 }, { pdu: r1-pdu-b, watts: 150 }] }\n    - { id: fw-b",
      ]),
    ),
  ).not.toThrow();
});

describe("a room that is merely not redundant is not bad input", () => {
  test("one UPS: ups-b removed and every PDU on ups-a loads", () => {
    const dir = sites([SITE, /^ {4}- \{ id: ups-b.*\n/m, ""], [SITE, /ups: ups-b/g, "ups: ups-a"]);
    const text = readFileSync(join(dir, SITE), "utf8");
    expect(text).not.toMatch(/ups-b/);
    const spec = load(dir).sites[0].spec;
    expect(spec.facility?.ups?.map((u) => u.id)).toEqual(["ups-a"]);
    expect(new Set(spec.facility?.pdus?.map((p) => p.ups))).toEqual(new Set(["ups-a"]));
  });

  test("one power path throughout: one board, one UPS, one PDU a rack, one supply a device", () => {
    const dir = sites(
      [SITE, /^ {4}- \{ id: board-b.*\n/m, ""],
      [SITE, /^ {4}- \{ id: ups-b.*\n/m, ""],
      [SITE, /^ {4}- \{ id: r\d-pdu-b.*\n/gm, ""],
      [SITE, /, \{ pdu: r\d-pdu-b, watts: \d+ \}/g, ""],
      [SITE, "feeds: [board-a, board-b]", "feeds: [board-a]"],
      [SITE, "feed: board-b", "feed: board-a"],
    );
    expect(readFileSync(join(dir, SITE), "utf8")).not.toMatch(/board-b|ups-b|pdu-b/);
    const spec = load(dir).sites[0].spec;
    expect(spec.facility?.devices?.map((d) => d.psus?.length)).toEqual([1, 1]);
    expect(Object.values(spec.facility?.power ?? {}).map((p) => p.length)).toEqual([1, 1]);
  });
});

describe("power supplies wired to an unknown PDU", () => {
  // [where, the edit that wires a supply to r9-pdu-x, a text on the reported line, pointer]
  test.each<[string, Edit, string, string]>([
    [
      "a facility device's supply",
      [SITE, "psus: [{ pdu: r1-pdu-a, watts: 300 }", "psus: [{ pdu: r9-pdu-x, watts: 300 }"],
      "r9-pdu-x",
      "/facility/devices/0/psus/0/pdu",
    ],
    [
      "a host's supply in facility.power",
      [SITE, "{ pdu: r1-pdu-b, watts: 600 }", "{ pdu: r9-pdu-x, watts: 600 }"],
      "esx01: [{ pdu:",
      "/facility/power/esx01/1/pdu",
    ],
    [
      "a firewall unit's supply",
      [
        SITE,
        "psus: [{ watts: 150 }, { watts: 150 }] }\n    - { id: fw-b",
        "psus: [{ pdu: r1-pdu-a, watts: 150 }, { pdu: r9-pdu-x, watts: 150 }] }\n    - { id: fw-b",
      ],
      "id: fw-a",
      "/firewall/units/0/psus/1/pdu",
    ],
    [
      "the SAN array chassis's supply",
      withFields(SAN_ARRAY, "psus: [{ pdu: r9-pdu-x, watts: 300 }]"),
      "id: san1,",
      "/san/array/psus/0/pdu",
    ],
    [
      "a SAN controller's supply",
      withFields(SAN_CONTROLLER, "psus: [{ pdu: r9-pdu-x, watts: 100 }]"),
      "id: san1-a",
      "/san/controllers/0/psus/0/pdu",
    ],
    [
      "a SAN fabric switch's supply",
      withFields(FABRIC_SWITCH, "psus: [{ pdu: r9-pdu-x, watts: 100 }]"),
      "id: fc-a",
      "/san/fabrics/0/switches/0/psus/0/pdu",
    ],
    [
      "a backup repository's supply",
      repository(`${REPOSITORY}, psus: [{ pdu: r9-pdu-x, watts: 500 }]`),
      "id: repo1",
      "/backup/repositories/0/psus/0/pdu",
    ],
  ])("%s", (_where, mistake, line, pointer) => {
    const { dir, errors } = broken(mistake);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, line, "r9-pdu-x"),
      pointer,
      message: new RegExp(`^unknown PDU "r9-pdu-x"; expected one of ${PDUS}$`),
    });
  });
});

describe("power paths: UPS, boards, PDUs, cooling", () => {
  test.each(["C", "a", "AB"])("a UPS on path %s (only A or B)", (path) => {
    const { dir, errors } = broken([SITE, "{ id: ups-b, path: B,", `{ id: ups-b, path: ${path},`]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: ups-b", `${path}, room`),
      pointer: "/facility/ups/1/path",
      message: new RegExp(`^expected one of "A", "B", found "${path}"$`),
    });
  });

  test.each<Mistake>([
    [
      "a board on path C",
      [SITE, "{ id: board-b, path: B,", "{ id: board-b, path: C,"],
      [SITE, "{ id: board-b", "C, room"],
      "/facility/boards/1/path",
      /^expected one of "A", "B", found "C"$/,
    ],
    [
      "a UPS fed from an unknown board",
      [SITE, "board: board-b, modules", "board: board-x, modules"],
      [SITE, "{ id: ups-b", "board-x"],
      "/facility/ups/1/board",
      /^unknown board "board-x"; expected one of board-a, board-b$/,
    ],
    [
      "a PDU on an unknown UPS",
      [SITE, "{ id: r2-pdu-b, rack: r2, ups: ups-b", "{ id: r2-pdu-b, rack: r2, ups: ups-x"],
      [SITE, "{ id: r2-pdu-b", "ups-x"],
      "/facility/pdus/3/ups",
      /^unknown UPS "ups-x"; expected one of ups-a, ups-b$/,
    ],
    [
      "a PDU in an unknown rack",
      [SITE, "{ id: r2-pdu-b, rack: r2,", "{ id: r2-pdu-b, rack: r9,"],
      [SITE, "{ id: r2-pdu-b", "r9,"],
      "/facility/pdus/3/rack",
      /^unknown rack "r9"; expected one of r1, r2$/,
    ],
    [
      "a generator backing an unknown board",
      [SITE, "feeds: [board-a, board-b]", "feeds: [board-a, board-x]"],
      [SITE, "id: gen1", "board-x"],
      "/facility/generators/0/feeds/1",
      /^unknown board "board-x"; expected one of board-a, board-b$/,
    ],
    [
      "a cooling unit fed from an unknown board",
      [SITE, "{ id: crac2, room: room-a, kw: 20, feed: board-b }", "{ id: crac2, room: room-a, kw: 20, feed: board-x }"],
      [SITE, "id: crac2", "board-x"],
      "/facility/cooling/1/feed",
      /^unknown board or UPS "board-x"; expected one of board-a, board-b, ups-a, ups-b$/,
    ],
    [
      "two PDUs with the same id: the second, naming the first",
      [SITE, "  devices:\n", "    - { id: r1-pdu-a, rack: r2, ups: ups-b, capacityKw: 7.4 }\n  devices:\n"],
      [SITE, "{ id: r1-pdu-a", "r1-pdu-a", 1],
      "/facility/pdus/4/id",
      (earlier) => new RegExp(`^duplicate PDU id "r1-pdu-a"; first defined at ${earlier(SITE, "{ id: r1-pdu-a", "r1-pdu-a", 0)}$`),
    ],
  ])("%s", reportsOnly);
});

describe("devices: racks, ids, power entries", () => {
  test.each<Mistake>([
    [
      "a facility device in an unknown rack",
      [SITE, "      rack: r2\n      model: Dell", "      rack: r9\n      model: Dell"],
      [SITE, "rack: r9", "r9"],
      "/facility/devices/1/rack",
      /^unknown rack "r9"; expected one of r1, r2$/,
    ],
    [
      "a backup repository in an unknown rack",
      repository("rack: r9, model: Dell R760xd2, capacityTb: 200, immutable: true"),
      [SITE, "id: repo1", "r9,"],
      "/backup/repositories/0/rack",
      /^unknown rack "r9"; expected one of r1, r2$/,
    ],
    [
      "a facility device whose id is a host's name: at the device, naming the host",
      [SITE, "  power:\n", "    - { id: esx02, role: other, rack: r2, model: KVM switch }\n  power:\n"],
      [SITE, "{ id: esx02", "esx02"],
      "/facility/devices/2/id",
      (earlier) => new RegExp(`^duplicate device id "esx02"; first defined at ${earlier(SITE, "- name: esx02", "esx02")}$`),
    ],
    [
      "a backup repository whose id is a facility device's",
      [
        SITE,
        "backup:\n  room: room-a\n",
        "backup:\n  room: room-a\n  repositories:\n    - { id: core1, rack: r1, model: Dell R760xd2, capacityTb: 200, immutable: true }\n",
      ],
      [SITE, "{ id: core1", "core1"],
      "/backup/repositories/0/id",
      (earlier) => new RegExp(`^duplicate device id "core1"; first defined at ${earlier(SITE, "- id: core1", "core1")}$`),
    ],
    [
      "a facility.power entry for a device that does not exist: reported once, at the key",
      [
        SITE,
        "    esx02: [{ pdu: r2-pdu-a, watts: 600 }",
        "    esx09: [{ pdu: r2-pdu-a, watts: 600 }, { pdu: r2-pdu-b, watts: 600 }]\n    esx02: [{ pdu: r2-pdu-a, watts: 600 }",
      ],
      [SITE, "esx09:", "esx09"],
      "/facility/power/esx09",
      new RegExp(`^unknown device "esx09"; expected one of ${DEVICES}$`),
    ],
  ])("%s", reportsOnly);
});

describe("links to unknown devices", () => {
  // [where, the edit that links to core9, a text on the reported line, pointer]
  test.each<[string, Edit, string, string]>([
    [
      "a host's link in facility.links",
      [SITE, "{ port: vmnic3, peer: core2, peerPort: eth1/1/1 }", "{ port: vmnic3, peer: core9, peerPort: eth1/1/1 }"],
      "esx01: [{ port:",
      "/facility/links/esx01/1/peer",
    ],
    [
      "a facility device's link",
      core2("links: [{ port: eth1/1/54, peer: core9, peerPort: eth1/1/54 }]"),
      "links: [{ port: eth1/1/54",
      "/facility/devices/1/links/0/peer",
    ],
    [
      "the SAN array chassis's own link",
      withFields(SAN_ARRAY, "links: [{ port: mgmt0, peer: core9, peerPort: e1 }]"),
      "id: san1,",
      "/san/array/links/0/peer",
    ],
    [
      "a SAN controller's own link",
      withFields(SAN_CONTROLLER, "links: [{ port: p0, peer: core9, peerPort: e1 }]"),
      "id: san1-a",
      "/san/controllers/0/links/0/peer",
    ],
    [
      "a SAN fabric switch's own link",
      withFields(FABRIC_SWITCH, "links: [{ port: p0, peer: core9, peerPort: e1 }]"),
      "id: fc-a",
      "/san/fabrics/0/switches/0/links/0/peer",
    ],
  ])("%s", (_where, mistake, line, pointer) => {
    const { dir, errors } = broken(mistake);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, line, "core9"),
      pointer,
      message: new RegExp(`^unknown device "core9"; expected one of ${DEVICES}$`),
    });
  });

  test.each<Mistake>([
    [
      "a backup repository's link: the repository is a device too",
      repository(`${REPOSITORY}, links: [{ port: eth0, peer: core9, peerPort: eth1/1/10 }]`),
      [SITE, "id: repo1", "core9"],
      "/backup/repositories/0/links/0/peer",
      /^unknown device "core9"; expected one of core1, core2, esx01, esx02, fc-a, fc-b, fw-a, fw-b, repo1, san1, san1-a, san1-b$/,
    ],
    [
      "a facility.links entry for a device that does not exist: reported once, at the key",
      [
        SITE,
        "    esx02: [{ port: vmnic2, peer: core1",
        "    esx09: [{ port: vmnic2, peer: core1, peerPort: eth1/1/9 }]\n    esx02: [{ port: vmnic2, peer: core1",
      ],
      [SITE, "esx09:", "esx09"],
      "/facility/links/esx09",
      new RegExp(`^unknown device "esx09"; expected one of ${DEVICES}$`),
    ],
  ])("%s", reportsOnly);
});

describe("sensors", () => {
  // [lowCritical, lowWarning, highWarning, highCritical], each out of order somewhere.
  test.each([
    ["warnings swapped", [10, 27, 15, 32]],
    ["low critical above low warning", [16, 15, 27, 32]],
    ["high critical below high warning", [10, 15, 27, 20]],
    ["low critical equal to low warning", [15, 15, 27, 32]],
    ["low warning equal to high warning", [10, 20, 20, 32]],
    ["high warning equal to high critical", [10, 15, 27, 27]],
    ["all equal", [20, 20, 20, 20]],
    ["reversed", [32, 27, 15, 10]],
  ])("thresholds out of order: %s", (_name, [lc, lw, hw, hc]) => {
    const { dir, errors } = broken([SITE, THRESHOLDS, `lowCritical: ${lc}, lowWarning: ${lw}, highWarning: ${hw}, highCritical: ${hc}`]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: r1-inlet", "{"),
      pointer: "/facility/sensors/0",
      message: new RegExp(`^expected lowCritical < lowWarning < highWarning < highCritical, found ${lc} / ${lw} / ${hw} / ${hc}$`),
    });
  });

  test("thresholds in order, negative and fractional, load", () => {
    expect(() => load(sites([SITE, THRESHOLDS, "lowCritical: -5, lowWarning: 0.5, highWarning: 27, highCritical: 27.5"]))).not.toThrow();
  });

  test.each<Mistake>([
    [
      "an unknown alarm route",
      [SITE, "hysteresis: 1, route: on-call", "hysteresis: 1, route: pager"],
      [SITE, "id: r1-inlet", "pager"],
      "/facility/sensors/0/route",
      /^unknown alarm route "pager"; expected one of office, on-call$/,
    ],
    [
      "a sensor with both rack and room",
      [SITE, "{ id: r1-inlet, rack: r1,", "{ id: r1-inlet, rack: r1, room: room-a,"],
      [SITE, "id: r1-inlet", "{"],
      "/facility/sensors/0",
      /^expected a sensor in either a rack or a room, found an object with fields id, rack, room, measure, /,
    ],
    [
      "a sensor with neither rack nor room",
      [SITE, "{ id: r1-inlet, rack: r1,", "{ id: r1-inlet,"],
      [SITE, "id: r1-inlet", "{"],
      "/facility/sensors/0",
      /^expected a sensor in either a rack or a room, found an object with fields id, measure, /,
    ],
    [
      "a sensor in an unknown room",
      [SITE, "{ id: r1-inlet, rack: r1,", "{ id: r1-inlet, room: room-z,"],
      [SITE, "id: r1-inlet", "room-z"],
      "/facility/sensors/0/room",
      /^unknown room "room-z"; expected one of room-a$/,
    ],
  ])("%s", reportsOnly);
});

describe("backup", () => {
  test.each<Mistake>([
    [
      "an unknown room for the backup",
      [SITE, "backup:\n  room: room-a", "backup:\n  room: room-z"],
      [SITE, "room: room-z", "room-z"],
      "/backup/room",
      /^unknown room "room-z"; expected one of room-a$/,
    ],
    [
      "a backup class with no RPO: at the class",
      [SITE, "{ id: silver, rpoHours: 24, ", "{ id: silver, "],
      [SITE, "{ id: silver,", "{"],
      "/backup/classes/1/rpoHours",
      /^missing required field "rpoHours"$/,
    ],
    [
      "a backup class with an RPO of 0 hours",
      [SITE, "{ id: silver, rpoHours: 24,", "{ id: silver, rpoHours: 0,"],
      [SITE, "{ id: silver,", "0,"],
      "/backup/classes/1/rpoHours",
      /> 0, found 0$/,
    ],
    [
      "backup.defaults naming an unknown class",
      [SITE, "standard: silver, low: silver", "standard: bronze, low: silver"],
      [SITE, "defaults:", "bronze"],
      "/backup/defaults/standard",
      /^unknown backup class "bronze"; expected one of gold, silver$/,
    ],
    [
      "a copy of an unknown class",
      [SITE, "{ id: silver-local, class: silver", "{ id: silver-local, class: bronze"],
      [SITE, "id: silver-local", "bronze"],
      "/backup/copies/2/class",
      /^unknown backup class "bronze"; expected one of gold, silver$/,
    ],
    [
      "a copy in an unknown room",
      [SITE, "{ id: silver-local, class: silver, room: room-a", "{ id: silver-local, class: silver, room: room-z"],
      [SITE, "id: silver-local", "room-z"],
      "/backup/copies/2/room",
      /^unknown room "room-z"; expected one of room-a$/,
    ],
    [
      "a copy with both room and site",
      [SITE, "{ id: gold-offsite, class: gold, site:", "{ id: gold-offsite, class: gold, room: room-a, site:"],
      [SITE, "id: gold-offsite", "{"],
      "/backup/copies/1",
      /^expected a copy either in a room of this site, or at another site with offsiteKm, found an object with fields id, class, room, site, offsiteKm, media, immutable$/,
    ],
    [
      "a copy at another site without offsiteKm",
      [SITE, "offsiteKm: 18, ", ""],
      [SITE, "id: gold-offsite", "{"],
      "/backup/copies/1",
      /^expected a copy either in a room of this site, or at another site with offsiteKm, found an object with fields id, class, site, media, immutable$/,
    ],
    [
      "evidence about an unknown object",
      [SITE, "about: gold", "about: platinum"],
      [SITE, "id: rt-gold", "platinum"],
      "/backup/evidence/0/about",
      /^unknown facility object "platinum"; expected one of board-a, board-b, /,
    ],
  ])("%s", reportsOnly);

  test.each(["gen1", "on-call", "r1-inlet"])("evidence about %s (a generator, an alarm route, a sensor) loads", (about) => {
    expect(() => load(sites([SITE, "about: gold", `about: ${about}`]))).not.toThrow();
  });
});

describe("workloads and backup classes", () => {
  test.each<Mistake>([
    [
      "a VM whose criticality maps to no backup class (standard removed from backup.defaults)",
      [SITE, "standard: silver, low: silver", "low: silver"],
      [ALPHA, "criticality: standard", "standard"],
      "/workloads/2/criticality",
      /^criticality standard maps to no backup class: add it to backup\.defaults in site\.yaml or give the workload backupClass$/,
    ],
    [
      "a workload backupClass naming an unknown class",
      [ALPHA, "    criticality: life-and-health\n", "    criticality: life-and-health\n    backupClass: platinum\n"],
      [ALPHA, "backupClass: platinum", "platinum"],
      "/workloads/1/backupClass",
      /^unknown backup class "platinum"; expected one of gold, silver$/,
    ],
  ])("%s", reportsOnly);

  test("a workload of two VMs whose criticality maps to no class: reported once, at the workload", () => {
    const { dir, errors } = broken([SITE, "critical: gold, ", ""]);
    const pos = at(dir, ALPHA, "criticality: critical");
    expectOnly(errors, {
      file: ALPHA,
      line: pos.line,
      col: pos.col + "criticality: ".length,
      pointer: "/workloads/0/criticality",
      message: /^criticality critical maps to no backup class: /,
    });
  });

  test("the same workload with its own backupClass loads", () => {
    expect(() =>
      load(
        sites(
          [SITE, "standard: silver, low: silver", "low: silver"],
          [ALPHA, "    criticality: standard\n", "    criticality: standard\n    backupClass: silver\n"],
        ),
      ),
    ).not.toThrow();
  });

  test("a workload backupClass when the site declares no backup", () => {
    const { dir, errors } = broken(
      [SITE, /^backup:\n[\s\S]*$/m, ""],
      [ALPHA, "    criticality: life-and-health\n", "    criticality: life-and-health\n    backupClass: gold\n"],
    );
    expect(readFileSync(join(dir, SITE), "utf8")).not.toMatch(/^backup:/m);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "backupClass: gold", "gold"),
      pointer: "/workloads/1/backupClass",
      message: /^unknown backup class "gold"; expected a declared backup class \(none is declared\)$/,
    });
  });
});

describe("tenant legal section", () => {
  test.each<Mistake>([
    [
      "missing legalEntity: at the legal section",
      [ALPHA, "  legalEntity: Alpha kommune (org. no. 999 999 999)\n", ""],
      [ALPHA, "  analysisDate:", "analysisDate"],
      "/legal/legalEntity",
      /^missing required field "legalEntity"$/,
    ],
    [
      "an empty list of reporting routes",
      [ALPHA, /^ {2}reportingRoutes:\n.*\n/m, "  reportingRoutes: []\n"],
      [ALPHA, "reportingRoutes: []", "[]"],
      "/legal/reportingRoutes",
      /fewer than 1 item.*, found a list of 0$/,
    ],
    [
      "a reporting route without its channel",
      [ALPHA, ', channel: "https://nsm.no/varsle" }', " }"],
      [ALPHA, "regime: digitalsikkerhetsloven", "{"],
      "/legal/reportingRoutes/0/channel",
      /^missing required field "channel"$/,
    ],
  ])("%s", reportsOnly);

  test("no reportingRoutes at all", () => {
    const { dir, errors } = broken([ALPHA, /^ {2}reportingRoutes:\n.*\n/m, ""]);
    expect(readFileSync(join(dir, ALPHA), "utf8")).not.toMatch(/reportingRoutes|regime/);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "  legalEntity:", "legalEntity"),
      pointer: "/legal/reportingRoutes",
      message: /^missing required field "reportingRoutes"$/,
    });
  });
});

describe("dates that are not dates", () => {
  test.each([
    ["evidence date, month 13", SITE, 'date: "2026-10-15"', 'date: "2026-13-01"', "2026-13-01", "/backup/evidence/0/date"],
    ["evidence date, month 13, unquoted", SITE, 'date: "2026-10-15"', "date: 2026-13-01", "2026-13-01", "/backup/evidence/0/date"],
    [
      "evidence nextDue, 29 February of a common year",
      SITE,
      'nextDue: "2027-01-15"',
      'nextDue: "2027-02-29"',
      "2027-02-29",
      "/backup/evidence/0/nextDue",
    ],
    ["source verified yesterday", SITE, 'verified: "2026-09-01"', 'verified: "yesterday"', "yesterday", "/facility/defaultSource/verified"],
    [
      "source verified yesterday, unquoted",
      SITE,
      'verified: "2026-09-01"',
      "verified: yesterday",
      "yesterday",
      "/facility/defaultSource/verified",
    ],
    [
      "tenant analysisDate, 30 February",
      ALPHA,
      'analysisDate: "2026-03-01"',
      'analysisDate: "2026-02-30"',
      "2026-02-30",
      "/legal/analysisDate",
    ],
  ])("%s", (_name, file, find, replace, value, pointer) => {
    const { dir, errors } = broken([file, find, replace]);
    const pos = at(dir, file, replace);
    const col = pos.col + replace.indexOf(": ") + 2;
    expectOnly(errors, { file, line: pos.line, col, pointer, message: new RegExp(`^expected .*date.*, found "${value}"$`) });
  });

  test("a device's own source verified on a date that does not exist", () => {
    const { dir, errors } = broken(core2('source: { document: "Rack r2 elevation", verified: "2026-13-01" }'));
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "Rack r2 elevation", '"2026-13-01"'),
      pointer: "/facility/devices/1/source/verified",
      message: /^expected .*date.*, found "2026-13-01"$/,
    });
  });
});

describe("synth CLI with a bad facility", () => {
  test("exits 2, prints file:line:col: /pointer: message, no stack trace, writes nothing", () => {
    const dir = sites([SITE, "psus: [{ pdu: r1-pdu-a, watts: 300 }", "psus: [{ pdu: r9-pdu-x, watts: 300 }"]);
    synthRefuses(dir, [
      printed({
        file: SITE,
        ...at(dir, SITE, "r9-pdu-x"),
        pointer: "/facility/devices/0/psus/0/pdu",
        message: new RegExp(`^unknown PDU "r9-pdu-x"; expected one of ${PDUS}$`),
      }),
    ]);
  });

  test("several facility mistakes at once: all reported, in file order, exit 2", () => {
    const dir = sites(
      [SITE, "board: board-b, modules", "board: board-x, modules"],
      [SITE, "hysteresis: 1, route: on-call", "hysteresis: 1, route: pager"],
    );
    synthRefuses(dir, [
      printed({
        file: SITE,
        ...at(dir, SITE, "{ id: ups-b", "board-x"),
        pointer: "/facility/ups/1/board",
        message: /^unknown board "board-x"; /,
      }),
      printed({
        file: SITE,
        ...at(dir, SITE, "id: r1-inlet", "pager"),
        pointer: "/facility/sensors/0/route",
        message: /^unknown alarm route "pager"; /,
      }),
    ]);
  });
});
