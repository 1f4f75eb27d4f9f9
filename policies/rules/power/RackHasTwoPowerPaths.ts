import type { PowerPath } from "../../../contracts/facility-objects";
import { check, passOrFail } from "../../engine/checks";
import { devicesInRack } from "../../engine/loads";
import { defineRule } from "../../engine/rule";
import { BSI_INF2, EN50600, ISO27001, NIS2, UPTIME_TIER } from "../../controls/references";
import { chainOfPdu, list, noFacility, type PduChain } from "./power-paths";

/**
 * RED-PWR-2N-RACK: every rack is fed by two independent power paths: at least two PDUs, on paths A and
 * B (the path of a PDU is the path of its UPS), and the two paths share no UPS and no distribution board
 * (the failure domains of a path upstream of the rack). A UPS standing on a board of the other path is a
 * contradiction in the declared facts and fails too.
 *
 * Both paths' boards in one emergency-power-off zone is printed as an observation, never a failure: the
 * rack stands in its room's EPO zone itself, so an EPO press there is meant to de-energise it whatever
 * feeds it. BSI INF.2.A17 asks that equipment which gives redundancy to each other (the firewall pair,
 * the backup room) not share an EPO zone; the rules for those pairs (RED-FW-HA, PHY-FIRE-SEP) check it.
 * No load here: capacity is RED-PWR-FEED-CAP's.
 */
export const RackHasTwoPowerPaths = defineRule({
  meta: {
    id: "RED-PWR-2N-RACK",
    name: "RackHasTwoPowerPaths",
    version: "1.0.0",
    area: "power",
    title: "Every rack is fed by two independent power paths (A and B, no shared UPS or board)",
    rationale:
      "A rack on one path, or on two PDUs behind the same UPS or board, goes dark with that UPS or board: the dual supplies of its devices then protect against nothing upstream of the rack.",
    remediation:
      "Give the rack a PDU on each path, each behind its own UPS and board; correct the PDU's UPS or the UPS's board where the declared facts are wrong.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [
      EN50600("50600-2-2 availability class 3/4 (two distribution paths)"),
      UPTIME_TIER("Tier III/IV (two distribution paths)"),
      ISO27001("7.11"),
      ISO27001("8.14"),
      NIS2("Art. 21(2) all-hazards approach, (c) business continuity"),
      BSI_INF2("INF.2.A23 A-B-Versorgung"),
    ],
  },
  check(room) {
    if (!room.hasFacility) return noFacility("the racks' power paths");
    const epoOf = (roomId: string) => room.facilityById("room", roomId)?.epoZone;
    return room.facility("rack").map((rack) => {
      const pdus = room.facility("pdu").filter((p) => p.rackId === rack.id);
      const devices = devicesInRack(room, rack.id);
      if (pdus.length === 0 && devices.length === 0)
        return check("declared", "not-applicable", rack, {
          observed: "no PDU and no device in the rack",
          expected: ">= 2 PDUs on paths A and B once the rack holds devices",
          message: `Rack ${rack.id} is empty: nothing in it needs power`,
        });
      const chains: PduChain[] = [];
      const problems: string[] = [];
      for (const pdu of pdus) {
        const c = chainOfPdu(room, pdu);
        if ("problem" in c) problems.push(c.problem);
        else chains.push(c);
      }
      if (problems.length > 0)
        return check("declared", "error", [rack, ...pdus], {
          observed: problems.join("; "),
          expected: "every PDU's UPS and every UPS's board declared",
          message: `Rack ${rack.id}: the power path cannot be followed: ${problems.join("; ")}`,
        });
      const on = (path: PowerPath) => chains.filter((c) => c.ups.path === path);
      const a = on("A");
      const b = on("B");
      const ids = (cs: PduChain[], f: (c: PduChain) => string) => new Set(cs.map(f));
      const sharedUps = [...ids(a, (c) => c.ups.id)].filter((u) => ids(b, (c) => c.ups.id).has(u));
      const sharedBoards = [...ids(a, (c) => c.board.id)].filter((x) => ids(b, (c) => c.board.id).has(x));
      const crossed = chains.filter((c) => c.board.path !== c.ups.path);
      const faults = [
        ...(pdus.length < 2 ? [`${String(pdus.length)} PDU${pdus.length === 1 ? "" : "s"}`] : []),
        ...(a.length === 0 ? ["no PDU on path A"] : []),
        ...(b.length === 0 ? ["no PDU on path B"] : []),
        ...sharedUps.map((u) => `UPS ${u} on both paths`),
        ...sharedBoards.map((x) => `board ${x} on both paths`),
        ...crossed.map((c) => `UPS ${c.ups.id} (path ${c.ups.path}) stands on board ${c.board.id} of path ${c.board.path}`),
      ];
      const describe = (c: PduChain) => `${c.pdu.id} (${c.ups.id}, ${c.board.id})`;
      const epoA = new Set(a.map((c) => epoOf(c.board.roomId)).filter((z): z is string => z !== undefined));
      const sharedEpo = [...new Set(b.map((c) => epoOf(c.board.roomId)))].filter((z): z is string => z !== undefined && epoA.has(z));
      const observation =
        sharedEpo.length > 0
          ? `; observation: both paths' boards in EPO zone ${list(sharedEpo)} (the rack's room: an EPO press there is meant to cut the rack)`
          : "";
      const paths = `path A ${a.length > 0 ? list(a.map(describe)) : "none"}, path B ${b.length > 0 ? list(b.map(describe)) : "none"}`;
      const observed =
        faults.length === 0
          ? `${String(pdus.length)} PDUs: ${paths}; UPS and boards disjoint${observation}`
          : `${list(faults)}: ${paths}${observation}`;
      return check("declared", passOrFail(faults.length === 0), [rack, ...pdus], {
        observed,
        expected: ">= 2 PDUs on paths A and B, the paths sharing no UPS and no board",
        message:
          faults.length === 0
            ? `Rack ${rack.id} has two independent power paths`
            : `Rack ${rack.id} does not have two independent power paths: ${list(faults)}`,
      });
    });
  },
});
