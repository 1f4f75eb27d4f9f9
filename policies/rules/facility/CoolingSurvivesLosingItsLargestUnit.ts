import type { CoolingObject, FacilityOf } from "../../../contracts/facility-objects";
import { check, missingFacts, num, passOrFail, unresolved } from "../../engine/checks";
import { describeUnits, racksInRoom, roomHeatKw } from "../../engine/loads";
import type { Room } from "../../engine/room";
import { defineRule, type Check } from "../../engine/rule";
import { EN50600, ISO27001, NIS2, UPTIME_TIER } from "../../controls/references";

type Basis = "device-draw" | "design-kw";

/**
 * RED-COOL-N1: the cooling of every room with racks is N+1 and does not hang on one feed.
 *
 * Load: the room's heat load, by default the declared draw of the devices in its racks (loads.ts
 * `roomHeatKw`: all electrical power drawn ends as heat); the racks' design kW is printed beside it,
 * and parameter `basis: design-kw` checks against the design kW instead (for a room sized on paper
 * before it is filled).
 *
 * Per room, two checks:
 * - `capacity`: at least two units, and the sum of the units' kW minus the largest unit >= the heat load.
 * - `feeds`: a cooling unit stops when its feed does. A unit's feed is a board or a UPS; a UPS counts
 *   as the board it hangs on (the failure domain). After losing the board that carries the most
 *   cooling kW, the units left still carry the heat load (so the units are spread over >= 2 boards,
 *   and the spread is sized, not just counted). A unit whose feed is no board or UPS is an `error`
 *   check of its own and counts as lost.
 * A unit whose room does not exist is an `error` check.
 */
export const CoolingSurvivesLosingItsLargestUnit = defineRule({
  meta: {
    id: "RED-COOL-N1",
    name: "CoolingSurvivesLosingItsLargestUnit",
    version: "1.0.0",
    area: "cooling",
    title: "Each room's cooling is N+1 and survives losing a unit or a feed",
    rationale:
      "A room whose cooling cannot lose its largest unit overheats within minutes of one compressor or fan failure, and units on one board all stop with that board: the inlet temperature then rises past the A1 allowable limit long before anyone arrives.",
    remediation:
      "Add a cooling unit or a larger one, move a unit to the other board (or the UPS of the other path), or reduce the heat load of the room.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      basis: {
        default: "device-draw",
        description:
          "The heat load to check against: device-draw (the declared draw of the devices in the room's racks) or design-kw (the racks' design kW).",
      },
    },
    controls: [
      EN50600("50600-2-3 availability class 2+ (N+1 cooling units; class 3 maintainable distribution)"),
      UPTIME_TIER("Tier III (N+1 components, concurrently maintainable)"),
      ISO27001("7.11"),
      NIS2("Art. 21(2)(c) (all-hazards approach, physical environment)"),
    ],
  },
  check(room, ctx) {
    const basis = ctx.params.basis;
    if (basis !== "device-draw" && basis !== "design-kw")
      throw new Error(`parameter basis must be device-draw or design-kw, found ${JSON.stringify(basis)}`);
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects",
        expected: "rooms, racks, devices and cooling units as facility objects (docs/facility-vocabulary.md)",
        message: "the input has no facility objects, so the cooling of its rooms cannot be checked",
      });
    const checks: Check[] = [];
    const units = room.facility("cooling");
    for (const u of units)
      if (!room.facilityById("room", u.roomId))
        checks.push(
          unresolved(u, {
            findingId: "room",
            field: "roomId",
            value: u.roomId,
            what: "room",
            message: `cooling unit ${u.id} is in room ${u.roomId}, which the site does not declare`,
          }),
        );
    const domains = new Map<CoolingObject, string | undefined>();
    for (const u of units) {
      const d = feedDomain(room, u);
      domains.set(u, d.domain);
      if (d.problem)
        checks.push(
          check("declared", "error", u, {
            findingId: "feed",
            observed: d.problem,
            expected: "feed = the id of a board or UPS of the site",
            message: `cooling unit ${u.id}: ${d.problem}; it is counted as lost`,
          }),
        );
    }
    for (const r of room.facility("room")) checks.push(...roomChecks(room, r, units, domains, basis));
    return checks;
  },
});

