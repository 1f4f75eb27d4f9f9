import { check, num, passOrFail } from "../../engine/checks";
import {
  boardDesignKw,
  boardLoadKw,
  describeUnits,
  devicesInRack,
  pduLoadKw,
  rackLoadKw,
  upsCapacityKw,
  upsDesignKw,
  upsLoadKw,
} from "../../engine/loads";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import { EN50600, ISO27001, UPTIME_TIER } from "../../controls/references";
import { noFacility, percent } from "./power-paths";

/**
 * RED-PWR-FEED-CAP: one path alone carries the full load. The load is the DECLARED DRAW of the devices
 * (policies/engine/loads.ts: when one path fails, a device's other supplies carry all of its draw):
 * - per rack and PDU (finding id = the PDU): the draw of every device with a supply on the PDU against
 *   the PDU's capacity times `pduMaxUtilisation` (continuous-load derating of its breaker). The rack's
 *   design kW is printed beside it, with the share of the PDU it would take: a rack whose design kW
 *   exceeds what one PDU carries will outgrow its feeds as it fills, but today's draw is what decides;
 * - per UPS: its path load against its modules in service times `upsMaxUtilisation`;
 * - per board: its path load against its capacity times `boardMaxUtilisation`. Only the IT load through
 *   the UPS on it is counted: cooling units fed from the board have no declared electrical draw.
 * The racks' design kW behind each UPS and board is printed beside the declared draw.
 */
export const OnePathCarriesTheFullLoad = defineRule({
  meta: {
    id: "RED-PWR-FEED-CAP",
    name: "OnePathCarriesTheFullLoad",
    version: "1.0.0",
    area: "power",
    title: "One power path alone carries the full load: every PDU, UPS and board of a path can take it",
    rationale:
      "Two paths protect nothing if, when one fails, the other trips under the whole load: each PDU, UPS and board must carry the full draw of everything it feeds.",
    remediation: "Move devices to another rack or path, or install a larger PDU, UPS module or board feed for the path.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      pduMaxUtilisation: {
        default: 0.8,
        description: "Share of a PDU's capacity one path may load (continuous-load derating)",
        unit: "ratio",
      },
      upsMaxUtilisation: { default: 1, description: "Share of a UPS's modules in service one path may load", unit: "ratio" },
      boardMaxUtilisation: { default: 0.8, description: "Share of a distribution board's capacity one path may load", unit: "ratio" },
    },
    controls: [
      EN50600("50600-2-2 (distribution sized for the full load)"),
      UPTIME_TIER("Tier III (one path carries the load)"),
      ISO27001("7.11"),
    ],
  },
  check(room, { params }) {
    if (!room.hasFacility) return noFacility("the power paths' capacity");
    const out: Check[] = [];
    for (const rack of room.facility("rack")) {
      const pdus = room.facility("pdu").filter((p) => p.rackId === rack.id);
      const rackKw = rackLoadKw(room, rack.id);
      const design = rack.designKw;
      const rackText = `rack ${rack.id}: devices ${num(rackKw)} kW declared draw, ${design === undefined ? "no design kW declared" : `design ${num(design)} kW`}`;
      if (pdus.length === 0) {
        const empty = devicesInRack(room, rack.id).length === 0;
        out.push(
          check("declared", empty ? "not-applicable" : "fail", rack, {
            findingId: "pdus",
            observed: empty ? "no PDU and no device in the rack" : `no PDU carries the ${rackText}`,
            expected: `a PDU per path carrying the rack's load within ${num(params.pduMaxUtilisation)} of its capacity`,
            message: empty ? `Rack ${rack.id} is empty` : `Rack ${rack.id} has devices but no PDU`,
          }),
        );
        continue;
      }
      for (const pdu of pdus) {
        const load = pduLoadKw(room, pdu.id);
        const limit = params.pduMaxUtilisation * pdu.capacityKw;
        const observed = `${pdu.id} (path ${pdu.path ?? "unknown"}) alone carries ${num(load)} kW declared draw (${rackText}${design === undefined ? "" : `, ${percent(design, pdu.capacityKw)} of the PDU`})`;
        out.push(
          check("declared", passOrFail(load <= limit), [rack, pdu], {
            findingId: pdu.id,
            observed,
            expected: `<= ${num(params.pduMaxUtilisation)} x ${num(pdu.capacityKw)} kW = ${num(limit)} kW`,
            message: `PDU ${pdu.id} in rack ${rack.id}: ${num(load)} kW on ${num(pdu.capacityKw)} kW (${percent(load, pdu.capacityKw)})`,
          }),
        );
      }
    }
    for (const pdu of room.facility("pdu"))
      if (!room.facilityById("rack", pdu.rackId))
        out.push(
          check("declared", "error", pdu, {
            observed: `PDU ${pdu.id} names rack ${pdu.rackId}, which the site does not declare`,
            expected: "every PDU in a declared rack",
            message: `PDU ${pdu.id}: rack ${pdu.rackId} does not resolve`,
          }),
        );
    for (const ups of room.facility("ups")) {
      if (!room.facility("pdu").some((p) => p.upsId === ups.id)) {
        out.push(
          check("declared", "not-applicable", ups, {
            observed: "no PDU hangs on it",
            expected: "its path load within its modules in service",
            message: `UPS ${ups.id} feeds no PDU: it carries no declared load`,
          }),
        );
        continue;
      }
      const { modules, totalKw } = upsCapacityKw(ups);
      const load = upsLoadKw(room, ups.id);
      const limit = params.upsMaxUtilisation * totalKw;
      out.push(
        check("declared", passOrFail(modules.length > 0 && load <= limit), ups, {
          observed: `path ${ups.path} load ${num(load)} kW declared draw (design kW of its racks ${num(upsDesignKw(room, ups.id))} kW) on ${describeUnits(modules)} in service = ${num(totalKw)} kW`,
          expected: `<= ${num(params.upsMaxUtilisation)} x ${num(totalKw)} kW = ${num(limit)} kW`,
          message: `UPS ${ups.id} (path ${ups.path}): ${num(load)} kW on ${num(totalKw)} kW in service`,
        }),
      );
    }
    for (const board of room.facility("board")) {
      const upsOn = room.facility("ups").filter((u) => u.boardId === board.id);
      if (upsOn.length === 0) {
        out.push(
          check("declared", "not-applicable", board, {
            observed: "no UPS stands on it",
            expected: "its path load within its capacity",
            message: `Board ${board.id} feeds no UPS: it carries no declared IT load`,
          }),
        );
        continue;
      }
      const load = boardLoadKw(room, board.id);
      const limit = params.boardMaxUtilisation * board.capacityKw;
      const cooling = room.facility("cooling").filter((c) => c.feed === board.id);
      const coolingText =
        cooling.length > 0 ? `; ${String(cooling.length)} cooling unit(s) on it, electrical draw not declared, not counted` : "";
      out.push(
        check("declared", passOrFail(load <= limit), board, {
          observed: `path ${board.path} load ${num(load)} kW declared draw through ${upsOn.map((u) => u.id).join(", ")} (design kW of its racks ${num(boardDesignKw(room, board.id))} kW)${coolingText}`,
          expected: `<= ${num(params.boardMaxUtilisation)} x ${num(board.capacityKw)} kW = ${num(limit)} kW`,
          message: `Board ${board.id} (path ${board.path}): ${num(load)} kW on ${num(board.capacityKw)} kW`,
        }),
      );
    }
    return out;
  },
});
