import type { FacilityOf, SensorObject } from "../../../contracts/facility-objects";
import { check, missingFacts, num, passOrFail, unresolved } from "../../engine/checks";
import { rackLoadKw } from "../../engine/loads";
import type { Room } from "../../engine/room";
import { defineRule, type Check } from "../../engine/rule";
import { ASHRAE_TC99, ISO27001 } from "../../controls/references";

/**
 * ENV-THERMAL-ALARM: every rack's inlet temperature is watched, and the alarms are two-sided
 * without paging anyone at night for a harmless temperature (ASHRAE TC 9.9: all limits are at the IT
 * equipment's air inlet; CONTROLS.md §6.3). Checks:
 * - per rack, `inlet-sensors`: at least `minInletSensorsPerRack` sensors with `measure: inlet-temp` on
 *   the rack (`minInletSensorsDenseRack` for racks whose design kW is >= `denseRackKw`);
 * - per inlet sensor, `thresholds`: a high warning <= the recommended envelope's upper limit (27 °C), a
 *   high critical <= the A1 allowable upper limit (32 °C), a low side (lowWarning or lowCritical: the
 *   alarm is two-sided), the thresholds in order, and a delay of at least `minDelayMin` minutes;
 * - per inlet sensor, `paging`: each threshold alarms on its own route (`routes`, else `routeId`), so
 *   warnings can go to office hours and criticals to on-call. Every critical threshold pages 24/7 (a
 *   stopped cooling unit or a frozen room at night is found), and no low threshold that pages at night
 *   (its route is 24/7 and pages its severity) sits inside the A1 allowable range (above 15 °C): a cool
 *   weekend is not a fault;
 * - per sensor of any measure, `route`: every declared threshold has a route that exists (an id that
 *   is no route is an `error`: a join that does not resolve; no route at all is a failure);
 * - per alarm route, `night-pages`: a 24/7 route pages only `critical` (a warning is for the queue).
 * A sensor's `rackId` that is no rack is an `error`; an inlet sensor on no rack is a failure (it
 * measures room air).
 */
