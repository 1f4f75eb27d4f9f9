import { FACILITY_KINDS, type FacilityKind } from "../../contracts/facility-objects";
import { FACILITY_SCHEMAS, facilityObjectProblems, isFacilityObject } from "../../contracts/facility-guard";
import { evaluate, INPUT_RULE } from "../../policies/engine/evaluate";
import { buildRooms } from "../../policies/engine/room";
import { exampleDocs } from "../policies/example-output";
import { RoomBuilder } from "../policies/room-builder";
import { AS_OF } from "../shared-synth";
import { MAXIMAL, MINIMAL } from "./facility-samples";

type Loose = Record<string, any>;
const copy = (kind: FacilityKind): Loose => structuredClone(MAXIMAL[kind]);

describe("facility guard: every facility object of the example output matches the schema of its kind", () => {
  const inputs = exampleDocs().flatMap((d) =>
    Object.values(d.json.resource?.terraform_data ?? {})
      .map((r) => r.input as Loose | undefined)
      .filter((i): i is Loose => typeof i === "object" && i !== null && "kind" in i)
      .map((input) => ({ stack: d.stack, input })),
  );

  test("there are more than 300 of them, of most kinds", () => {
    expect(inputs.length).toBeGreaterThan(300);
    expect(new Set(inputs.map((i) => i.input.kind)).size).toBeGreaterThanOrEqual(20);
  });

  test("none has a problem", () => {
    const problems = inputs.flatMap(({ stack, input }) => facilityObjectProblems(input).map((p) => `${stack}: ${p}`));
    expect(problems).toEqual([]);
  });

  test("the engine builds them without an ENGINE-INPUT finding", () => {
    const findings = evaluate(buildRooms(exampleDocs()), [], { asOf: AS_OF });
    expect(findings.filter((f) => f.rule === INPUT_RULE)).toEqual([]);
  });
});

describe("facility guard: valid objects", () => {
  test("every kind has a schema", () => {
    expect(Object.keys(FACILITY_SCHEMAS).sort()).toEqual([...FACILITY_KINDS].sort());
  });

  test.each(FACILITY_KINDS.map((k) => [k]))("%s: the smallest and the fullest typed object pass", (kind) => {
    expect(facilityObjectProblems(MINIMAL[kind])).toEqual([]);
    expect(facilityObjectProblems(MAXIMAL[kind])).toEqual([]);
    expect(isFacilityObject(MAXIMAL[kind])).toBe(true);
  });

  test("extra facts a foreign writer adds are allowed, at the top and nested", () => {
    const ups = copy("ups");
    ups.vendorAssetTag = "A-123";
    ups.modules[0].serial = "M-1";
    expect(facilityObjectProblems(ups)).toEqual([]);
  });
});

