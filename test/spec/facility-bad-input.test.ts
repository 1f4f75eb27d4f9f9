import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { copySites, edit, load, runSynth, tempDir } from "../helpers";
import { at, broken, escape, expectOnly, where, type Edit } from "../spec-error-matchers";

/**
 * Bad facility, backup and legal input, one mistake at a time: each test copies the valid tiny site
 * (whose site.yaml ends with a valid facility: and backup: section, and whose alpha.yaml holds a valid
 * legal: section), injects one mistake and asserts the file, line and column (found from the injected
 * text, never hard-coded), JSON pointer and message the loader reports, and that nothing else is.
 *
 * A room that is merely not redundant (one UPS, one power path, one supply a device) is not bad input:
 * the policy rules judge it, the loader must load it.
 */

const SITE = "tiny/site.yaml";
const ALPHA = "tiny/tenants/alpha.yaml";

/** A copy of the tiny site with the edits applied. */
function sites(...edits: Edit[]): string {
  const dir = copySites();
  for (const [file, find, replace] of edits) edit(dir, file, find, replace);
  return dir;
}

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
  const loaded = load(copySites());
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

  test("a board on path C", () => {
    const { dir, errors } = broken([SITE, "{ id: board-b, path: B,", "{ id: board-b, path: C,"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: board-b", "C, room"),
      pointer: "/facility/boards/1/path",
      message: /^expected one of "A", "B", found "C"$/,
    });
  });

  test("a UPS fed from an unknown board", () => {
    const { dir, errors } = broken([SITE, "board: board-b, modules", "board: board-x, modules"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: ups-b", "board-x"),
      pointer: "/facility/ups/1/board",
      message: /^unknown board "board-x"; expected one of board-a, board-b$/,
    });
  });

  test("a PDU on an unknown UPS", () => {
    const { dir, errors } = broken([SITE, "{ id: r2-pdu-b, rack: r2, ups: ups-b", "{ id: r2-pdu-b, rack: r2, ups: ups-x"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: r2-pdu-b", "ups-x"),
      pointer: "/facility/pdus/3/ups",
      message: /^unknown UPS "ups-x"; expected one of ups-a, ups-b$/,
    });
  });

  test("a PDU in an unknown rack", () => {
    const { dir, errors } = broken([SITE, "{ id: r2-pdu-b, rack: r2,", "{ id: r2-pdu-b, rack: r9,"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: r2-pdu-b", "r9,"),
      pointer: "/facility/pdus/3/rack",
      message: /^unknown rack "r9"; expected one of r1, r2$/,
    });
  });

  test("a generator backing an unknown board", () => {
    const { dir, errors } = broken([SITE, "feeds: [board-a, board-b]", "feeds: [board-a, board-x]"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: gen1", "board-x"),
      pointer: "/facility/generators/0/feeds/1",
      message: /^unknown board "board-x"; expected one of board-a, board-b$/,
    });
  });

  test("a cooling unit fed from an unknown board", () => {
    const { dir, errors } = broken([
      SITE,
      "{ id: crac2, room: room-a, kw: 20, feed: board-b }",
      "{ id: crac2, room: room-a, kw: 20, feed: board-x }",
    ]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: crac2", "board-x"),
      pointer: "/facility/cooling/1/feed",
      message: /^unknown board or UPS "board-x"; expected one of board-a, board-b, ups-a, ups-b$/,
    });
  });

  test("two PDUs with the same id: the second, naming the first", () => {
    const { dir, errors } = broken([SITE, "  devices:\n", "    - { id: r1-pdu-a, rack: r2, ups: ups-b, capacityKw: 7.4 }\n  devices:\n"]);
    const first = at(dir, SITE, "{ id: r1-pdu-a", "r1-pdu-a", 0);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: r1-pdu-a", "r1-pdu-a", 1),
      pointer: "/facility/pdus/4/id",
      message: new RegExp(`^duplicate PDU id "r1-pdu-a"; first defined at ${escape(where(SITE, first))}$`),
    });
  });
});