export const RackInletsAreAlarmedWithoutFalsePages = defineRule({
  meta: {
    id: "ENV-THERMAL-ALARM",
    name: "RackInletsAreAlarmedWithoutFalsePages",
    version: "1.0.0",
    area: "cooling",
    title: "Every rack's inlet is alarmed on both sides, and only real faults page at night",
    rationale:
      "Equipment limits are defined at the air inlet: without an inlet sensor per rack a hot spot goes unseen. An alarm that pages the on-call phone for a cool weekend or a warning trains people to ignore it, and an alarm that pages nobody for a stopped cooling unit at night is no alarm.",
    remediation:
      "Put an inlet sensor on the front of every rack (cold aisle); set warning at the recommended envelope (27 °C) and critical before the A1 allowable limit; route every critical threshold to the 24/7 on-call route and warnings to the office-hours queue (sensor routes per severity), and keep low thresholds that page below 15 °C.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      maxHighWarningC: {
        default: 27,
        description: "Highest high-warning threshold: the upper limit of the ASHRAE recommended envelope (18-27 °C).",
        unit: "°C",
      },
      maxHighCriticalC: { default: 32, description: "Highest high-critical threshold: the ASHRAE A1 allowable upper limit.", unit: "°C" },
      allowableLowC: {
        default: 15,
        description: "The ASHRAE A1 allowable lower limit: a low threshold above it that pages at night is a false alarm.",
        unit: "°C",
      },
      minDelayMin: {
        default: 5,
        description: "Shortest time a threshold must be exceeded before it alarms (CONTROLS.md §6.3: sustained for N minutes).",
        unit: "min",
      },
      minInletSensorsPerRack: { default: 1, description: "Inlet sensors every rack needs.", unit: "sensors" },
      denseRackKw: { default: 5, description: "Design kW from which a rack counts as dense.", unit: "kW" },
      minInletSensorsDenseRack: {
        default: 1,
        description:
          "Inlet sensors a dense rack needs. ASHRAE practice (CONTROLS.md §6.3, §10) is top, middle and bottom (3); the default asks for one until the owners raise it.",
        unit: "sensors",
      },
    },
    controls: [
      ASHRAE_TC99("Thermal Guidelines: inlet air; recommended 18-27 °C; A1 allowable 15-32 °C"),
      ISO27001("7.5"),
      ISO27001("8.16"),
    ],
  },
  check(room, ctx) {
    const p = ctx.params;
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects",
        expected: "racks, sensors and alarm routes as facility objects (docs/facility-vocabulary.md)",
        message: "the input has no facility objects, so the rack inlet alarms cannot be checked",
      });
    const sensors = room.facility("sensor");
    const inlet = sensors.filter((s) => s.measure === "inlet-temp");
    const checks: Check[] = [];

    for (const rack of room.facility("rack")) {
      const own = inlet.filter((s) => s.rackId === rack.id);
      const drawKw = rackLoadKw(room, rack.id);
      // Density by the rack's design kW; a rack that declares none is judged by its devices' declared draw.
      const densityKw = rack.designKw ?? drawKw;
      const dense = densityKw >= p.denseRackKw;
      const need = dense ? p.minInletSensorsDenseRack : p.minInletSensorsPerRack;
      const observed = `${own.length} inlet sensor${own.length === 1 ? "" : "s"}${own.length > 0 ? ` (${own.map((s) => s.id).join(", ")})` : ""}`;
      checks.push(
        check("declared", passOrFail(own.length >= need), rack, {
          findingId: "inlet-sensors",
          observed,
          expected: `>= ${need} (design ${rack.designKw === undefined ? "not declared" : `${num(rack.designKw)} kW`}; declared draw ${num(drawKw)} kW${dense ? `; dense from ${num(p.denseRackKw)} kW` : ""})`,
          message: `rack ${rack.id}: ${observed}`,
        }),
      );
    }

    for (const s of sensors) {
      if (s.rackId !== null && s.rackId !== undefined && !room.facilityById("rack", s.rackId))
        checks.push(
          unresolved(s, {
            findingId: "rack",
            field: "rackId",
            value: s.rackId,
            what: "rack",
            message: `sensor ${s.id} is on rack ${s.rackId}, which the site does not declare`,
          }),
        );
      else if (s.measure === "inlet-temp" && (s.rackId === null || s.rackId === undefined))
        checks.push(
          check("declared", "fail", s, {
            findingId: "rack",
            observed: `an inlet sensor on ${s.roomId ? `room ${s.roomId}` : "no rack or room"}`,
            expected: "an inlet sensor on a rack (front, cold aisle)",
            message: `sensor ${s.id} measures inlet-temp but is on no rack: room air is not the equipment's inlet air`,
          }),
        );
      checks.push(routeCheck(room, s));
      if (s.measure === "inlet-temp") checks.push(thresholdCheck(s, p), pagingCheck(room, s, p.allowableLowC));
    }

    for (const r of room.facility("alarm-route")) {
      const others = r.severities.filter((x) => x !== "critical");
      const observed = `${r.hours} route pages ${r.severities.length > 0 ? r.severities.join(", ") : "nothing"}`;
      checks.push(
        r.hours === "24/7"
          ? check("declared", passOrFail(others.length === 0), r, {
              findingId: "night-pages",
              observed,
              expected: "a 24/7 route pages only critical",
              message:
                others.length === 0
                  ? `alarm route ${r.id}: ${observed}`
                  : `alarm route ${r.id} pages ${others.join(", ")} at any hour: warnings wake people for what can wait`,
            })
          : check("declared", "not-applicable", r, {
              findingId: "night-pages",
              observed,
              expected: "a 24/7 route pages only critical",
              message: `alarm route ${r.id} is read in office hours only: it pages nobody at night`,
            }),
      );
    }
    return checks;
  },
});