/** [kind, what is broken, the change, the one expected message] */
const BROKEN: [FacilityKind, string, (o: Loose) => void, string][] = [
  [
    "room",
    "bad enum",
    (o) => (o.roomType = "secondary"),
    'room room-a: /roomType must be one of "primary", "backup", "other", found "secondary"',
  ],
  ["room", "wrong type", (o) => (o.protectionClass = "3"), 'room room-a: /protectionClass must be a number, found "3"'],
  [
    "room",
    "missing required",
    (o) => delete o.roomType,
    'room room-a: /roomType is missing (required: one of "primary", "backup", "other")',
  ],
  ["rack", "wrong type", (o) => (o.designKw = "7"), 'rack r1: /designKw must be a number, found "7"'],
  ["rack", "missing required", (o) => delete o.roomId, "rack r1: /roomId is missing (required: a string)"],
  ["board", "bad enum", (o) => (o.path = "C"), 'board board-a: /path must be one of "A", "B", found "C"'],
  ["board", "missing required", (o) => delete o.capacityKw, "board board-a: /capacityKw is missing (required: a number)"],
  ["generator", "wrong type", (o) => (o.feeds = "board-a"), 'generator gen1: /feeds must be an array, found "board-a"'],
  ["generator", "missing required", (o) => delete o.fuelHours, "generator gen1: /fuelHours is missing (required: a number)"],
  ["generator", "nullable", (o) => (o.atsId = 1), "generator gen1: /atsId must be a string or null, found 1"],
  ["ups", "nested wrong type", (o) => (o.modules[0].kw = "10"), 'ups ups-a: /modules/0/kw must be a number, found "10"'],
  ["ups", "nested missing", (o) => delete o.modules[1].status, "ups ups-a: /modules/1/status is missing (required: a string)"],
  ["ups", "bad enum", (o) => (o.path = "a"), 'ups ups-a: /path must be one of "A", "B", found "a"'],
  ["ups", "missing required", (o) => delete o.runtimeMin, "ups ups-a: /runtimeMin is missing (required: a number)"],
  ["pdu", "bad enum (nullable)", (o) => (o.path = "AB"), 'pdu r1-pdu-a: /path must be one of "A", "B", null, found "AB"'],
  ["pdu", "missing required", (o) => delete o.upsId, "pdu r1-pdu-a: /upsId is missing (required: a string)"],
  [
    "device",
    "bad enum",
    (o) => (o.role = "router"),
    'device esx01: /role must be one of "esxi-host", "firewall", "core-switch", "san-array", "san-controller", "fabric-switch", "backup-server", "tape-library", "other", found "router"',
  ],
  ["device", "nested wrong type", (o) => (o.psus[1].watts = null), "device esx01: /psus/1/watts must be a number, found null"],
  ["device", "nested missing", (o) => delete o.links[0].peerPort, "device esx01: /links/0/peerPort is missing (required: a string)"],
  ["device", "array item type", (o) => (o.controllerIds = ["a", 2]), "device esx01: /controllerIds/1 must be a string, found 2"],
  ["cooling", "wrong type", (o) => (o.kw = true), "cooling crac1: /kw must be a number, found true"],
  ["cooling", "missing required", (o) => delete o.feed, "cooling crac1: /feed is missing (required: a string)"],
  [
    "sensor",
    "bad enum",
    (o) => (o.measure = "temperature"),
    'sensor r1-inlet: /measure must be one of "inlet-temp", "humidity", "smoke", "water", found "temperature"',
  ],
  ["sensor", "nullable wrong type", (o) => (o.highCritical = "30"), 'sensor r1-inlet: /highCritical must be a number or null, found "30"'],
  ["alarm-route", "bad enum", (o) => (o.hours = "24x7"), 'alarm-route vagt: /hours must be one of "24/7", "office", found "24x7"'],
  ["alarm-route", "array item type", (o) => (o.severities = ["critical", 1]), "alarm-route vagt: /severities/1 must be a string, found 1"],
  ["lun", "wrong type", (o) => (o.sizeGb = "2 TB"), 'lun naa.6001: /sizeGb must be a number, found "2 TB"'],
  ["lun", "missing required", (o) => delete o.arrayId, "lun naa.6001: /arrayId is missing (required: a string)"],
  [
    "key-provider",
    "bad enum",
    (o) => (o.providerKind = "hsm"),
    'key-provider native: /providerKind must be one of "native", "kms", found "hsm"',
  ],
  ["key-provider", "wrong type", (o) => (o.redundant = "yes"), 'key-provider native: /redundant must be a boolean, found "yes"'],
  [
    "storage-policy",
    "missing required",
    (o) => delete o.keyProviderId,
    "storage-policy enc: /keyProviderId is missing (required: a string or null)",
  ],
  ["log-collector", "wrong type", (o) => (o.port = "6514"), 'log-collector log.example: /port must be a number, found "6514"'],
  [
    "log-collector",
    "nullable",
    (o) => (o.retentionMonths = "13"),
    'log-collector log.example: /retentionMonths must be a number or null, found "13"',
  ],
  [
    "backup-room",
    "array item type",
    (o) => (o.repositoryIds = [{ id: "bkp01" }]),
    'backup-room room-b: /repositoryIds/0 must be a string, found {"id":"bkp01"}',
  ],
  ["backup-class", "wrong type", (o) => (o.rpoHours = "4h"), 'backup-class gold: /rpoHours must be a number, found "4h"'],
  ["backup-class", "missing required", (o) => delete o.tag, "backup-class gold: /tag is missing (required: a string)"],
  [
    "backup-copy",
    "missing required",
    (o) => delete o.offsiteKm,
    "backup-copy gold-local: /offsiteKm is missing (required: a number or null)",
  ],
  ["backup-copy", "wrong type", (o) => (o.immutable = 1), "backup-copy gold-local: /immutable must be a boolean, found 1"],
  [
    "restore-test",
    "date pattern",
    (o) => (o.date = "28.10.2026"),
    'restore-test rt-gold: /date must be a date YYYY-MM-DD, found "28.10.2026"',
  ],
  ["restore-test", "missing required", (o) => delete o.classId, "restore-test rt-gold: /classId is missing (required: a string)"],
  ["evidence", "nullable date", (o) => (o.nextDue = "soon"), 'evidence ar-1: /nextDue must be a date YYYY-MM-DD, found "soon"'],
  ["evidence", "missing required", (o) => delete o.evidenceKind, "evidence ar-1: /evidenceKind is missing (required: a string)"],
  ["operator", "missing required", (o) => delete o.hostTenant, "operator s: /hostTenant is missing (required: a string or null)"],
  ["tenant", "bad enum", (o) => (o.country = "FI"), 'tenant t: /country must be one of "NO", "SE", "DK", found "FI"'],
  [
    "tenant",
    "nested missing",
    (o) => delete o.reportingRoutes[0].channel,
    "tenant t: /reportingRoutes/0/channel is missing (required: a string)",
  ],
  ["tenant", "missing required", (o) => delete o.dpaRef, "tenant t: /dpaRef is missing (required: a string or null)"],
  [
    "workload",
    "bad enum",
    (o) => (o.criticality = "high"),
    'workload t-web: /criticality must be one of "life-and-health", "critical", "standard", "low", found "high"',
  ],
  [
    "workload",
    "array of nullable",
    (o) => (o.addresses = ["10.0.1.10", 7]),
    "workload t-web: /addresses/1 must be a string or null, found 7",
  ],
  [
    "workload",
    "bad enum (sensitivity)",
    (o) => (o.sensitivity = "secret"),
    'workload t-web: /sensitivity must be one of "public", "internal", "personal", "health", "security-classified", found "secret"',
  ],
  [
    "policy-parameters",
    "map value type",
    (o) => (o.rules["RED-HOST-N1"].vcpuRatio = [4]),
    "policy-parameters s: /rules/RED-HOST-N1/vcpuRatio must be a string, a number or a boolean, found [4]",
  ],
  ["policy-parameters", "wrong type", (o) => (o.rules = []), "policy-parameters s: /rules must be an object, found []"],
  [
    "host-hardening",
    "nested enum (ssh startPolicy)",
    (o) => (o.ssh.startPolicy = "manual"),
    'host-hardening esx01: /ssh/startPolicy must be one of "off", "on", "automatic", found "manual"',
  ],
  [
    "host-hardening",
    "wrong type (a lockout threshold as text)",
    (o) => (o.accountLockFailures = "5"),
    'host-hardening esx01: /accountLockFailures must be a number, found "5"',
  ],
  [
    "threat-feeds",
    "wrong type (licensed as text)",
    (o) => (o.licensed = "yes"),
    'threat-feeds g: /licensed must be a boolean, found "yes"',
  ],
  [
    "vm-template",
    "bad enum (firmware)",
    (o) => (o.firmware = "uefi"),
    'vm-template rhel9: /firmware must be one of "efi", "bios", found "uefi"',
  ],
  ["waiver", "date pattern", (o) => (o.expires = "2027-6-30"), 'waiver w1: /expires must be a date YYYY-MM-DD, found "2027-6-30"'],
  ["waiver", "missing required", (o) => delete o.approver, "waiver w1: /approver is missing (required: a string)"],
  [
    "approver",
    "bad enum (severity)",
    (o) => (o.authority.severities = ["severe"]),
    'approver ciso: /authority/severities/0 must be one of "critical", "high", "medium", "low", found "severe"',
  ],
];

