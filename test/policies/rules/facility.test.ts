import { BackupHasACopyAtAnotherSite } from "../../../policies/rules/facility/BackupHasACopyAtAnotherSite";
import { BackupRoomIsSeparateFromThePrimaryRoom } from "../../../policies/rules/facility/BackupRoomIsSeparateFromThePrimaryRoom";
import { CoolingSurvivesLosingItsLargestUnit } from "../../../policies/rules/facility/CoolingSurvivesLosingItsLargestUnit";
import { FacilityEquipmentIsServiced } from "../../../policies/rules/facility/FacilityEquipmentIsServiced";
import { ItRoomsHaveControlledLoggedAccess } from "../../../policies/rules/facility/ItRoomsHaveControlledLoggedAccess";
import { RackInletsAreAlarmedWithoutFalsePages } from "../../../policies/rules/facility/RackInletsAreAlarmedWithoutFalsePages";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../room-builder";

/**
 * A primary room r1 (rack k1: one device drawing 2 x 3 kW) and a backup room r2 (rack k2: 2 x 0.5 kW),
 * each with two boards, two UPS, two PDUs and two cooling units on both boards, an inlet sensor per
 * rack on a 24/7 route that pages only critical, a backup room with a local and an off-site copy, and
 * current service records for every UPS, the generator, every cooling unit and both rooms.
 */
function site(): RoomBuilder {
  const b = new RoomBuilder();
  const access = {
    protectionClass: 3,
    fireSuppression: "inert gas",
    accessLogged: true,
    intrusionAlarm: true,
    cctv: false,
    liquidPipesAboveIt: false,
  };
  b.facility("room", { id: "r1", roomType: "primary", building: "B1", fireCell: "C1", epoZone: "E1", ...access });
  b.facility("room", { id: "r2", roomType: "backup", building: "B1", fireCell: "C2", epoZone: "E2", ...access });
  b.facility("rack", { id: "k1", roomId: "r1", designKw: 10 });
  b.facility("rack", { id: "k2", roomId: "r2", designKw: 4 });
  for (const [prefix, roomId] of [
    ["", "r1"],
    ["x", "r2"],
  ] as const) {
    for (const path of ["A", "B"] as const) {
      const p = path.toLowerCase();
      b.facility("board", { id: `${prefix}b${p}`, path, roomId, capacityKw: 40 });
      b.facility("ups", {
        id: `${prefix}u${p}`,
        path,
        roomId,
        boardId: `${prefix}b${p}`,
        runtimeMin: 15,
        modules: [
          { kw: 10, status: "ok" },
          { kw: 10, status: "ok" },
        ],
      });
      b.facility("pdu", { id: `${prefix}p${p}`, rackId: roomId === "r1" ? "k1" : "k2", upsId: `${prefix}u${p}`, path, capacityKw: 11 });
    }
  }
  b.facility("generator", { id: "g1", kw: 100, fuelHours: 24, atsId: "ats1", feeds: ["ba", "bb", "xba", "xbb"] });
  b.facility("device", {
    id: "d1",
    role: "other",
    rackId: "k1",
    links: [],
    psus: [
      { pduId: "pa", watts: 3000 },
      { pduId: "pb", watts: 3000 },
    ],
  });
  b.facility("device", {
    id: "d2",
    role: "backup-server",
    rackId: "k2",
    links: [],
    psus: [
      { pduId: "xpa", watts: 500 },
      { pduId: "xpb", watts: 500 },
    ],
  });
  b.facility("cooling", { id: "c1", roomId: "r1", kw: 8, feed: "ba" });
  b.facility("cooling", { id: "c2", roomId: "r1", kw: 8, feed: "bb" });
  b.facility("cooling", { id: "c3", roomId: "r2", kw: 4, feed: "xba" });
  b.facility("cooling", { id: "c4", roomId: "r2", kw: 4, feed: "xbb" });
  b.facility("alarm-route", { id: "oncall", target: "on-call phone", hours: "24/7", severities: ["critical"] });
  b.facility("alarm-route", { id: "queue", target: "operations queue", hours: "office", severities: ["warning"] });
  for (const rack of ["k1", "k2"])
    b.facility("sensor", {
      id: `${rack}-inlet`,
      rackId: rack,
      measure: "inlet-temp",
      lowCritical: 10,
      lowWarning: 15,
      highWarning: 27,
      highCritical: 30,
      delayMin: 10,
      hysteresis: 1,
      routeId: "oncall",
    });
  b.facility("sensor", { id: "r1-water", roomId: "r1", measure: "water", highCritical: 0.9, routeId: "oncall" });
  b.facility("backup-room", { id: "r2", roomId: "r2", repositoryIds: ["d2"] });
  b.facility("backup-class", { id: "gold", rpoHours: 4, retentionDays: 30, immutable: true, offsite: true, tag: "backup-gold" });
  b.facility("backup-copy", {
    id: "gold-local",
    classId: "gold",
    roomId: "r2",
    offsiteSite: null,
    media: "disk",
    immutable: true,
    offsiteKm: null,
  });
  b.facility("backup-copy", {
    id: "gold-off",
    classId: "gold",
    roomId: null,
    offsiteSite: "Nabokommune, serverrom",
    media: "object-storage",
    immutable: true,
    offsiteKm: 25,
  });
  for (const about of ["ua", "ub", "xua", "xub", "g1", "c1", "c2", "c3", "c4", "r1", "r2"])
    b.facility("evidence", {
      id: `svc-${about}`,
      about,
      evidenceKind: "service",
      date: "2026-06-01",
      result: "pass",
      by: "service technician",
      documentRef: `SRV-${about}`,
      nextDue: "2027-06-01",
    });
  return b;
}