function roomChecks(
  room: Room,
  r: FacilityOf<"room">,
  allUnits: readonly CoolingObject[],
  domains: ReadonlyMap<CoolingObject, string | undefined>,
  basis: Basis,
): Check[] {
  const units = allUnits.filter((u) => u.roomId === r.id);
  const racks = racksInRoom(room, r.id);
  if (racks.length === 0) {
    const why = `room ${r.id} has no racks: no IT heat to remove`;
    return [
      check("declared", "not-applicable", r, {
        findingId: "capacity",
        observed: `${describeUnits(units.map((u) => u.kw))}; no racks`,
        expected: "racks with a heat load",
        message: why,
      }),
    ];
  }
  const heat = roomHeatKw(room, r.id);
  const undesigned = racks.filter((k) => k.designKw === undefined).map((k) => k.id);
  const design = `racks' design ${num(heat.designKw)} kW${undesigned.length > 0 ? ` (no design kW: ${undesigned.join(", ")})` : ""}`;
  const load = basis === "device-draw" ? heat.deviceKw : heat.designKw;
  const loadText =
    basis === "device-draw"
      ? `heat load ${num(heat.deviceKw)} kW (declared draw of the devices; ${design})`
      : `${design} (declared draw of the devices ${num(heat.deviceKw)} kW)`;
  // Checked against design kW, a rack without one is an unknown load, not zero.
  const unknownLoad = basis === "design-kw" && undesigned.length > 0;
  const kws = units.map((u) => u.kw);
  const total = kws.reduce((s, k) => s + k, 0);
  const afterLargest = total - Math.max(0, ...kws);
  const capacityObserved = `${describeUnits(kws)} minus the largest = ${num(afterLargest)} kW`;
  const capacity = check("declared", passOrFail(!unknownLoad && units.length >= 2 && afterLargest >= load), r, {
    findingId: "capacity",
    observed: units.length < 2 ? `${capacityObserved} (${units.length} unit${units.length === 1 ? "" : "s"}: no spare)` : capacityObserved,
    expected: `>= 2 units and >= ${loadText}`,
    message: `room ${r.id}: cooling ${capacityObserved} against ${loadText}`,
  });

  // Losing one feed: the board carrying the most cooling kW (a unit with a dangling feed is lost anyway).
  const byDomain = new Map<string, number>();
  for (const u of units) {
    const d = domains.get(u);
    if (d !== undefined) byDomain.set(d, (byDomain.get(d) ?? 0) + u.kw);
  }
  const reliable = [...byDomain.values()].reduce((s, k) => s + k, 0);
  const worst = [...byDomain.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0];
  const afterFeed = reliable - (worst?.[1] ?? 0);
  const spread = [...byDomain.entries()].map(([d, k]) => `${d} ${num(k)} kW`).join(", ") || "no units with a known feed";
  const feedsObserved = worst
    ? `${spread}; losing ${worst[0]} leaves ${num(afterFeed)} kW`
    : `${spread}; nothing left after a feed failure`;
  const feeds = check("declared", passOrFail(!unknownLoad && byDomain.size >= 2 && afterFeed >= load), r, {
    findingId: "feeds",
    observed: feedsObserved,
    expected: `units on >= 2 boards, and after losing the busiest one >= ${loadText}`,
    message: `room ${r.id}: cooling by feed (a UPS counts as its board): ${feedsObserved}`,
  });
  return [capacity, feeds];
}

/** The board a cooling unit's feed stands for: the board itself, or the board of the UPS it hangs on. */
function feedDomain(room: Room, u: CoolingObject): { domain?: string; problem?: string } {
  const board = room.facilityById("board", u.feed);
  if (board) return { domain: `board ${board.id} (path ${board.path})` };
  const ups = room.facilityById("ups", u.feed);
  if (ups) {
    const upsBoard = room.facilityById("board", ups.boardId);
    return { domain: upsBoard ? `board ${upsBoard.id} (path ${upsBoard.path})` : `board ${ups.boardId} (path ${ups.path})` };
  }
  return { problem: `feed ${JSON.stringify(u.feed)} is neither a board nor a UPS of the site` };
}
