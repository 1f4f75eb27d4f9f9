import type { DeviceObject, PowerPath } from "../../../contracts/facility-objects";
import { check, missingFacts, passOrFail } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { EN50600, ISO27001 } from "../../controls/references";
import { describePaths, hostDevices, listOf, pathsOf, peersOfRole } from "./support/topology";

const PATHS: readonly PowerPath[] = ["A", "B"];

/**
 * RED-CORE-SW: the core network has no single switch, rack or power path: at least two core switches,
 * such that losing any one rack or any one power path (A or B) leaves at least one core switch
 * running (a switch survives a path when one of its wired supplies is on the other path), and every
 * ESXi host in service is cabled (device links, either end) to at least two different core switches.
 */
export const CoreSwitchesSurviveALostRackOrPath = defineRule({
  meta: {
    id: "RED-CORE-SW",
    name: "CoreSwitchesSurviveALostRackOrPath",
    version: "1.0.0",
    area: "compute",
    title: "Two core switches in different racks and on both power paths, with every host cabled to both",
    rationale:
      "Every VM, vMotion and the management network cross the core switches: one switch, its rack or its power path must not take the room off the network.",
    remediation: "Add a second core switch in another rack, feed the switches from both paths, and cable each host to both switches.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [ISO27001("8.14"), ISO27001("8.20"), EN50600("50600-2-4 cabling, availability class 3 (redundant paths)")],
  },
  check(room) {
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects",
        expected: "core-switch and esxi-host devices with links",
        message: `site ${room.site}: no facility objects, so the core switches cannot be checked`,
      });
    const cores = room.facility("device").filter((d) => d.role === "core-switch");
    const hosts = hostDevices(room);
    if (cores.length === 0 && hosts.length === 0) return [];
    const out: Check[] = [pairCheck(room, cores, hosts)];
    for (const h of hosts) {
      const peers = peersOfRole(room, h, "core-switch");
      out.push(
        check("declared", passOrFail(peers.length >= 2), h, {
          findingId: "core-links",
          observed: `cabled to ${peers.length} core switch(es) (${listOf(peers.map((p) => p.id))})`,
          expected: ">= 2 different core switches",
          message: `host ${h.id}: cabled to ${listOf(peers.map((p) => p.id))}`,
        }),
      );
    }
    return out;
  },
});

function pairCheck(room: Room, cores: DeviceObject[], hosts: DeviceObject[]): Check {
  const racks = [...new Set(cores.map((c) => c.rackId))].sort();
  const paths = new Map(cores.map((c) => [c, pathsOf(room, c)]));
  const rackLoss = racks.filter((r) => cores.every((c) => c.rackId === r));
  const pathLoss = PATHS.filter((p) => cores.every((c) => [...(paths.get(c) ?? [])].every((q) => q === p)));
  const observed = `${cores.length} core switch(es): ${listOf(cores.map((c) => `${c.id} in ${c.rackId} on ${describePaths(paths.get(c) ?? new Set())}`))}`;
  const problems = [
    ...(cores.length < 2 ? [`${cores.length} core switch(es)`] : []),
    ...rackLoss.map((r) => `losing rack ${r} takes every core switch`),
    ...PATHS.filter((p) => pathLoss.includes(p)).map((p) => `losing path ${p} takes every core switch`),
  ];
  return check("declared", passOrFail(problems.length === 0), cores.length > 0 ? cores : hosts.slice(0, 1), {
    findingId: "pair",
    observed,
    expected: ">= 2 core switches; one survives losing any one rack or power path",
    message: `site ${room.site}: ${problems.length === 0 ? observed : problems.join("; ")}`,
  });
}