/** A foreign room: Terraform without facility objects. */
const foreign = () => new RoomBuilder().resource("vsphere", "vsphere_host", "h1", { hostname: "esx01" });

describe("RED-COOL-N1 CoolingSurvivesLosingItsLargestUnit", () => {
  const rule = CoolingSurvivesLosingItsLargestUnit;
  test("passes when the units left after losing the largest, or the busiest board, carry the devices' heat", () => {
    const f = findingsOf(rule, site());
    expect(outcomes(f)).toEqual({
      "terraform_data.room_r1#capacity": "pass",
      "terraform_data.room_r1#feeds": "pass",
      "terraform_data.room_r2#capacity": "pass",
      "terraform_data.room_r2#feeds": "pass",
    });
    const cap = findingAt(f, "terraform_data.room_r1#capacity");
    expect(cap.observed).toBe("2 x 8 kW minus the largest = 8 kW");
    expect(cap.expected).toBe(">= 2 units and >= heat load 6 kW (declared draw of the devices; racks' design 10 kW)");
    expect(cap.evidence).toBe("declared");
    expect(findingAt(f, "terraform_data.room_r1#feeds").observed).toBe(
      "board ba (path A) 8 kW, board bb (path B) 8 kW; losing board ba (path A) leaves 8 kW",
    );
  });
  test("fails when losing the largest unit leaves less than the heat load", () => {
    const f = findingsOf(
      rule,
      site().editFacility("cooling", "c2", (c) => (c.kw = 4)),
    );
    expect(findingAt(f, "terraform_data.room_r1#capacity")).toMatchObject({
      outcome: "fail",
      observed: "8 + 4 kW minus the largest = 4 kW",
    });
    expect(findingAt(f, "terraform_data.room_r1#feeds")).toMatchObject({
      outcome: "fail",
      observed: "board ba (path A) 8 kW, board bb (path B) 4 kW; losing board ba (path A) leaves 4 kW",
    });
  });
  test("one unit is no N+1 even when it alone is large enough", () => {
    const b = site().editFacility("cooling", "c2", (c) => (c.roomId = "r2"));
    b.editFacility("cooling", "c1", (c) => (c.kw = 20));
    expect(findingAt(findingsOf(rule, b), "terraform_data.room_r1#capacity")).toMatchObject({
      outcome: "fail",
      observed: "1 x 20 kW minus the largest = 0 kW (1 unit: no spare)",
    });
  });
  test("fails when both units hang on one board (a UPS counts as its board)", () => {
    const f = findingsOf(
      rule,
      site().editFacility("cooling", "c2", (c) => (c.feed = "ua")),
    );
    expect(findingAt(f, "terraform_data.room_r1#capacity").outcome).toBe("pass");
    expect(findingAt(f, "terraform_data.room_r1#feeds")).toMatchObject({
      outcome: "fail",
      observed: "board ba (path A) 16 kW; losing board ba (path A) leaves 0 kW",
    });
  });
  test("a feed that is no board or UPS is an error, and the unit counts as lost", () => {
    const f = findingsOf(
      rule,
      site().editFacility("cooling", "c2", (c) => (c.feed = "nowhere")),
    );
    expect(findingAt(f, "terraform_data.cooling_c2#feed")).toMatchObject({
      outcome: "error",
      observed: 'feed "nowhere" is neither a board nor a UPS of the site',
    });
    expect(findingAt(f, "terraform_data.room_r1#feeds").outcome).toBe("fail");
  });
  test("a unit in a room that does not exist is an error", () => {
    const f = findingsOf(
      rule,
      site().editFacility("cooling", "c4", (c) => (c.roomId = "r9")),
    );
    expect(findingAt(f, "terraform_data.cooling_c4#room")).toMatchObject({ outcome: "error", observed: 'roomId "r9": no such room' });
  });
  test("basis design-kw checks against the racks' design kW and prints the draw beside it", () => {
    const f = findingsOf(rule, site(), { "RED-COOL-N1": { basis: "design-kw" } });
    expect(findingAt(f, "terraform_data.room_r1#capacity")).toMatchObject({
      outcome: "fail",
      expected: ">= 2 units and >= racks' design 10 kW (declared draw of the devices 6 kW)",
    });
    expect(findingAt(f, "terraform_data.room_r2#capacity").outcome).toBe("pass");
  });
  test("a room without racks has no heat to remove", () => {
    const f = findingsOf(rule, site().facility("room", { id: "r3", roomType: "other", fireCell: "C3", epoZone: "E3" }));
    expect(findingAt(f, "terraform_data.room_r3#capacity")).toMatchObject({ outcome: "not-applicable", observed: "no units; no racks" });
  });
  test("input without facility objects is not evaluable", () => {
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable", observed: "no facility objects" }]);
  });
});

