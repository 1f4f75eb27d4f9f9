import { load } from "../helpers";
import { at, broken, expectOnly, SITE, sites, type Edit } from "../spec-error-matchers";

/**
 * Concise forms for what a room repeats (issue 10): a rack's PDU pair, sensor defaults per measure and
 * link patterns. They expand into exactly the explicit form before the schema sees the file, and an
 * error in what they expanded to points at the line the user wrote, saying it came from the form.
 */
const EXPLICIT_PDUS =
  "  pdus:\n" +
  "    - { id: r1-pdu-a, rack: r1, ups: ups-a, capacityKw: 7.4 }\n" +
  "    - { id: r1-pdu-b, rack: r1, ups: ups-b, capacityKw: 7.4 }\n" +
  "    - { id: r2-pdu-a, rack: r2, ups: ups-a, capacityKw: 7.4 }\n" +
  "    - { id: r2-pdu-b, rack: r2, ups: ups-b, capacityKw: 7.4 }\n";
/** Both racks with a PDU pair instead of facility.pdus; `r1` replaces rack r1's pair. */
const pduPairs = (r1 = "{ a: ups-a, b: ups-b, capacityKw: 7.4 }"): Edit[] => [
  [SITE, EXPLICIT_PDUS, ""],
  [SITE, "  - id: r1\n    room: room-a\n", `  - id: r1\n    room: room-a\n    pdus: ${r1}\n`],
  [SITE, "  - id: r2\n    room: room-a\n", "  - id: r2\n    room: room-a\n    pdus: { a: ups-a, b: ups-b, capacityKw: 7.4 }\n"],
];

const SENSOR =
  "    - { id: r1-inlet, rack: r1, measure: inlet-temp, lowCritical: 10, lowWarning: 15, highWarning: 27, highCritical: 32, delayMin: 10, hysteresis: 1, route: on-call }\n";
/** r1-inlet with its thresholds, delay, hysteresis and routing from facility.sensorDefaults (`defaults` replaces them). */
const sensorDefaults = (
  defaults = "{ lowCritical: 10, lowWarning: 15, highWarning: 27, highCritical: 32, delayMin: 10, hysteresis: 1, route: on-call }",
  sensor = "{ id: r1-inlet, rack: r1, measure: inlet-temp }",
): Edit => [SITE, SENSOR, `    - ${sensor}\n  sensorDefaults:\n    inlet-temp: ${defaults}\n`];

const EXPLICIT_LINKS =
  "  links:\n" +
  "    esx01: [{ port: vmnic2, peer: core1, peerPort: eth1/1/1 }, { port: vmnic3, peer: core2, peerPort: eth1/1/1 }]\n" +
  "    esx02: [{ port: vmnic2, peer: core1, peerPort: eth1/1/2 }, { port: vmnic3, peer: core2, peerPort: eth1/1/2 }]\n";
const linkPattern = (peer2 = "core2"): Edit => [
  SITE,
  EXPLICIT_LINKS,
  "  linkPatterns:\n" +
    "    - devices: [esx01, esx02]\n" +
    "      links:\n" +
    "        - { port: vmnic2, peer: core1, peerPort: 'eth1/1/{n}' }\n" +
    `        - { port: vmnic3, peer: ${peer2}, peerPort: 'eth1/1/{n}' }\n`,
];

const facilityOf = (dir: string) => load(dir).sites[0].spec.facility;

test("the concise forms expand into exactly the explicit form", () => {
  const explicit = facilityOf(sites());
  const concise = facilityOf(sites(...pduPairs(), sensorDefaults(), linkPattern()));
  expect(concise?.pdus).toEqual(explicit?.pdus);
  expect(concise?.sensors).toEqual(explicit?.sensors);
  expect(concise?.links).toEqual(explicit?.links);
});

test("a sensor's own fields win over its measure's defaults, and its own route takes no routing from them", () => {
  const fac = facilityOf(
    sites(
      sensorDefaults(
        "{ lowCritical: 10, lowWarning: 15, highWarning: 27, highCritical: 32, delayMin: 10, hysteresis: 1, routes: { warning: office, critical: on-call } }",
        "{ id: r1-inlet, rack: r1, measure: inlet-temp, highCritical: 30, route: on-call }",
      ),
    ),
  );
  expect(fac?.sensors?.[0]).toMatchObject({ highCritical: 30, highWarning: 27, route: "on-call" });
  expect(fac?.sensors?.[0]).not.toHaveProperty("routes");
});

