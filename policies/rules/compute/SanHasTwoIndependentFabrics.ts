import type { DeviceObject, PowerPath } from "../../../contracts/facility-objects";
import { check, missingFacts, passOrFail } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { EN50600, ISO27001 } from "../../controls/references";
import { cablesOf, controllersOf, describePaths, listOf, pathsOf } from "./support/topology";

const PATHS: readonly PowerPath[] = ["A", "B"];

/** A device that keeps running when a power path is lost: one wired supply on the other path. */
const survives = (room: Room, d: DeviceObject, lost: PowerPath) => [...pathsOf(room, d)].some((p) => p !== lost);

/**
 * RED-SAN-FABRIC: the SAN is two independent fabrics, and the array has no single controller or
 * supply. Fabrics: at least two (`fabric` of the fabric-switch devices, A and B); no cable joins
 * switches of different fabrics (an ISL would merge them into one); no rack holds switches of two
 * fabrics; and losing either power path leaves at least one fabric whose switches all still run. Per
 * array: at least two controllers (its `controllerIds`, and the controllers naming it; a dangling id
 * is an error), and the array chassis and each controller have supplies on both paths (>= 2 supplies,
 * A and B).
 */
export const SanHasTwoIndependentFabrics = defineRule({
  meta: {
    id: "RED-SAN-FABRIC",
    name: "SanHasTwoIndependentFabrics",
    version: "1.0.0",
    area: "compute",
    title: "The SAN has two independent fabrics (disjoint switches, racks and power) and dual-controller, dual-supply arrays",
    rationale: "Every VM's disks cross the SAN: one fabric, rack, power path or controller failing must leave a path to every LUN.",
    remediation:
      "Cable fabric A and B separately (no ISL between them), place their switches in different racks on both paths, and give each controller and the array two supplies on paths A and B.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [ISO27001("8.14"), EN50600("50600-1 availability class 3 (no single point of failure)")],
  },
  check(room) {
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects",
        expected: "fabric-switch, san-array and san-controller devices",
        message: `site ${room.site}: no facility objects, so the SAN cannot be checked`,
      });
    const switches = room.facility("device").filter((d) => d.role === "fabric-switch");
    const arrays = room.facility("device").filter((d) => d.role === "san-array");
    if (switches.length === 0 && arrays.length === 0) return [];
    const out: Check[] = [fabricCheck(room, switches, arrays)];
    for (const a of arrays) out.push(...arrayChecks(room, a));
    return out;
  },
});

function fabricCheck(room: Room, switches: DeviceObject[], arrays: DeviceObject[]): Check {
  const fabrics = new Map<string, DeviceObject[]>();
  for (const s of switches) {
    const f = s.fabric ?? "(undeclared)";
    fabrics.set(f, [...(fabrics.get(f) ?? []), s]);
  }
  const problems: string[] = [];
  const named = [...fabrics.keys()].filter((f) => f !== "(undeclared)").sort();
  if (named.length < 2) problems.push(`${named.length} fabric(s)`);
  if (fabrics.has("(undeclared)"))
    problems.push(`switches without a fabric: ${listOf((fabrics.get("(undeclared)") ?? []).map((s) => s.id))}`);
  for (const s of switches)
    for (const c of cablesOf(room, s))
      if (c.peer?.role === "fabric-switch" && c.peer.fabric !== s.fabric && s.id < c.peer.id)
        problems.push(`${s.id} (fabric ${s.fabric ?? "?"}) is cabled to ${c.peer.id} (fabric ${c.peer.fabric ?? "?"})`);
  const racks = new Map<string, Set<string>>();
  for (const s of switches) racks.set(s.rackId, new Set([...(racks.get(s.rackId) ?? []), s.fabric ?? "(undeclared)"]));
  for (const [rack, fs] of [...racks].sort()) if (fs.size > 1) problems.push(`rack ${rack} holds fabrics ${listOf([...fs].sort())}`);
  for (const p of PATHS) {
    const alive = named.filter((f) => (fabrics.get(f) ?? []).every((s) => survives(room, s, p)));
    if (alive.length === 0 && named.length > 0) problems.push(`losing path ${p} takes every fabric`);
  }
  const observed = named
    .map((f) => `fabric ${f}: ${listOf((fabrics.get(f) ?? []).map((s) => `${s.id} in ${s.rackId} on ${describePaths(pathsOf(room, s))}`))}`)
    .join("; ");
  const targets = switches.length > 0 ? switches : arrays.slice(0, 1);
  return check("declared", passOrFail(problems.length === 0), targets, {
    findingId: "fabrics",
    observed: observed || "no fabric switches",
    expected: ">= 2 fabrics, no cable between them, no shared rack, one survives losing either power path",
    message: `site ${room.site}: ${problems.length === 0 ? observed : problems.join("; ")}`,
  });
}

function arrayChecks(room: Room, array: DeviceObject): Check[] {
  const out: Check[] = [];
  const { controllers, dangling } = controllersOf(room, array);
  for (const id of dangling)
    out.push(
      check("declared", "error", array, {
        findingId: `controller-${id}`,
        observed: `controllerIds lists ${id}, which is no device of site ${room.site}`,
        expected: "every controller id names a san-controller device",
        message: `array ${array.id}: controller ${id} does not exist`,
      }),
    );
  const psuProblems = [array, ...controllers].flatMap((d) => {
    const paths = pathsOf(room, d);
    const wired = d.psus.filter((p) => p.pduId !== null).length;
    return wired >= 2 && paths.has("A") && paths.has("B") ? [] : [`${d.id}: ${wired} wired supply(ies) on ${describePaths(paths)}`];
  });
  const observed = `${controllers.length} controller(s) (${listOf(controllers.map((c) => `${c.id} on ${describePaths(pathsOf(room, c))}`))}); array on ${describePaths(
    pathsOf(room, array),
  )}`;
  out.push(
    check("declared", passOrFail(controllers.length >= 2 && psuProblems.length === 0), [array, ...controllers], {
      findingId: "controllers",
      observed,
      expected: ">= 2 controllers; the array and each controller with supplies on paths A and B",
      message: `array ${array.id}: ${psuProblems.length === 0 ? observed : `${observed}; ${psuProblems.join("; ")}`}`,
    }),
  );
  return out;
}