describe("ENV-THERMAL-ALARM RackInletsAreAlarmedWithoutFalsePages", () => {
  const rule = RackInletsAreAlarmedWithoutFalsePages;
  test("passes with an inlet sensor per rack, two-sided thresholds and only critical paging at night", () => {
    const f = findingsOf(rule, site());
    expect(outcomes(f)).toEqual({
      "terraform_data.rack_k1#inlet-sensors": "pass",
      "terraform_data.rack_k2#inlet-sensors": "pass",
      "terraform_data.sensor_k1-inlet#route": "pass",
      "terraform_data.sensor_k1-inlet#thresholds": "pass",
      "terraform_data.sensor_k1-inlet#paging": "pass",
      "terraform_data.sensor_k2-inlet#route": "pass",
      "terraform_data.sensor_k2-inlet#thresholds": "pass",
      "terraform_data.sensor_k2-inlet#paging": "pass",
      "terraform_data.sensor_r1-water#route": "pass",
      "terraform_data.alarm-route_oncall#night-pages": "pass",
      "terraform_data.alarm-route_queue#night-pages": "not-applicable",
    });
    expect(findingAt(f, "terraform_data.rack_k1#inlet-sensors")).toMatchObject({
      observed: "1 inlet sensor (k1-inlet)",
      expected: ">= 1 (design 10 kW; declared draw 6 kW; dense from 5 kW)",
    });
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#thresholds").observed).toBe(
      "low critical 10 °C, low warning 15 °C, high warning 27 °C, high critical 30 °C, delay 10 min",
    );
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging").observed).toBe(
      "route oncall (24/7, pages critical): pages at night high critical 30 °C, low critical 10 °C",
    );
  });
  test("a rack without an inlet sensor fails; a dense rack can be asked for three", () => {
    const b = site();
    b.editFacility("sensor", "k2-inlet", (s) => (s.rackId = "k1"));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.rack_k2#inlet-sensors")).toMatchObject({ outcome: "fail", observed: "0 inlet sensors" });
    const dense = findingsOf(rule, site(), { "ENV-THERMAL-ALARM": { minInletSensorsDenseRack: 3 } });
    expect(findingAt(dense, "terraform_data.rack_k1#inlet-sensors")).toMatchObject({
      outcome: "fail",
      expected: ">= 3 (design 10 kW; declared draw 6 kW; dense from 5 kW)",
    });
    expect(findingAt(dense, "terraform_data.rack_k2#inlet-sensors").outcome).toBe("pass");
  });
  test("thresholds above the recommended envelope or the A1 allowable limit, or one-sided, fail", () => {
    const b = site();
    b.editFacility("sensor", "k1-inlet", (s) => Object.assign(s, { highWarning: 28, highCritical: 35 }));
    b.editFacility("sensor", "k2-inlet", (s) => Object.assign(s, { lowWarning: null, lowCritical: null, delayMin: 0 }));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#thresholds")).toMatchObject({
      outcome: "fail",
      message: "sensor k1-inlet: high warning 28 °C above 27 °C; high critical 35 °C above 32 °C",
    });
    expect(findingAt(f, "terraform_data.sensor_k2-inlet#thresholds")).toMatchObject({
      outcome: "fail",
      observed: "low critical none, low warning none, high warning 27 °C, high critical 30 °C, delay 0 min",
      message: "sensor k2-inlet: no low threshold (one-sided); delay 0 min below 5 min",
    });
  });
  test("a low threshold that pages at night inside the A1 allowable range fails", () => {
    const f = findingsOf(
      rule,
      site().editFacility("sensor", "k1-inlet", (s) => (s.lowCritical = 16)),
    );
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging")).toMatchObject({
      outcome: "fail",
      message: "sensor k1-inlet: low critical 16 °C pages at night inside the A1 allowable range (above 15 °C)",
    });
  });
  test("a low warning above 15 °C on a route that pages only critical pages nobody and passes", () => {
    const f = findingsOf(
      rule,
      site().editFacility("sensor", "k1-inlet", (s) => (s.lowWarning = 18)),
    );
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging").outcome).toBe("pass");
  });
  test("a 24/7 route that pages warnings fails, and the low warning it pages then counts", () => {
    const b = site();
    b.editFacility("alarm-route", "oncall", (r) => (r.severities = ["critical", "warning"]));
    b.editFacility("sensor", "k2-inlet", (s) => (s.lowWarning = 18));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.alarm-route_oncall#night-pages")).toMatchObject({
      outcome: "fail",
      observed: "24/7 route pages critical, warning",
    });
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging").outcome).toBe("pass");
    expect(findingAt(f, "terraform_data.sensor_k2-inlet#paging")).toMatchObject({
      outcome: "fail",
      observed:
        "route oncall (24/7, pages critical, warning): pages at night high critical 30 °C, low critical 10 °C, low warning 18 °C, high warning 27 °C",
    });
  });
  test("a high critical on an office-hours route pages nobody at night and fails", () => {
    const f = findingsOf(
      rule,
      site().editFacility("sensor", "k1-inlet", (s) => (s.routeId = "queue")),
    );
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging")).toMatchObject({
      outcome: "fail",
      // Every critical threshold pages at night: a frozen room as much as a stopped cooling unit.
      message: "sensor k1-inlet: high critical 30 °C pages nobody at night; low critical 10 °C pages nobody at night",
    });
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#route").outcome).toBe("pass");
  });
  test("routes per threshold: warnings to the office queue and criticals to on-call pass; a critical to the queue fails", () => {
    const perSeverity = { lowCritical: "oncall", lowWarning: "queue", highWarning: "queue", highCritical: "oncall" };
    const b = site();
    b.editFacility("sensor", "k1-inlet", (s) => Object.assign(s, { routeId: null, routes: perSeverity, lowWarning: 18 }));
    b.editFacility("sensor", "k2-inlet", (s) => (s.routes = { ...perSeverity, lowCritical: "queue" }));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#route")).toMatchObject({
      outcome: "pass",
      observed:
        "routes low critical oncall (24/7, pages critical), low warning queue (office, pages warning), high warning queue (office, pages warning), high critical oncall (24/7, pages critical)",
    });
    // A low warning of 18 °C on the office queue pages nobody at night.
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging")).toMatchObject({ outcome: "pass" });
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging").observed).toMatch(
      /pages at night high critical 30 °C, low critical 10 °C$/,
    );
    expect(findingAt(f, "terraform_data.sensor_k2-inlet#paging")).toMatchObject({
      outcome: "fail",
      message: "sensor k2-inlet: low critical 10 °C pages nobody at night",
    });
  });
  test("a threshold whose own route is unknown is an error naming it; a threshold without a route fails", () => {
    const b = site();
    b.editFacility(
      "sensor",
      "k1-inlet",
      (s) => (s.routes = { lowCritical: "oncall", lowWarning: "gone", highWarning: "queue", highCritical: "oncall" }),
    );
    b.editFacility("sensor", "k2-inlet", (s) =>
      Object.assign(s, {
        routeId: null,
        routes: { lowCritical: "oncall", lowWarning: null, highWarning: "queue", highCritical: "oncall" },
      }),
    );
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#route")).toMatchObject({
      outcome: "error",
      observed: 'route "gone": no such alarm route for low warning',
    });
    expect(findingAt(f, "terraform_data.sensor_k2-inlet#route")).toMatchObject({ outcome: "fail", observed: "no route for low warning" });
  });
  test("a route that does not exist is an error; no route is a failure; a sensor on an unknown rack is an error", () => {
    const b = site();
    b.editFacility("sensor", "k1-inlet", (s) => (s.routeId = "gone"));
    b.editFacility("sensor", "r1-water", (s) => (s.routeId = null));
    b.editFacility("sensor", "k2-inlet", (s) => (s.rackId = "k9"));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#route")).toMatchObject({
      outcome: "error",
      observed: 'route "gone": no such alarm route',
    });
    expect(findingAt(f, "terraform_data.sensor_k1-inlet#paging").outcome).toBe("fail");
    expect(findingAt(f, "terraform_data.sensor_r1-water#route")).toMatchObject({ outcome: "fail", observed: "no route" });
    expect(findingAt(f, "terraform_data.sensor_k2-inlet#rack")).toMatchObject({ outcome: "error", observed: 'rackId "k9": no such rack' });
  });
  test("an inlet sensor on the room, not a rack, fails", () => {
    const f = findingsOf(
      rule,
      site().facility("sensor", {
        id: "r1-air",
        roomId: "r1",
        measure: "inlet-temp",
        highWarning: 27,
        highCritical: 30,
        lowCritical: 10,
        delayMin: 10,
        routeId: "oncall",
      }),
    );
    expect(findingAt(f, "terraform_data.sensor_r1-air#rack")).toMatchObject({ outcome: "fail", observed: "an inlet sensor on room r1" });
  });
  test("an office-hours route is not applicable; input without facility objects is not evaluable", () => {
    expect(findingAt(findingsOf(rule, site()), "terraform_data.alarm-route_queue#night-pages")).toMatchObject({
      outcome: "not-applicable",
      observed: "office route pages warning",
    });
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable", observed: "no facility objects" }]);
  });
});