describe("facility guard: broken objects are named by object, JSON path, expected and found", () => {
  test.each(BROKEN)("%s: %s", (kind, _what, change, message) => {
    const o = copy(kind);
    change(o);
    expect(facilityObjectProblems(o)).toEqual([message]);
    expect(isFacilityObject(o)).toBe(false);
  });

  test("every kind has a broken case above", () => {
    expect(new Set(BROKEN.map(([k]) => k))).toEqual(new Set(FACILITY_KINDS));
  });

  test("a broken source is found in every kind (the shared FactSource)", () => {
    const rack = copy("rack");
    rack.source = { document: "drawing" };
    expect(facilityObjectProblems(rack)).toEqual(["rack r1: /source/verified is missing (required: a date YYYY-MM-DD)"]);
    rack.source = "drawing";
    expect(facilityObjectProblems(rack)).toEqual(['rack r1: /source must be an object, found "drawing"']);
  });

  test("several mistakes: one message each", () => {
    const ups = copy("ups");
    ups.modules[0].kw = "10";
    ups.path = "C";
    delete ups.boardId;
    expect(facilityObjectProblems(ups).sort()).toEqual(
      [
        "ups ups-a: /boardId is missing (required: a string)",
        'ups ups-a: /modules/0/kw must be a number, found "10"',
        'ups ups-a: /path must be one of "A", "B", found "C"',
      ].sort(),
    );
  });

  test("a Terraform expression where a fact belongs is named as one", () => {
    const rack = copy("rack");
    rack.designKw = "${var.rack_kw}";
    expect(facilityObjectProblems(rack)).toEqual([
      'rack r1: /designKw must be a number, found "${var.rack_kw}" (a Terraform expression: facility facts are literal values)',
    ]);
  });

  test("no object, no known kind, no id", () => {
    expect(facilityObjectProblems("ups")).toEqual(['facility object must be an object, found "ups"']);
    expect(facilityObjectProblems(null)).toEqual(["facility object must be an object, found null"]);
    expect(facilityObjectProblems([MAXIMAL.ups])).toEqual([expect.stringMatching(/^facility object must be an object, found \[/)]);
    expect(facilityObjectProblems({ id: "x" })).toEqual([
      expect.stringMatching(/^facility object: \/kind must be one of "room", "rack", .*, found nothing$/),
    ]);
    expect(facilityObjectProblems({ kind: "switch", id: "x" })).toEqual([expect.stringMatching(/, found "switch"$/)]);
    const noId = copy("cooling");
    delete noId.id;
    expect(facilityObjectProblems(noId)).toEqual(["cooling (no id): /id is missing (required: a string)"]);
  });

  test("isFacilityObject narrows", () => {
    const input: unknown = copy("ups");
    if (!isFacilityObject(input)) throw new Error("expected a facility object");
    expect(input.kind).toBe("ups");
  });
});

describe("facility guard is the engine's default validator", () => {
  const broken = () =>
    new RoomBuilder("s")
      .facility("room", { id: "room-a", roomType: "primary" })
      .facility("ups", {
        id: "ups-a",
        path: "A",
        roomId: "room-a",
        boardId: "board-a",
        modules: [{ kw: 10, status: "ok" }],
        runtimeMin: 15,
      })
      .edit("facility", "terraform_data", "ups_ups-a", (v) => ((v.input as Loose).modules[0].kw = "10"));

  test("a malformed facility object is an ENGINE-INPUT error finding at its resource, and is left out of the room", () => {
    const rooms = buildRooms(broken().docs());
    const findings = evaluate(rooms, [], { asOf: AS_OF });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: INPUT_RULE,
        outcome: "error",
        enforcement: "mandatory",
        site: "s",
        stack: "s-facility",
        address: "terraform_data.ups_ups-a",
        observed: 'ups ups-a: /modules/0/kw must be a number, found "10"',
        message: 's-facility: terraform_data.ups_ups-a: ups ups-a: /modules/0/kw must be a number, found "10"',
      }),
    ]);
    expect(rooms[0].facility("ups")).toEqual([]);
    expect(rooms[0].facility("room").map((r) => r.id)).toEqual(["room-a"]);
  });

  test("another validator can still be given (none: everything passes through)", () => {
    const rooms = buildRooms(broken().docs(), () => []);
    expect(evaluate(rooms, [], { asOf: AS_OF })).toEqual([]);
    expect(rooms[0].facility("ups").map((u) => u.id)).toEqual(["ups-a"]);
  });
});