describe("devices: racks, ids, power entries", () => {
  test("a facility device in an unknown rack", () => {
    const { dir, errors } = broken([SITE, "      rack: r2\n      model: Dell", "      rack: r9\n      model: Dell"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "rack: r9", "r9"),
      pointer: "/facility/devices/1/rack",
      message: /^unknown rack "r9"; expected one of r1, r2$/,
    });
  });

  test("a backup repository in an unknown rack", () => {
    const { dir, errors } = broken(repository("rack: r9, model: Dell R760xd2, capacityTb: 200, immutable: true"));
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: repo1", "r9,"),
      pointer: "/backup/repositories/0/rack",
      message: /^unknown rack "r9"; expected one of r1, r2$/,
    });
  });

  test("a facility device whose id is a host's name: at the device, naming the host", () => {
    const { dir, errors } = broken([SITE, "  power:\n", "    - { id: esx02, role: other, rack: r2, model: KVM switch }\n  power:\n"]);
    const host = at(dir, SITE, "- name: esx02", "esx02");
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: esx02", "esx02"),
      pointer: "/facility/devices/2/id",
      message: new RegExp(`^duplicate device id "esx02"; first defined at ${escape(where(SITE, host))}$`),
    });
  });

  test("a backup repository whose id is a facility device's", () => {
    const { dir, errors } = broken([
      SITE,
      "backup:\n  room: room-a\n",
      "backup:\n  room: room-a\n  repositories:\n    - { id: core1, rack: r1, model: Dell R760xd2, capacityTb: 200, immutable: true }\n",
    ]);
    const first = at(dir, SITE, "- id: core1", "core1");
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: core1", "core1"),
      pointer: "/backup/repositories/0/id",
      message: new RegExp(`^duplicate device id "core1"; first defined at ${escape(where(SITE, first))}$`),
    });
  });

  test("a facility.power entry for a device that does not exist: reported once, at the key", () => {
    const ghost: Edit = [
      SITE,
      "    esx02: [{ pdu: r2-pdu-a, watts: 600 }",
      "    esx09: [{ pdu: r2-pdu-a, watts: 600 }, { pdu: r2-pdu-b, watts: 600 }]\n    esx02: [{ pdu: r2-pdu-a, watts: 600 }",
    ];
    const { dir, errors } = broken(ghost);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "esx09:", "esx09"),
      pointer: "/facility/power/esx09",
      message: new RegExp(`^unknown device "esx09"; expected one of ${DEVICES}$`),
    });
  });
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

  test("a backup repository's link: the repository is a device too", () => {
    const { dir, errors } = broken(repository(`${REPOSITORY}, links: [{ port: eth0, peer: core9, peerPort: eth1/1/10 }]`));
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: repo1", "core9"),
      pointer: "/backup/repositories/0/links/0/peer",
      message: /^unknown device "core9"; expected one of core1, core2, esx01, esx02, fc-a, fc-b, fw-a, fw-b, repo1, san1, san1-a, san1-b$/,
    });
  });

  test("a facility.links entry for a device that does not exist: reported once, at the key", () => {
    const ghost: Edit = [
      SITE,
      "    esx02: [{ port: vmnic2, peer: core1",
      "    esx09: [{ port: vmnic2, peer: core1, peerPort: eth1/1/9 }]\n    esx02: [{ port: vmnic2, peer: core1",
    ];
    const { dir, errors } = broken(ghost);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "esx09:", "esx09"),
      pointer: "/facility/links/esx09",
      message: new RegExp(`^unknown device "esx09"; expected one of ${DEVICES}$`),
    });
  });
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

  test("an unknown alarm route", () => {
    const { dir, errors } = broken([SITE, "hysteresis: 1, route: on-call", "hysteresis: 1, route: pager"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: r1-inlet", "pager"),
      pointer: "/facility/sensors/0/route",
      message: /^unknown alarm route "pager"; expected one of office, on-call$/,
    });
  });

  test("a sensor with both rack and room", () => {
    const { dir, errors } = broken([SITE, "{ id: r1-inlet, rack: r1,", "{ id: r1-inlet, rack: r1, room: room-a,"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: r1-inlet", "{"),
      pointer: "/facility/sensors/0",
      message: /^expected a sensor in either a rack or a room, found an object with fields id, rack, room, measure, /,
    });
  });

  test("a sensor with neither rack nor room", () => {
    const { dir, errors } = broken([SITE, "{ id: r1-inlet, rack: r1,", "{ id: r1-inlet,"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: r1-inlet", "{"),
      pointer: "/facility/sensors/0",
      message: /^expected a sensor in either a rack or a room, found an object with fields id, measure, /,
    });
  });

  test("a sensor in an unknown room", () => {
    const { dir, errors } = broken([SITE, "{ id: r1-inlet, rack: r1,", "{ id: r1-inlet, room: room-z,"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: r1-inlet", "room-z"),
      pointer: "/facility/sensors/0/room",
      message: /^unknown room "room-z"; expected one of room-a$/,
    });
  });
});