const isNum = (v: number | null | undefined): v is number => typeof v === "number";
const show = (v: number | null | undefined) => (isNum(v) ? `${num(v)} °C` : "none");

function thresholdCheck(s: SensorObject, p: { maxHighWarningC: number; maxHighCriticalC: number; minDelayMin: number }): Check {
  const problems: string[] = [];
  if (!isNum(s.highWarning)) problems.push("no high warning");
  else if (s.highWarning > p.maxHighWarningC) problems.push(`high warning ${num(s.highWarning)} °C above ${num(p.maxHighWarningC)} °C`);
  if (!isNum(s.highCritical)) problems.push("no high critical");
  else if (s.highCritical > p.maxHighCriticalC)
    problems.push(`high critical ${num(s.highCritical)} °C above ${num(p.maxHighCriticalC)} °C`);
  if (!isNum(s.lowWarning) && !isNum(s.lowCritical)) problems.push("no low threshold (one-sided)");
  const ordered = [s.lowCritical, s.lowWarning, s.highWarning, s.highCritical].filter(isNum);
  if (ordered.some((v, i) => i > 0 && v <= (ordered[i - 1] ?? v))) problems.push("thresholds out of order");
  if (!isNum(s.delayMin)) problems.push("no delay declared");
  else if (s.delayMin < p.minDelayMin) problems.push(`delay ${num(s.delayMin)} min below ${num(p.minDelayMin)} min`);
  const observed = `low critical ${show(s.lowCritical)}, low warning ${show(s.lowWarning)}, high warning ${show(s.highWarning)}, high critical ${show(s.highCritical)}, delay ${isNum(s.delayMin) ? `${num(s.delayMin)} min` : "none"}`;
  return check("declared", passOrFail(problems.length === 0), s, {
    findingId: "thresholds",
    observed,
    expected: `low critical < low warning < high warning <= ${num(p.maxHighWarningC)} °C < high critical <= ${num(p.maxHighCriticalC)} °C, a low side, delay >= ${num(p.minDelayMin)} min`,
    message: problems.length === 0 ? `sensor ${s.id}: two-sided inlet thresholds` : `sensor ${s.id}: ${problems.join("; ")}`,
  });
}

/** Whether an alarm of a severity on a sensor reaches someone at night. */
function pagesAtNight(route: FacilityOf<"alarm-route"> | undefined, severity: "critical" | "warning"): boolean {
  return route !== undefined && route.hours === "24/7" && route.severities.includes(severity);
}

const THRESHOLDS = [
  ["lowCritical", "low critical", "critical"],
  ["lowWarning", "low warning", "warning"],
  ["highWarning", "high warning", "warning"],
  ["highCritical", "high critical", "critical"],
] as const;
type Threshold = (typeof THRESHOLDS)[number][0];

/** A threshold's route: its own in `routes`, else the sensor's `routeId` (older and foreign output has only that). */
function routeIdOf(s: SensorObject, t: Threshold): string | null {
  return s.routes?.[t] ?? s.routeId ?? null;
}

/** The declared thresholds with their route ids; a sensor that declares no threshold is judged by its routeId. */
function routedThresholds(s: SensorObject): { name: string; routeId: string | null }[] {
  const declared = THRESHOLDS.filter(([t]) => isNum(s[t])).map(([t, name]) => ({ name, routeId: routeIdOf(s, t) }));
  return declared.length > 0 ? declared : [{ name: "every alarm", routeId: s.routeId ?? null }];
}

/** "route x" when every threshold alarms on one route, else each threshold's. */
function describeRoutes(room: Room, s: SensorObject): string {
  const routed = routedThresholds(s);
  const one = routed.every((r) => r.routeId === routed[0]?.routeId);
  const label = (id: string | null) => {
    const route = room.facilityById("alarm-route", id);
    return route ? `${route.id} (${route.hours}, pages ${route.severities.join(", ") || "nothing"})` : id ? `${id} unknown` : "none";
  };
  const first = routed[0]?.routeId ?? null;
  if (one) return room.facilityById("alarm-route", first) ? `route ${label(first)}` : `no route${first ? ` (${first} unknown)` : ""}`;
  return `routes ${routed.map((r) => `${r.name} ${label(r.routeId)}`).join(", ")}`;
}

