import { check, num } from "../../engine/checks";
import { boardsDesignKw, generatorLoadKw, upsCapacityKw, upsLoadKw } from "../../engine/loads";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import { BSI_INF2, EN50600, ISO27001 } from "../../controls/references";
import { list, noFacility } from "./power-paths";

/**
 * RED-UPS-AUTONOMY: the batteries bridge to the generator, and the generator runs long enough.
 * - Per UPS: its declared runtime (the schema's "battery runtime at design load") is at least
 *   `minRuntimeMin`, and its board is backed up by a generator through an ATS. The runtime is only
 *   known while the path load (the DECLARED DRAW of the devices it feeds) is within the modules in
 *   service; above that the UPS cannot carry the path at all and the check fails.
 * - Per generator: fuel for at least `minFuelHours`, an ATS, boards to feed, and kW for the full
 *   declared draw of every device behind those boards (the racks' design kW printed beside it; the
 *   cooling units' electrical draw is not declared and not counted).
 * A site without any generator fails on every UPS ("bridges to no generator").
 */
export const UpsBridgesToTheGenerator = defineRule({
  meta: {
    id: "RED-UPS-AUTONOMY",
    name: "UpsBridgesToTheGenerator",
    version: "1.0.0",
    area: "power",
    title: "UPS batteries bridge to a generator with an ATS, and the generator has fuel for a long outage",
    rationale:
      "On a mains outage the batteries only buy the minutes until the generator takes over through its transfer switch; a UPS on a board no generator backs up, or a generator without fuel for a day, ends the room's autonomy with the battery or the tank.",
    remediation:
      "Extend the UPS's battery runtime, connect its board to a generator through an ATS, or enlarge the generator's tank or its kW.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      minRuntimeMin: { default: 10, description: "Minimum battery runtime of every UPS at design load", unit: "min" },
      minFuelHours: { default: 24, description: "Minimum hours a generator runs on its fuel", unit: "h" },
    },
    controls: [
      ISO27001("7.11"),
      EN50600("50600-2-2 (UPS autonomy and generator)"),
      BSI_INF2("INF.2.A3 USV"),
      BSI_INF2("INF.2.A14 Netzersatzanlage"),
    ],
  },
  check(room, { params }) {
    if (!room.hasFacility) return noFacility("the UPS runtime and the generators");
    const out: Check[] = [];
    const generators = room.facility("generator");
    const hasAts = (atsId: string | null | undefined) => typeof atsId === "string" && atsId.trim() !== "";
    for (const ups of room.facility("ups")) {
      if (!room.facilityById("board", ups.boardId)) {
        out.push(
          check("declared", "error", ups, {
            observed: `UPS ${ups.id} names board ${ups.boardId}, which the site does not declare`,
            expected: "the UPS's board declared",
            message: `UPS ${ups.id}: board ${ups.boardId} does not resolve`,
          }),
        );
        continue;
      }
      const { totalKw } = upsCapacityKw(ups);
      const load = upsLoadKw(room, ups.id);
      const backing = generators.filter((g) => g.feeds.includes(ups.boardId));
      const withAts = backing.filter((g) => hasAts(g.atsId));
      const faults = [
        ...(ups.runtimeMin < params.minRuntimeMin ? [`runtime ${num(ups.runtimeMin)} min < ${num(params.minRuntimeMin)} min`] : []),
        ...(load > totalKw ? [`path load ${num(load)} kW above the ${num(totalKw)} kW in service: the runtime does not hold`] : []),
        ...(backing.length === 0 ? [`board ${ups.boardId} has no generator: the batteries bridge to nothing`] : []),
        ...(backing.length > 0 && withAts.length === 0 ? [`the generator of board ${ups.boardId} has no ATS`] : []),
      ];
      const gens =
        backing.length > 0
          ? list(backing.map((g) => (hasAts(g.atsId) ? `${g.id} via ATS ${g.atsId ?? ""}` : `${g.id} without ATS`)))
          : "no generator";
      out.push(
        check("declared", faults.length === 0 ? "pass" : "fail", ups, {
          observed: `runtime ${num(ups.runtimeMin)} min at design load (declared; path ${ups.path} load ${num(load)} kW declared draw of ${num(totalKw)} kW in service); board ${ups.boardId} on ${gens}${faults.length > 0 ? `; ${list(faults)}` : ""}`,
          expected: `>= ${num(params.minRuntimeMin)} min, bridging to a generator through an ATS`,
          message:
            faults.length === 0
              ? `UPS ${ups.id} bridges ${num(ups.runtimeMin)} min to ${gens}`
              : `UPS ${ups.id} does not bridge to a generator: ${list(faults)}`,
        }),
      );
    }
    for (const g of generators) {
      const missing = g.feeds.filter((b) => !room.facilityById("board", b));
      if (missing.length > 0) {
        out.push(
          check("declared", "error", g, {
            observed: `generator ${g.id} feeds board ${list(missing)}, which the site does not declare`,
            expected: "every board a generator feeds declared",
            message: `Generator ${g.id}: board ${list(missing)} does not resolve`,
          }),
        );
        continue;
      }
      const boards = new Set(g.feeds);
      const load = generatorLoadKw(room, boards);
      const faults = [
        ...(g.fuelHours < params.minFuelHours ? [`fuel for ${num(g.fuelHours)} h < ${num(params.minFuelHours)} h`] : []),
        ...(!hasAts(g.atsId) ? ["no ATS"] : []),
        ...(g.feeds.length === 0 ? ["feeds no board"] : []),
        ...(load > g.kw ? [`${num(g.kw)} kW < the ${num(load)} kW it backs up`] : []),
      ];
      out.push(
        check("declared", faults.length === 0 ? "pass" : "fail", g, {
          observed: `${num(g.fuelHours)} h of fuel, ${hasAts(g.atsId) ? `ATS ${g.atsId ?? ""}` : "no ATS"}, ${num(g.kw)} kW for board ${list(g.feeds)}: ${num(load)} kW declared draw behind them (design kW of their racks ${num(boardsDesignKw(room, boards))} kW; cooling not declared, not counted)${faults.length > 0 ? `; ${list(faults)}` : ""}`,
          expected: `>= ${num(params.minFuelHours)} h of fuel, an ATS, kW >= the declared draw it backs up`,
          message: faults.length === 0 ? `Generator ${g.id} gives ${num(g.fuelHours)} h of autonomy` : `Generator ${g.id}: ${list(faults)}`,
        }),
      );
    }
    return out;
  },
});
