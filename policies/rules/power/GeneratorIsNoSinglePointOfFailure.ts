import type { FacilityOf } from "../../../contracts/facility-objects";
import { check, num } from "../../engine/checks";
import { devicesFedBy, generatorLoadKw, upsCapacityKw, upsLoadKw } from "../../engine/loads";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import { BSI_INF2, ISO27001, UPTIME_TIER } from "../../controls/references";
import { list, noFacility } from "./power-paths";

type Generator = FacilityOf<"generator">;

/**
 * RED-GEN: on a mains outage the generators are the room's only source. Checked per room (a backup room
 * is a room too) over the generators that back up the boards of the room's UPS. The decision:
 *
 * 1. Every path of the room (every UPS's board) must have a generator. A generator that feeds only one
 *    path leaves the other on batteries: after its runtime the room runs on one path for the rest of
 *    the outage. Fail.
 * 2. PASS, redundant: losing any one generator, or an ATS that two generators share (a failure domain
 *    of its own), leaves every device of the room a supply on a board a surviving generator feeds, and
 *    every surviving generator's kW covers the full DECLARED DRAW behind the boards it feeds (the loads
 *    of policies/engine/loads.ts; cooling has no declared electrical draw and is not counted). Two
 *    generators on disjoint boards, each sized for the whole load, pass.
 * 3. PASS, one generator bridged: otherwise, when every UPS of the room rides through a stop of the
 *    generator, i.e. its declared runtime is at least `restartWindowMin` (the on-call technician
 *    reaching the room to restart a tripped generator, switch its ATS to bypass, or top up the day tank
 *    with the engine stopped) and its path load is within its modules in service. Mains is the other
 *    source: a generator that fails for good during a long outage is a second failure. This follows BSI
 *    INF.2.A14 (a generator, standard protection) and leaves INF.2.A26 (redundant generators) to rooms of
 *    elevated protection need, which set `redundantGenerators: true` in their policy file; it is below
 *    Uptime Tier III (N+1 generators), which the finding says.
 * 4. Otherwise FAIL: a stop of the only generator during an outage takes the room down.
 *
 * Mandatory: the bridged single generator already passes, so what fails is a room that goes dark on an
 * ordinary generator stop, or a path that is never backed up.
 */