/**
 * Each critical threshold (a stopped cooling unit, a frozen room) must page at night; a low threshold
 * that pages at night must sit outside the A1 allowable range. Each threshold pages through its own route.
 */
function pagingCheck(room: Room, s: SensorObject, allowableLowC: number): Check {
  const route = (t: Threshold) => room.facilityById("alarm-route", routeIdOf(s, t));
  const problems: string[] = [];
  const pages: string[] = [];
  if (!isNum(s.highCritical)) problems.push("no high critical to page");
  // High critical first, as an operator reads an alarm list.
  for (const [t, name, severity] of [THRESHOLDS[3], THRESHOLDS[0], THRESHOLDS[1], THRESHOLDS[2]]) {
    const value = s[t];
    if (!isNum(value)) continue;
    const night = pagesAtNight(route(t), severity);
    if (night) pages.push(`${name} ${num(value)} °C`);
    if (severity === "critical" && !night) problems.push(`${name} ${num(value)} °C pages nobody at night`);
    if (t.startsWith("low") && night && value > allowableLowC)
      problems.push(`${name} ${num(value)} °C pages at night inside the A1 allowable range (above ${num(allowableLowC)} °C)`);
  }
  const observed = `${describeRoutes(room, s)}: pages at night ${pages.join(", ") || "nothing"}`;
  return check("declared", passOrFail(problems.length === 0), s, {
    findingId: "paging",
    observed,
    expected: `every critical threshold pages 24/7; a low threshold that pages at night is <= ${num(allowableLowC)} °C`,
    message: problems.length === 0 ? `sensor ${s.id}: ${observed}` : `sensor ${s.id}: ${problems.join("; ")}`,
  });
}

/** Every threshold names an alarm route that exists: none is a failure, an unknown id an `error` (a join that does not resolve). */
function routeCheck(room: Room, s: SensorObject): Check {
  const routed = routedThresholds(s);
  const missing = routed.filter((r) => r.routeId === null);
  const unknown = routed.filter((r) => r.routeId !== null && !room.facilityById("alarm-route", r.routeId));
  const one = routed.every((r) => r.routeId === routed[0]?.routeId);
  const which = (rs: typeof routed) => (one ? "" : ` for ${rs.map((r) => r.name).join(", ")}`);
  if (unknown.length > 0) {
    const ids = [...new Set(unknown.map((r) => r.routeId))];
    return check("declared", "error", s, {
      findingId: "route",
      observed: `${ids.map((id) => `route ${JSON.stringify(id)}`).join(", ")}: no such alarm route${which(unknown)}`,
      expected: "an alarm route that exists for every threshold",
      message: `sensor ${s.id} (${s.measure}) names alarm route ${ids.join(", ")}${which(unknown)}, which the site does not declare`,
    });
  }
  if (missing.length > 0)
    return check("declared", "fail", s, {
      findingId: "route",
      observed: `no route${which(missing)}`,
      expected: "an alarm route that exists for every threshold",
      message: `sensor ${s.id} (${s.measure}) names no alarm route${which(missing)}: its alarms reach nobody`,
    });
  const first = room.facilityById("alarm-route", routed[0]?.routeId ?? null);
  return check("declared", "pass", s, {
    findingId: "route",
    observed: one && first ? `route ${first.id} (${first.hours}, ${first.target})` : describeRoutes(room, s),
    expected: "an alarm route that exists for every threshold",
    message: `sensor ${s.id} (${s.measure}) alarms through ${one && first ? `route ${first.id}` : describeRoutes(room, s)}`,
  });
}