describe("PHY-FIRE-SEP BackupRoomIsSeparateFromThePrimaryRoom", () => {
  const rule = BackupRoomIsSeparateFromThePrimaryRoom;
  test("passes when the backup room has its own fire cell, EPO zone and power, and both rooms have suppression", () => {
    const f = findingsOf(rule, site());
    expect(outcomes(f)).toEqual({
      "terraform_data.room_r2#fire-cell": "pass",
      "terraform_data.room_r2#epo-zone": "pass",
      "terraform_data.room_r2#power": "pass",
      "terraform_data.room_r2#repositories": "pass",
      "terraform_data.room_r1#fire-suppression": "pass",
      "terraform_data.room_r2#fire-suppression": "pass",
    });
    expect(findingAt(f, "terraform_data.room_r2#fire-cell").observed).toBe("r2: fire cell C2, B1; r1: fire cell C1, B1");
    expect(findingAt(f, "terraform_data.room_r2#power").observed).toBe("racks fed by UPS xua, xub on boards xba, xbb");
    expect(findingAt(f, "terraform_data.room_r2#repositories").observed).toBe("d2 in rack k2, room r2 (backup)");
  });
  test("fails when a repository of the backup room stands in a primary room's rack, or in another room of its fire cell", () => {
    const moved = site().editFacility("device", "d2", (d) => (d.rackId = "k1"));
    expect(findingAt(findingsOf(rule, moved), "terraform_data.room_r2#repositories")).toMatchObject({
      outcome: "fail",
      observed: "d2 in rack k1, room r1 (primary)",
      message: "backup room r2: repository d2 stands in rack k1 in primary room r1",
    });
    const corridor = site()
      .facility("room", { id: "r3", roomType: "other", fireCell: "C1", epoZone: "E3" })
      .facility("rack", { id: "k3", roomId: "r3" });
    corridor.editFacility("device", "d2", (d) => (d.rackId = "k3"));
    expect(findingAt(findingsOf(rule, corridor), "terraform_data.room_r2#repositories")).toMatchObject({
      outcome: "fail",
      observed: "d2 in rack k3, room r3 (other)",
      message: "backup room r2: repository d2 stands in rack k3 in room r3, in fire cell C1 of primary room r1",
    });
  });
  test("a repository in a third room apart from the primary room passes; a backup room listing none is not applicable", () => {
    const apart = site()
      .facility("room", { id: "r3", roomType: "other", fireCell: "C3", epoZone: "E3" })
      .facility("rack", { id: "k3", roomId: "r3" });
    apart.editFacility("device", "d2", (d) => (d.rackId = "k3"));
    expect(findingAt(findingsOf(rule, apart), "terraform_data.room_r2#repositories")).toMatchObject({
      outcome: "pass",
      observed: "d2 in rack k3, room r3 (other)",
    });
    const none = site().editFacility("backup-room", "r2", (b) => (b.repositoryIds = []));
    expect(findingAt(findingsOf(rule, none), "terraform_data.room_r2#repositories")).toMatchObject({
      outcome: "not-applicable",
      observed: "no repositories listed",
    });
  });
  test("a repository that names no device, a device on an unknown rack and a rack in an unknown room are errors", () => {
    const noDevice = site().editFacility("backup-room", "r2", (b) => (b.repositoryIds = ["d2", "d9"]));
    const f = findingsOf(rule, noDevice);
    expect(findingAt(f, "terraform_data.backup-room_r2#repositories")).toMatchObject({
      outcome: "error",
      observed: 'repositoryIds "d9": no such device',
    });
    expect(findingAt(f, "terraform_data.room_r2#repositories")).toMatchObject({
      outcome: "pass",
      observed: "d2 in rack k2, room r2 (backup)",
    });
    const noRack = site().editFacility("device", "d2", (d) => (d.rackId = "k9"));
    expect(outcomes(findingsOf(rule, noRack))).toMatchObject({ "terraform_data.device_d2#repositories": "error" });
    expect(outcomes(findingsOf(rule, noRack))["terraform_data.room_r2#repositories"]).toBeUndefined();
    const noRoom = site().facility("rack", { id: "k3", roomId: "r9" });
    noRoom.editFacility("device", "d2", (d) => (d.rackId = "k3"));
    expect(findingAt(findingsOf(rule, noRoom), "terraform_data.rack_k3#repositories")).toMatchObject({
      outcome: "error",
      observed: 'roomId "r9": no such room',
    });
  });
  test("fails when the backup room is in the primary room's fire cell or EPO zone", () => {
    const b = site();
    b.editFacility("room", "r2", (r) => Object.assign(r, { fireCell: "C1", epoZone: "E1" }));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.room_r2#fire-cell")).toMatchObject({
      outcome: "fail",
      message: "backup room r2 shares fire cell C1 with primary room r1",
    });
    expect(findingAt(f, "terraform_data.room_r2#epo-zone")).toMatchObject({
      outcome: "fail",
      observed: "r2: EPO zone E1, B1; r1: EPO zone E1, B1",
    });
  });
  test("fire cell ids count per site: the same id in a room of another building text is the same cell", () => {
    const b = site();
    b.editFacility("room", "r2", (r) => Object.assign(r, { fireCell: "C1", building: "B1, wing C" }));
    expect(findingAt(findingsOf(rule, b), "terraform_data.room_r2#fire-cell")).toMatchObject({
      outcome: "fail",
      observed: "r2: fire cell C1, B1, wing C; r1: fire cell C1, B1",
    });
  });
  test("fails when a backup rack's PDU hangs on the primary room's UPS", () => {
    const f = findingsOf(
      rule,
      site().editFacility("pdu", "xpa", (p) => (p.upsId = "ua")),
    );
    expect(findingAt(f, "terraform_data.room_r2#power")).toMatchObject({
      outcome: "fail",
      observed:
        "racks fed by UPS ua, xub on boards ba, xbb; UPS ua also feeds r1; board ba also feeds r1; UPS ua stands in primary room r1; board ba stands in primary room r1",
    });
  });
  test("a PDU on a UPS that does not exist is an error", () => {
    const f = findingsOf(
      rule,
      site().editFacility("pdu", "xpa", (p) => (p.upsId = "u9")),
    );
    expect(findingAt(f, "terraform_data.pdu_xpa#power")).toMatchObject({ outcome: "error", observed: 'upsId "u9": no such UPS' });
  });
  test("fails without fire suppression, and without any backup room", () => {
    const b = site();
    b.editFacility("room", "r2", (r) => delete r.fireSuppression);
    expect(findingAt(findingsOf(rule, b), "terraform_data.room_r2#fire-suppression")).toMatchObject({
      outcome: "fail",
      observed: "no fire suppression declared",
    });
    const none = new RoomBuilder()
      .facility("room", { id: "r1", roomType: "primary", fireCell: "C1", epoZone: "E1", fireSuppression: "gas" })
      .facility("room", { id: "r3", roomType: "other", fireCell: "C1", epoZone: "E1" });
    expect(findingAt(findingsOf(rule, none), "terraform_data.room_r1#backup-room")).toMatchObject({
      outcome: "fail",
      observed: "rooms: r1 (primary), r3 (other)",
    });
  });
  test("a backup room without racks needs no power of its own", () => {
    const b = new RoomBuilder()
      .facility("room", { id: "r1", roomType: "primary", fireCell: "C1", epoZone: "E1", fireSuppression: "gas" })
      .facility("room", { id: "r2", roomType: "backup", fireCell: "C2", epoZone: "E2", fireSuppression: "gas" });
    expect(findingAt(findingsOf(rule, b), "terraform_data.room_r2#power")).toMatchObject({
      outcome: "not-applicable",
      observed: "no racks",
    });
  });
  test("a backup room with no primary room has nothing to be separate from", () => {
    const b = new RoomBuilder().facility("room", { id: "r2", roomType: "backup", fireCell: "C2", epoZone: "E2", fireSuppression: "gas" });
    expect(outcomes(findingsOf(rule, b))).toEqual({
      "terraform_data.room_r2#fire-cell": "not-applicable",
      "terraform_data.room_r2#fire-suppression": "pass",
    });
  });
  test("input without rooms is not evaluable", () => {
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable", observed: "no facility objects" }]);
  });
});