export const GeneratorIsNoSinglePointOfFailure = defineRule({
  meta: {
    id: "RED-GEN",
    name: "GeneratorIsNoSinglePointOfFailure",
    version: "1.0.0",
    area: "power",
    title: "The generators are no single point of failure: N+1, or one generator whose stops the UPS bridges",
    rationale:
      "During a mains outage the generator is the only source. A room survives losing one generator when another carries it; with a single generator it survives a restart or a refuel only if the batteries last that long, and a path no generator feeds runs dry after its battery runtime. One generator bridged by the UPS is accepted at standard protection (BSI INF.2.A14, mains as the other source); rooms of elevated protection need require redundant generators (INF.2.A26, parameter redundantGenerators).",
    remediation:
      "Connect every path's board to a generator; add a second generator on its own ATS sized for the load, or extend the UPS runtime to the restart window.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      restartWindowMin: {
        default: 30,
        description:
          "Minutes the UPS must bridge a stop of a single generator (restart after a trip, ATS bypass, topping up the day tank with the engine stopped)",
        unit: "min",
      },
      redundantGenerators: {
        default: false,
        description: "Require N+1 generators (elevated protection need, BSI INF.2.A26): a bridged single generator then fails",
      },
    },
    controls: [
      ISO27001("7.11"),
      ISO27001("8.14"),
      BSI_INF2("INF.2.A14 Netzersatzanlage"),
      BSI_INF2("INF.2.A26 redundante Netzersatzanlagen (with redundantGenerators)"),
      UPTIME_TIER("Tier III (N+1 engine generators; a bridged single generator is below it)"),
    ],
  },
  check(room, { params }) {
    if (!room.hasFacility) return noFacility("the generators");
    const out: Check[] = [];
    const allGenerators = room.facility("generator");
    for (const r of room.facility("room")) {
      const upsList = room.facility("ups").filter((u) => u.roomId === r.id);
      if (upsList.length === 0) {
        out.push(
          check("declared", "not-applicable", r, {
            observed: "no UPS in the room",
            expected: "generators backing the room's paths",
            message: `Room ${r.id} has no UPS: no path for a generator to back up`,
          }),
        );
        continue;
      }
      const unresolved = upsList.filter((u) => !room.facilityById("board", u.boardId));
      if (unresolved.length > 0) {
        out.push(
          check("declared", "error", [r, ...unresolved], {
            observed: unresolved.map((u) => `UPS ${u.id} names board ${u.boardId}, which the site does not declare`).join("; "),
            expected: "every UPS's board declared",
            message: `Room ${r.id}: the boards of its UPS do not resolve`,
          }),
        );
        continue;
      }
      const boardIds = new Set(upsList.map((u) => u.boardId));
      const gens = allGenerators.filter((g) => g.feeds.some((b) => boardIds.has(b)));
      const targets = [r, ...gens];
      const unbacked = upsList.filter((u) => !gens.some((g) => g.feeds.includes(u.boardId)));
      const bridge = Math.min(...upsList.map((u) => u.runtimeMin));
      const overCapacity = upsList.filter((u) => upsLoadKw(room, u.id) > upsCapacityKw(u).totalKw);
      const runtimeText = `UPS runtime ${list(upsList.map((u) => `${u.id} ${num(u.runtimeMin)} min`))} (declared at design load)`;
      const expected = `every path on a generator; N+1 generators (losing any one, or a shared ATS, leaves every device on a generator that carries it)${
        params.redundantGenerators
          ? " (redundantGenerators: required)"
          : `, or a UPS bridge >= restart window ${num(params.restartWindowMin)} min`
      }`;
      if (gens.length === 0 || unbacked.length > 0) {
        const observed =
          gens.length === 0
            ? `no generator feeds board ${list([...boardIds].sort())}: on a mains outage the room goes dark after ${num(bridge)} min`
            : `${list(unbacked.map((u) => `path ${u.path} (board ${u.boardId}, ${u.id})`))} on no generator: on a mains outage it runs ${num(
                Math.min(...unbacked.map((u) => u.runtimeMin)),
              )} min on batteries, then the room is on one path; generator ${list(gens.map((g) => `${g.id} feeds ${list(g.feeds)}`))}`;
        out.push(check("declared", "fail", targets, { observed, expected, message: `Room ${r.id}: ${observed}` }));
        continue;
      }
      // The room's devices and the boards each of their supplies reaches.
      const roomPdus = new Set(
        room
          .facility("pdu")
          .filter((p) => upsList.some((u) => u.id === p.upsId))
          .map((p) => p.id),
      );
      const devices = devicesFedBy(room, roomPdus);
      const boardsOf = (d: FacilityOf<"device">) =>
        d.psus.flatMap((p) => {
          const ups = room.facilityById("ups", room.facilityById("pdu", p.pduId)?.upsId);
          return ups ? [ups.boardId] : [];
        });
      const atsShared = [...new Set(gens.map((g) => g.atsId).filter((a): a is string => typeof a === "string" && a !== ""))].filter(
        (a) => gens.filter((g) => g.atsId === a).length >= 2,
      );
      const domains: { name: string; lost: (g: Generator) => boolean }[] = [
        ...gens.map((x) => ({ name: `generator ${x.id}`, lost: (g: Generator) => g.id === x.id })),
        ...atsShared.map((a) => ({ name: `ATS ${a}`, lost: (g: Generator) => g.atsId === a })),
      ];
      const losses = domains.map((d) => {
        const survivors = gens.filter((g) => !d.lost(g));
        const dark = devices.filter((dev) => !boardsOf(dev).some((b) => survivors.some((g) => g.feeds.includes(b))));
        const overloaded = survivors
          .map((g) => ({ g, load: generatorLoadKw(room, new Set(g.feeds)) }))
          .filter(({ g, load }) => load > g.kw);
        const faults = [
          ...(dark.length > 0
            ? [
                `${String(dark.length)} device(s) without a generator (${dark
                  .slice(0, 3)
                  .map((x) => x.id)
                  .join(", ")}${dark.length > 3 ? ", ..." : ""})`,
              ]
            : []),
          ...overloaded.map(({ g, load }) => `${g.id} ${num(g.kw)} kW < ${num(load)} kW declared draw behind its boards`),
        ];
        return { name: d.name, faults };
      });
      const failedLosses = losses.filter((l) => l.faults.length > 0);
      const genText = list(gens.map((g) => `${g.id} ${num(g.kw)} kW (ATS ${g.atsId ?? "none"}, feeds ${list(g.feeds)})`));
      if (failedLosses.length === 0) {
        const loads = gens.map((g) => `${g.id} ${num(generatorLoadKw(room, new Set(g.feeds)))} kW declared draw`);
        out.push(
          check("declared", "pass", targets, {
            observed: `N+1: ${genText}; losing any one of ${domains.map((d) => d.name).join(", ")} leaves every device on a generator within its kW (${list(loads)})`,
            expected,
            message: `Room ${r.id} survives losing any one generator`,
          }),
        );
        continue;
      }
      const notRedundant = `not N+1 (${failedLosses.map((l) => `losing ${l.name}: ${list(l.faults)}`).join("; ")})`;
      const bridged = bridge >= params.restartWindowMin && overCapacity.length === 0;
      const ok = !params.redundantGenerators && bridged;
      const observed = ok
        ? `${genText}: ${notRedundant}; ${runtimeText} bridge a generator stop of ${num(params.restartWindowMin)} min; below Tier III (a generator failing for good during a long outage drops the room after ${num(bridge)} min, mains is the other source)`
        : `${genText}: ${notRedundant}; ${runtimeText}${
            overCapacity.length > 0 ? `; ${list(overCapacity.map((u) => u.id))} over their modules in service, runtime not known` : ""
          }${params.redundantGenerators ? "; redundant generators required" : ""}`;
      out.push(
        check("declared", ok ? "pass" : "fail", targets, {
          observed,
          expected,
          message: ok
            ? `Room ${r.id}: one generator, its stops bridged by the UPS`
            : `Room ${r.id}: a stop of the generator during a mains outage takes the room down`,
        }),
      );
    }
    return out;
  },
});