test("links from a pattern follow a device's own; {n:02} pads and first sets the first number", () => {
  const fac = facilityOf(
    sites([
      SITE,
      EXPLICIT_LINKS,
      "  links:\n    esx01: [{ port: vmnic2, peer: core1, peerPort: eth1/1/1 }]\n" +
        "  linkPatterns:\n    - { devices: [esx01, esx02], first: 7, links: [{ port: vmhba1, peer: core2, peerPort: 'p{n:02}' }] }\n",
    ]),
  );
  expect(fac?.links).toEqual({
    esx01: [
      { port: "vmnic2", peer: "core1", peerPort: "eth1/1/1" },
      { port: "vmhba1", peer: "core2", peerPort: "p07" },
    ],
    esx02: [{ port: "vmhba1", peer: "core2", peerPort: "p08" }],
  });
});

describe("errors in expanded entries point at the form", () => {
  test("a PDU pair on an unknown UPS: at the pair's b, once", () => {
    const { dir, errors } = broken(...pduPairs("{ a: ups-a, b: ups-x, capacityKw: 7.4 }"));
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "pdus: { a: ups-a, b: ups-x", "ups-x"),
      pointer: "/racks/0/pdus/b",
      message: /^unknown UPS "ups-x"; expected one of ups-a, ups-b \(from racks\[0\]\.pdus, the PDU pair of rack r1\)$/,
    });
  });

  test("a PDU pair of 0 kW: one error at its capacityKw for both PDUs", () => {
    const { dir, errors } = broken(...pduPairs("{ a: ups-a, b: ups-b, capacityKw: 0 }"));
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "capacityKw: 0", "0"),
      pointer: "/racks/0/pdus/capacityKw",
      message: /^must be > 0, found 0 \(from racks\[0\]\.pdus, the PDU pair of rack r1\)$/,
    });
  });

  test("a PDU pair beside the same PDUs written out: a duplicate at the pair, naming the explicit line", () => {
    const { dir, errors } = broken([
      SITE,
      "  - id: r1\n    room: room-a\n",
      "  - id: r1\n    room: room-a\n    pdus: { a: ups-a, b: ups-b, capacityKw: 7.4 }\n",
    ]);
    const first = at(dir, SITE, "{ id: r1-pdu-a", "{");
    expect(errors.map((e) => [e.pointer, e.line, e.message])).toEqual([
      [
        "/racks/0/id",
        at(dir, SITE, "- id: r1", "r1").line,
        expect.stringMatching(new RegExp(`^duplicate PDU id "r1-pdu-a"; first defined at ${SITE.replace(/[/.]/g, "\\$&")}:${first.line}:`)),
      ],
      ["/racks/0/id", at(dir, SITE, "- id: r1", "r1").line, expect.stringMatching(/^duplicate PDU id "r1-pdu-b"; /)],
    ]);
  });

  test("a bad sensor default: once, at the default, saying it is one", () => {
    const { dir, errors } = broken(
      sensorDefaults("{ lowCritical: 10, lowWarning: 15, highWarning: 27, highCritical: 32, delayMin: -1, hysteresis: 1, route: pager }"),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        ...at(dir, SITE, "delayMin: -1", "-1"),
        pointer: "/facility/sensorDefaults/inlet-temp/delayMin",
        message: "must be >= 0, found -1 (from facility.sensorDefaults.inlet-temp)",
      }),
    ]);
    const routeOnly = broken(
      sensorDefaults("{ lowCritical: 10, lowWarning: 15, highWarning: 27, highCritical: 32, delayMin: 1, hysteresis: 1, route: pager }"),
    );
    expectOnly(routeOnly.errors, {
      file: SITE,
      ...at(routeOnly.dir, SITE, "route: pager", "pager"),
      pointer: "/facility/sensorDefaults/inlet-temp/route",
      message: /^unknown alarm route "pager"; expected one of office, on-call \(from facility\.sensorDefaults\.inlet-temp\)$/,
    });
  });

  test("a link pattern to an unknown peer: at the pattern's link, for each device with its number", () => {
    const { dir, errors } = broken(linkPattern("core9"));
    const spot = at(dir, SITE, "peer: core9", "{");
    expect(errors.map((e) => [e.pointer, e.line, e.col, e.message])).toEqual(
      [1, 2].map((n) => [
        "/facility/linkPatterns/0/links/1/peer",
        spot.line,
        expect.any(Number),
        expect.stringMatching(
          new RegExp(`^unknown device "core9"; expected one of .* \\(from facility\\.linkPatterns\\[0\\] for esx0${n}, \\{n\\} = ${n}\\)$`),
        ),
      ]),
    );
  });

  test("a link pattern for an unknown device: at its name in devices", () => {
    const { dir, errors } = broken(linkPattern(), [SITE, "    - devices: [esx01, esx02]", "    - devices: [esx01, esx09]"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ...at(dir, SITE, "esx09"), pointer: "/facility/linkPatterns/0/devices/1" });
    expect(errors[0].message).toMatch(/^unknown device "esx09"; .* \(from facility\.linkPatterns\[0\] for esx09, \{n\} = 2\)$/);
  });
});
