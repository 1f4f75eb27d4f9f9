import { DataResource, Testing } from "cdktf";
import { PowerAndCooling, type PowerAndCoolingProps } from "../../constructs/power-and-cooling";
import type { DeviceRecord } from "../../spec/facility/devices";
import type { Facility, Rack, Room } from "../../spec/types";
import { SITE, resources } from "./fixtures";

const rooms = (): Room[] => [
  {
    id: "room-a",
    type: "primary",
    building: "Town hall",
    fireCell: "BC1",
    epoZone: "EPO1",
    protectionClass: 3,
    fireSuppression: "inert gas",
  },
];
const racks = (): Rack[] => [
  { id: "r1", room: "room-a", designKw: 8 },
  { id: "r2", room: "room-a" },
];
const drawing = { document: "Tinyby room drawing E-100 rev 3", verified: "2026-09-01" };
const upsReport = { document: "UPS service report 2026-10", verified: "2026-10-15" };

const facility = (): Facility => ({
  defaultSource: drawing,
  boards: [
    { id: "board-a", path: "A", room: "room-a", capacityKw: 40 },
    { id: "board-b", path: "B", room: "room-a", capacityKw: 40 },
  ],
  generators: [{ id: "gen1", kw: 120, fuelHours: 36, ats: "ats1", feeds: ["board-a", "board-b"] }],
  ups: [
    {
      id: "ups-a",
      path: "A",
      room: "room-a",
      board: "board-a",
      modules: [
        { kw: 10, status: "ok" },
        { kw: 10, status: "in-repair" },
      ],
      runtimeMin: 15,
      source: upsReport,
    },
    { id: "ups-b", path: "B", room: "room-a", board: "board-b", modules: [{ kw: 10, status: "ok" }], runtimeMin: 15 },
  ],
  pdus: [
    { id: "r1-pdu-a", rack: "r1", ups: "ups-a", capacityKw: 7.4 },
    { id: "r1-pdu-b", rack: "r1", ups: "ups-b", capacityKw: 7.4 },
    { id: "r2-pdu-x", rack: "r2", ups: "ups-gone", capacityKw: 7.4 },
  ],
  cooling: [{ id: "crac1", room: "room-a", kw: 20, feed: "board-a" }],
  alarmRoutes: [{ id: "on-call", target: "on-call phone", hours: "24/7", severities: ["critical"] }],
  sensors: [
    {
      id: "r1-inlet",
      rack: "r1",
      measure: "inlet-temp",
      lowCritical: 10,
      lowWarning: 15,
      highWarning: 27,
      highCritical: 32,
      delayMin: 5,
      hysteresis: 1,
      route: "on-call",
    },
  ],
});

const esx01 = (): DeviceRecord => ({
  id: "esx01",
  role: "esxi-host",
  rackId: "r1",
  psus: [
    { pduId: "r1-pdu-a", watts: 600 },
    { pduId: null, watts: 600 },
  ],
  links: [{ port: "vmnic2", peerDeviceId: "core1", peerPort: "eth1/1/1" }],
  extra: { vsphereHostname: "esx01.tiny.example", cluster: "prod" },
  pointer: "/clusters/0/hosts/0",
  declared: {},
});

const props = (extra: Partial<PowerAndCoolingProps> = {}): PowerAndCoolingProps => ({
  siteName: SITE,
  rooms: rooms(),
  racks: racks(),
  facility: facility(),
  devices: [esx01()],
  ...extra,
});

const synth = (extra: Partial<PowerAndCoolingProps> = {}) => {
  const json = Testing.synthScope((scope) => {
    new PowerAndCooling(scope, "power-and-cooling", props(extra));
  });
  return Object.fromEntries(
    Object.entries(resources(json, DataResource.tfResourceType)).map(([k, v]) => [k, v.input as Record<string, unknown>]),
  );
};