describe("backup", () => {
  test("an unknown room for the backup", () => {
    const { dir, errors } = broken([SITE, "backup:\n  room: room-a", "backup:\n  room: room-z"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "room: room-z", "room-z"),
      pointer: "/backup/room",
      message: /^unknown room "room-z"; expected one of room-a$/,
    });
  });

  test("a backup class with no RPO: at the class", () => {
    const { dir, errors } = broken([SITE, "{ id: silver, rpoHours: 24, ", "{ id: silver, "]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: silver,", "{"),
      pointer: "/backup/classes/1/rpoHours",
      message: /^missing required field "rpoHours"$/,
    });
  });

  test("a backup class with an RPO of 0 hours", () => {
    const { dir, errors } = broken([SITE, "{ id: silver, rpoHours: 24,", "{ id: silver, rpoHours: 0,"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "{ id: silver,", "0,"),
      pointer: "/backup/classes/1/rpoHours",
      message: /> 0, found 0$/,
    });
  });

  test("backup.defaults naming an unknown class", () => {
    const { dir, errors } = broken([SITE, "standard: silver, low: silver", "standard: bronze, low: silver"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "defaults:", "bronze"),
      pointer: "/backup/defaults/standard",
      message: /^unknown backup class "bronze"; expected one of gold, silver$/,
    });
  });

  test("a copy of an unknown class", () => {
    const { dir, errors } = broken([SITE, "{ id: silver-local, class: silver", "{ id: silver-local, class: bronze"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: silver-local", "bronze"),
      pointer: "/backup/copies/2/class",
      message: /^unknown backup class "bronze"; expected one of gold, silver$/,
    });
  });

  test("a copy in an unknown room", () => {
    const { dir, errors } = broken([
      SITE,
      "{ id: silver-local, class: silver, room: room-a",
      "{ id: silver-local, class: silver, room: room-z",
    ]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: silver-local", "room-z"),
      pointer: "/backup/copies/2/room",
      message: /^unknown room "room-z"; expected one of room-a$/,
    });
  });

  test("a copy with both room and site", () => {
    const { dir, errors } = broken([
      SITE,
      "{ id: gold-offsite, class: gold, site:",
      "{ id: gold-offsite, class: gold, room: room-a, site:",
    ]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: gold-offsite", "{"),
      pointer: "/backup/copies/1",
      message:
        /^expected a copy either in a room of this site, or at another site with offsiteKm, found an object with fields id, class, room, site, offsiteKm, media, immutable$/,
    });
  });

  test("a copy at another site without offsiteKm", () => {
    const { dir, errors } = broken([SITE, "offsiteKm: 18, ", ""]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: gold-offsite", "{"),
      pointer: "/backup/copies/1",
      message:
        /^expected a copy either in a room of this site, or at another site with offsiteKm, found an object with fields id, class, site, media, immutable$/,
    });
  });

  test("evidence about an unknown object", () => {
    const { dir, errors } = broken([SITE, "about: gold", "about: platinum"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: rt-gold", "platinum"),
      pointer: "/backup/evidence/0/about",
      message: /^unknown facility object "platinum"; expected one of board-a, board-b, /,
    });
  });

  test.each(["gen1", "on-call", "r1-inlet"])("evidence about %s (a generator, an alarm route, a sensor) loads", (about) => {
    expect(() => load(sites([SITE, "about: gold", `about: ${about}`]))).not.toThrow();
  });
});