describe("PHY-OFFSITE BackupHasACopyAtAnotherSite", () => {
  const rule = BackupHasACopyAtAnotherSite;
  test("passes with a copy at another site farther than the minimum", () => {
    const f = findingsOf(rule, site());
    expect(outcomes(f)).toEqual({
      "terraform_data.backup-copy_gold-off#distance": "pass",
      "terraform_data.backup-class_gold#offsite": "pass",
      "terraform_data.backup-room_r2#site": "pass",
    });
    expect(findingAt(f, "terraform_data.backup-copy_gold-off#distance")).toMatchObject({
      observed: "at Nabokommune, serverrom, 25 km",
      expected: "another site, offsiteKm recorded and >= 10 km",
    });
    expect(findingAt(f, "terraform_data.backup-class_gold#offsite").observed).toBe("2 copies, 1 at another site >= 10 km (gold-off)");
  });
  test("fails when the off-site copy is too near or its distance is not recorded", () => {
    const near = findingsOf(
      rule,
      site().editFacility("backup-copy", "gold-off", (c) => (c.offsiteKm = 4)),
    );
    expect(findingAt(near, "terraform_data.backup-copy_gold-off#distance")).toMatchObject({
      outcome: "fail",
      observed: "at Nabokommune, serverrom, 4 km",
    });
    expect(findingAt(near, "terraform_data.backup-class_gold#offsite").outcome).toBe("fail");
    expect(findingAt(near, "terraform_data.backup-room_r2#site")).toMatchObject({
      outcome: "fail",
      observed: "2 backup copies, 0 at another site >= 10 km",
    });
    const unknown = findingsOf(
      rule,
      site().editFacility("backup-copy", "gold-off", (c) => (c.offsiteKm = null)),
    );
    expect(findingAt(unknown, "terraform_data.backup-copy_gold-off#distance")).toMatchObject({
      outcome: "fail",
      message: "backup copy gold-off: distance not recorded",
    });
  });
  test("the BSI distance is a parameter", () => {
    const f = findingsOf(rule, site(), { "PHY-OFFSITE": { minOffsiteKm: 100 } });
    expect(findingAt(f, "terraform_data.backup-copy_gold-off#distance")).toMatchObject({
      outcome: "fail",
      expected: "another site, offsiteKm recorded and >= 100 km",
    });
  });
  test("a class without an off-site copy is not applicable here, but the site still needs one", () => {
    const b = site();
    b.editFacility("backup-class", "gold", (c) => (c.offsite = false));
    b.editFacility("backup-copy", "gold-off", (c) => Object.assign(c, { offsiteSite: null, roomId: "r2" }));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.backup-class_gold#offsite").outcome).toBe("not-applicable");
    expect(findingAt(f, "terraform_data.backup-room_r2#site")).toMatchObject({
      outcome: "fail",
      observed: "2 backup copies, 0 at another site >= 10 km",
    });
  });
  test("input without facility objects is not evaluable", () => {
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable", observed: "no facility objects" }]);
  });
});

