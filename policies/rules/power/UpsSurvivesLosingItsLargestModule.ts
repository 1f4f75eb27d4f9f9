import { check, num, passOrFail } from "../../engine/checks";
import { describeUnits, upsCapacityKw, upsDesignKw, upsLoadKw } from "../../engine/loads";
import { defineRule } from "../../engine/rule";
import { BSI_INF2, EN50600, ISO27001, UPTIME_TIER } from "../../controls/references";
import { noFacility } from "./power-paths";

/**
 * RED-UPS-N1: each UPS carries the whole load of its path after losing its largest module. The load
 * is the DECLARED DRAW of the devices the UPS feeds (their full draw: when the other path is lost,
 * their other supplies go dark); the design kW of the racks behind it is printed beside it. Modules
 * not `ok` (failed, in repair) are not counted. A UPS that feeds no PDU is not applicable. Backup
 * rooms' UPS are checked like the primary room's.
 */
export const UpsSurvivesLosingItsLargestModule = defineRule({
  meta: {
    id: "RED-UPS-N1",
    name: "UpsSurvivesLosingItsLargestModule",
    version: "1.0.0",
    area: "power",
    title: "Each UPS is N+1: it carries its path's load after losing its largest module",
    rationale:
      "A UPS without a spare module drops the load of its path when one module fails, and during the repair the room runs on one path.",
    remediation: "Add a UPS module, move load off the path, or repair the module that is out of service.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [
      EN50600("50600-2-2 availability class 2+ (N+1 UPS)"),
      UPTIME_TIER("Tier II+ (N+1 components)"),
      ISO27001("7.11"),
      BSI_INF2("INF.2.A25 redundante USV"),
    ],
  },
  check(room) {
    if (!room.hasFacility) return noFacility("the UPS modules");
    return room.facility("ups").map((ups) => {
      if (!room.facility("pdu").some((p) => p.upsId === ups.id))
        return check("declared", "not-applicable", ups, {
          observed: "no PDU hangs on it",
          expected: "N+1 modules for its path's load",
          message: `UPS ${ups.id} feeds no PDU: it carries no declared load`,
        });
      const { modules, afterLargestKw } = upsCapacityKw(ups);
      const load = upsLoadKw(room, ups.id);
      const observed = `${describeUnits(modules)} in service minus the largest = ${num(afterLargestKw)} kW`;
      return check("declared", passOrFail(modules.length >= 2 && afterLargestKw >= load), ups, {
        observed,
        expected: `>= path ${ups.path} load ${num(load)} kW (declared draw of the devices it feeds; design kW of its racks ${num(upsDesignKw(room, ups.id))} kW)`,
        message: `UPS ${ups.id} (path ${ups.path}): ${observed} against a load of ${num(load)} kW`,
      });
    });
  },
});