describe("workloads and backup classes", () => {
  test("a VM whose criticality maps to no backup class (standard removed from backup.defaults)", () => {
    const { dir, errors } = broken([SITE, "standard: silver, low: silver", "low: silver"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "criticality: standard", "standard"),
      pointer: "/workloads/2/criticality",
      message: /^criticality standard maps to no backup class: add it to backup\.defaults in site\.yaml or give the workload backupClass$/,
    });
  });

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

  test("a workload backupClass naming an unknown class", () => {
    const { dir, errors } = broken([
      ALPHA,
      "    criticality: life-and-health\n",
      "    criticality: life-and-health\n    backupClass: platinum\n",
    ]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "backupClass: platinum", "platinum"),
      pointer: "/workloads/1/backupClass",
      message: /^unknown backup class "platinum"; expected one of gold, silver$/,
    });
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
  test("missing legalEntity: at the legal section", () => {
    const { dir, errors } = broken([ALPHA, "  legalEntity: Alpha kommune (org. no. 999 999 999)\n", ""]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "  analysisDate:", "analysisDate"),
      pointer: "/legal/legalEntity",
      message: /^missing required field "legalEntity"$/,
    });
  });

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

  test("an empty list of reporting routes", () => {
    const { dir, errors } = broken([ALPHA, /^ {2}reportingRoutes:\n.*\n/m, "  reportingRoutes: []\n"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "reportingRoutes: []", "[]"),
      pointer: "/legal/reportingRoutes",
      message: /fewer than 1 item.*, found a list of 0$/,
    });
  });

  test("a reporting route without its channel", () => {
    const { dir, errors } = broken([ALPHA, ', channel: "https://nsm.no/varsle" }', " }"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "regime: digitalsikkerhetsloven", "{"),
      pointer: "/legal/reportingRoutes/0/channel",
      message: /^missing required field "channel"$/,
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
    const parent = tempDir("out-");
    const outDir = join(parent, "out");

    const r = runSynth(["--sites", dir, "--out", outDir]);

    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const pos = at(dir, SITE, "r9-pdu-x");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(
          `(^|/)tiny/site\\.yaml:${pos.line}:${pos.col}: /facility/devices/0/psus/0/pdu: unknown PDU "r9-pdu-x"; expected one of ${PDUS}$`,
        ),
      ),
      "1 error(s); nothing was written.",
    ]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/internal error|Error:/i);
    expect(existsSync(outDir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    expect(existsSync(join(dir, "tiny", "ipam.lock.yaml"))).toBe(false);
  });

  test("several facility mistakes at once: all reported, in file order, exit 2", () => {
    const dir = sites(
      [SITE, "board: board-b, modules", "board: board-x, modules"],
      [SITE, "hysteresis: 1, route: on-call", "hysteresis: 1, route: pager"],
    );
    const outDir = join(tempDir("out-"), "out");

    const r = runSynth(["--sites", dir, "--out", outDir]);

    expect(r.code).toBe(2);
    const board = at(dir, SITE, "{ id: ups-b", "board-x");
    const route = at(dir, SITE, "id: r1-inlet", "pager");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(new RegExp(`tiny/site\\.yaml:${board.line}:${board.col}: /facility/ups/1/board: unknown board "board-x"; `)),
      expect.stringMatching(
        new RegExp(`tiny/site\\.yaml:${route.line}:${route.col}: /facility/sensors/0/route: unknown alarm route "pager"; `),
      ),
      "2 error(s); nothing was written.",
    ]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(outDir)).toBe(false);
  });
});