describe("PowerAndCooling", () => {
  const objects = synth();

  test("every object of the room is one terraform_data <kind>_<id>", () => {
    expect(Object.keys(objects).sort()).toEqual(
      [
        "room_room-a",
        "rack_r1",
        "rack_r2",
        "board_board-a",
        "board_board-b",
        "generator_gen1",
        "ups_ups-a",
        "ups_ups-b",
        "pdu_r1-pdu-a",
        "pdu_r1-pdu-b",
        "pdu_r2-pdu-x",
        "device_esx01",
        "cooling_crac1",
        "alarm-route_on-call",
        "sensor_r1-inlet",
      ].sort(),
    );
    for (const [address, input] of Object.entries(objects)) expect(address).toBe(`${String(input.kind)}_${String(input.id)}`);
  });

  test("rooms carry their fire cell, EPO zone, protection class and fire suppression", () => {
    expect(objects["room_room-a"]).toMatchObject({
      site: SITE,
      roomType: "primary",
      building: "Town hall",
      fireCell: "BC1",
      epoZone: "EPO1",
      protectionClass: 3,
      fireSuppression: "inert gas",
    });
  });

  test("typed facts carry the facility's default source, unless they name their own", () => {
    expect(objects["board_board-a"].source).toEqual(drawing);
    expect(objects["ups_ups-a"].source).toEqual(upsReport);
    expect(objects["ups_ups-b"].source).toEqual(drawing);
  });

  test("rooms and racks never take the facility's default source: a room its own, a rack its own or its room's", () => {
    expect(objects["room_room-a"]).not.toHaveProperty("source");
    expect(objects.rack_r1).not.toHaveProperty("source");
    const fireDrawing = { document: "Fire-safety drawing B-10", verified: "2026-05-02" };
    const rackPlan = { document: "Rack elevation R-1", verified: "2026-06-03" };
    const own = synth({
      rooms: rooms().map((r) => ({ ...r, source: fireDrawing })),
      racks: racks().map((r) => (r.id === "r2" ? { ...r, source: rackPlan } : r)),
    });
    expect(own["room_room-a"].source).toEqual(fireDrawing);
    expect(own.rack_r1.source).toEqual(fireDrawing);
    expect(own.rack_r2.source).toEqual(rackPlan);
  });

  test("a device's source is the one siteDevices resolved, with no default of the construct's own", () => {
    const objects = synth({ devices: [esx01(), { ...esx01(), id: "esx02", source: upsReport }] });
    expect(objects.device_esx01).not.toHaveProperty("source");
    expect(objects.device_esx02.source).toEqual(upsReport);
  });

  test("UPS record their path, board, runtime and every module with its status", () => {
    expect(objects["ups_ups-a"]).toMatchObject({
      path: "A",
      boardId: "board-a",
      runtimeMin: 15,
      modules: [
        { kw: 10, status: "ok" },
        { kw: 10, status: "in-repair" },
      ],
    });
  });

  test("a PDU's power path follows its UPS; an unknown UPS gives path null (the rules report it)", () => {
    expect(objects["pdu_r1-pdu-a"]).toMatchObject({ upsId: "ups-a", path: "A", rackId: "r1" });
    expect(objects["pdu_r1-pdu-b"]).toMatchObject({ upsId: "ups-b", path: "B" });
    expect(objects["pdu_r2-pdu-x"]).toMatchObject({ upsId: "ups-gone", path: null });
  });

  test("devices carry their supplies (an unwired one with pdu null), links and join keys", () => {
    expect(objects.device_esx01).toMatchObject({
      role: "esxi-host",
      rackId: "r1",
      psus: [
        { pduId: "r1-pdu-a", watts: 600 },
        { pduId: null, watts: 600 },
      ],
      links: [{ port: "vmnic2", peerDeviceId: "core1", peerPort: "eth1/1/1" }],
      vsphereHostname: "esx01.tiny.example",
      cluster: "prod",
    });
  });

  test("sensors have two-sided thresholds, a delay, hysteresis and an alarm route", () => {
    expect(objects["sensor_r1-inlet"]).toMatchObject({
      rackId: "r1",
      measure: "inlet-temp",
      lowCritical: 10,
      lowWarning: 15,
      highWarning: 27,
      highCritical: 32,
      delayMin: 5,
      hysteresis: 1,
      routeId: "on-call",
    });
  });

  test("a sensor routes each threshold: its own entry, else its severity's, else route", () => {
    const fac = facility();
    fac.alarmRoutes = [...(fac.alarmRoutes ?? []), { id: "queue", target: "operations queue", hours: "office", severities: ["warning"] }];
    fac.sensors = [
      { ...(fac.sensors ?? [])[0], route: undefined, routes: { warning: "queue", critical: "on-call" } },
      { ...(fac.sensors ?? [])[0], id: "r2-inlet", rack: "r2", route: "on-call", routes: { lowWarning: "queue" } },
    ];
    const objects = synth({ facility: fac });
    expect(objects["sensor_r1-inlet"]).toMatchObject({
      routeId: null,
      routes: { lowCritical: "on-call", lowWarning: "queue", highWarning: "queue", highCritical: "on-call" },
    });
    expect(objects["sensor_r2-inlet"]).toMatchObject({
      routeId: "on-call",
      routes: { lowCritical: "on-call", lowWarning: "queue", highWarning: "on-call", highCritical: "on-call" },
    });
  });

  test("generators, cooling and alarm routes", () => {
    expect(objects.generator_gen1).toMatchObject({ kw: 120, fuelHours: 36, atsId: "ats1", feeds: ["board-a", "board-b"] });
    expect(objects.cooling_crac1).toMatchObject({ roomId: "room-a", kw: 20, feed: "board-a" });
    expect(objects["alarm-route_on-call"]).toMatchObject({ target: "on-call phone", hours: "24/7", severities: ["critical"] });
  });

  test("references between objects are plain ids, never Terraform references", () => {
    expect(JSON.stringify(objects)).not.toContain("${");
  });

  test("no facility: only rooms, racks and devices are recorded, with no source", () => {
    const objects = synth({ facility: undefined });
    expect(Object.keys(objects).sort()).toEqual(["device_esx01", "rack_r1", "rack_r2", "room_room-a"]);
    for (const input of Object.values(objects)) expect(input).not.toHaveProperty("source");
  });
});
