import { check, missingFacts, passOrFail } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import { ISO27001 } from "../../controls/references";
import { cablesOf, controllersOf, fabricsOf, hostDevices, listOf } from "./support/topology";

/**
 * RED-SAN-MULTIPATH: every host reaches every LUN over at least two paths through two controllers.
 * Per ESXi host in service: at least two cables from the host to fabric switches, on at least two
 * different fabrics. Per LUN: its array has at least two controllers each cabled to at least two
 * fabrics (so a fabric and a controller can fail at once with a path left), and its owning controller
 * is one of them (a dangling owner or array is an error).
 *
 * Not covered: the path selection policy (VMW_PSP_RR / MRU / FIXED or HPP per array vendor), the live
 * path count and the fabric zoning are not in Terraform (the provider does not manage multipathing):
 * they need audit evidence from the hosts.
 */
export const EveryLunHasTwoPathsThroughTwoControllers = defineRule({
  meta: {
    id: "RED-SAN-MULTIPATH",
    name: "EveryLunHasTwoPathsThroughTwoControllers",
    version: "1.0.0",
    area: "compute",
    title: "Every host has HBAs on two fabrics, and every LUN is reachable through two controllers on both fabrics",
    rationale:
      "A host with one HBA, or a LUN behind one controller, loses its disks with one cable, switch or controller: every VM on it stops.",
    remediation: "Cable each host's two HBAs to fabric A and fabric B, and each array controller to both fabrics.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [ISO27001("8.14")],
  },
  check(room) {
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects",
        expected: "esxi-host, fabric-switch, san-controller devices and lun objects",
        message: `site ${room.site}: no facility objects, so the SAN paths cannot be checked`,
      });
    const arrays = room.facility("device").filter((d) => d.role === "san-array");
    const luns = room.facility("lun");
    if (arrays.length === 0 && luns.length === 0) return [];
    const out: Check[] = [];
    for (const h of hostDevices(room)) {
      const hbas = cablesOf(room, h).filter((c) => c.peer?.role === "fabric-switch");
      const fabrics = [...fabricsOf(room, h)].sort();
      out.push(
        check("declared", passOrFail(hbas.length >= 2 && fabrics.length >= 2), h, {
          findingId: "hba",
          observed: `${hbas.length} HBA link(s) (${listOf(hbas.map((c) => `${c.port} to ${c.peerId}`))}) on fabric(s) ${listOf(fabrics)}`,
          expected: ">= 2 HBA links on >= 2 fabrics",
          message: `host ${h.id}: ${hbas.length} HBA link(s) on fabric(s) ${listOf(fabrics)}`,
        }),
      );
    }
    for (const lun of luns) {
      const array = room.facilityById("device", lun.arrayId);
      if (!array) {
        out.push(
          check("declared", "error", lun, {
            observed: `arrayId ${lun.arrayId}, which is no device of site ${room.site}`,
            expected: "the LUN's array exists",
            message: `LUN ${lun.id}: its array ${lun.arrayId} does not exist`,
          }),
        );
        continue;
      }
      const { controllers } = controllersOf(room, array);
      if (lun.ownerControllerId !== undefined && !controllers.some((c) => c.id === lun.ownerControllerId)) {
        out.push(
          check("declared", "error", lun, {
            findingId: "owner",
            observed: `ownerControllerId ${lun.ownerControllerId}, which is no controller of array ${array.id}`,
            expected: "the owner is one of the array's controllers",
            message: `LUN ${lun.id}: owner ${lun.ownerControllerId} is not a controller of ${array.id}`,
          }),
        );
      }
      const dual = controllers.filter((c) => fabricsOf(room, c).size >= 2);
      const observed = `array ${array.id}: ${controllers.length} controller(s), ${dual.length} on >= 2 fabrics (${listOf(
        controllers.map((c) => `${c.id}: ${listOf([...fabricsOf(room, c)].sort())}`),
      )})`;
      out.push(
        check("declared", passOrFail(dual.length >= 2), [lun, array], {
          observed,
          expected: ">= 2 controllers each cabled to >= 2 fabrics",
          message: `LUN ${lun.id}${lun.datastore ? ` (${lun.datastore})` : ""}: ${observed}`,
        }),
      );
    }
    return out;
  },
});