describe("PHY-ACCESS ItRoomsHaveControlledLoggedAccess", () => {
  const rule = ItRoomsHaveControlledLoggedAccess;
  test("passes for rooms of protection class 3 with logged access, an intrusion alarm and no pipes above", () => {
    const f = findingsOf(rule, site());
    expect(outcomes(f)).toEqual({
      "terraform_data.room_r1#protection-class": "pass",
      "terraform_data.room_r1#access-log": "pass",
      "terraform_data.room_r1#intrusion-alarm": "pass",
      "terraform_data.room_r1#liquid-pipes": "pass",
      "terraform_data.room_r1#cctv": "not-applicable",
      "terraform_data.room_r2#protection-class": "pass",
      "terraform_data.room_r2#access-log": "pass",
      "terraform_data.room_r2#intrusion-alarm": "pass",
      "terraform_data.room_r2#liquid-pipes": "pass",
      "terraform_data.room_r2#cctv": "not-applicable",
    });
    expect(findingAt(f, "terraform_data.room_r1#protection-class")).toMatchObject({
      observed: "protection class 3",
      expected: "protection class >= 3",
    });
    expect(findingAt(f, "terraform_data.room_r1#cctv").observed).toBe("camera on the entrance: no");
  });
  test("fails on a lower class, pipes above the IT and facts not declared", () => {
    const b = site();
    b.editFacility("room", "r2", (r) => {
      r.protectionClass = 2;
      r.liquidPipesAboveIt = true;
      delete r.accessLogged;
    });
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.room_r2#protection-class")).toMatchObject({ outcome: "fail", observed: "protection class 2" });
    expect(findingAt(f, "terraform_data.room_r2#liquid-pipes")).toMatchObject({
      outcome: "fail",
      observed: "liquid pipes above the IT: yes",
    });
    expect(findingAt(f, "terraform_data.room_r2#access-log")).toMatchObject({
      outcome: "fail",
      observed: "every entry logged: not declared",
      message: "backup room r2 (1 rack): every entry logged not declared",
    });
  });
  test("CCTV is checked only where the site requires it", () => {
    const f = findingsOf(rule, site(), { "PHY-ACCESS": { requireCctv: true } });
    expect(findingAt(f, "terraform_data.room_r1#cctv")).toMatchObject({ outcome: "fail", observed: "camera on the entrance: no" });
  });
  test("a room without racks is not applicable; input without facility objects is not evaluable", () => {
    const f = findingsOf(rule, site().facility("room", { id: "r3", roomType: "other", fireCell: "C3", epoZone: "E3" }));
    expect(findingAt(f, "terraform_data.room_r3#protection-class")).toMatchObject({ outcome: "not-applicable", observed: "no racks" });
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable", observed: "no facility objects" }]);
  });
});

describe("PHY-MAINT FacilityEquipmentIsServiced", () => {
  const rule = FacilityEquipmentIsServiced;
  test("current service records are attested, never passed", () => {
    const f = findingsOf(rule, site());
    expect(f).toHaveLength(11);
    expect(new Set(f.map((x) => x.outcome))).toEqual(new Set(["attested"]));
    expect(findingAt(f, "terraform_data.ups_ua#service")).toMatchObject({
      evidence: "attested",
      observed: "svc-ua: 2026-06-01 pass by service technician (SRV-ua), next due 2027-06-01",
      expected: "a passed service record dated 2025-11-22 or later (12 months before 2026-11-22), next due not passed",
      addresses: ["terraform_data.ups_ua", "terraform_data.evidence_svc-ua"],
    });
    expect(findingAt(f, "terraform_data.room_r1#fire-suppression").message).toBe(
      "fire suppression (inert gas) of room r1: serviced 2026-06-01 (SRV-r1)",
    );
  });
  test("a missing, old, overdue or failed record fails", () => {
    const b = site();
    b.editFacility("evidence", "svc-c1", (e) => (e.about = "c9"));
    b.editFacility("evidence", "svc-c2", (e) => Object.assign(e, { date: "2025-10-01", nextDue: null }));
    b.editFacility("evidence", "svc-g1", (e) => (e.nextDue = "2026-11-01"));
    b.editFacility("evidence", "svc-ub", (e) => (e.result = "fail"));
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.cooling_c1#service")).toMatchObject({ outcome: "fail", observed: "no service record" });
    expect(findingAt(f, "terraform_data.cooling_c2#service")).toMatchObject({
      outcome: "fail",
      message: "cooling unit c2: serviced 2025-10-01, more than 12 months ago",
    });
    expect(findingAt(f, "terraform_data.generator_g1#service")).toMatchObject({
      outcome: "fail",
      message: "generator g1: next service was due 2026-11-01",
    });
    expect(findingAt(f, "terraform_data.ups_ub#service")).toMatchObject({ outcome: "fail", message: "UPS ub: result fail" });
  });
  test("a record dated after the evaluation date does not count; the latest record counts", () => {
    const b = site();
    b.editFacility("evidence", "svc-c3", (e) => (e.date = "2026-12-01"));
    b.facility("evidence", {
      id: "svc-c4-old",
      about: "c4",
      evidenceKind: "service",
      date: "2024-01-01",
      result: "fail",
      by: "service technician",
      documentRef: "OLD",
      nextDue: null,
    });
    const f = findingsOf(rule, b);
    expect(findingAt(f, "terraform_data.cooling_c3#service")).toMatchObject({
      outcome: "fail",
      observed: "no service record; 1 dated after 2026-11-22 (svc-c3)",
    });
    expect(findingAt(f, "terraform_data.cooling_c4#service").outcome).toBe("attested");
  });
  test("the age is a parameter, and fire suppression can be left out", () => {
    const f = findingsOf(rule, site(), { "PHY-MAINT": { maxAgeMonths: 3, includeFireSuppression: false } });
    expect(f).toHaveLength(9);
    expect(findingAt(f, "terraform_data.ups_ua#service")).toMatchObject({
      outcome: "fail",
      expected: "a passed service record dated 2026-08-22 or later (3 months before 2026-11-22), next due not passed",
    });
  });
  test("a site without equipment has nothing to check; input without facility objects is not evaluable", () => {
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "r1", roomType: "other", fireCell: "C", epoZone: "E" }))).toEqual([]);
    expect(findingsOf(rule, foreign())).toMatchObject([{ outcome: "not-evaluable", observed: "no facility objects" }]);
  });
});
