import type { FacilityObject, FacilityOf } from "../../../contracts/facility-objects";
import { attested, missingFacts, num } from "../../engine/checks";
import { addMonths } from "../../engine/dates";
import type { Room } from "../../engine/room";
import { defineRule, type Check } from "../../engine/rule";
import { enforcementOf, missingRoomRecord } from "../governance/onboarding";
import { ISO27001, IMPL_REG_2024_2690 } from "../../controls/references";

type Evidence = FacilityOf<"evidence">;

/**
 * PHY-MAINT: every UPS, generator and cooling unit, and the fire suppression of every room that
 * declares one, has a service record (`evidence` with `evidenceKind: "service"` and `about: <id>`;
 * for a room, the record is the service of its fire suppression) that is no older than
 * `maxAgeMonths`, passed, and whose `nextDue` has not passed. A person's record: the outcome is
 * `attested` when current, `fail` when missing, failed or overdue, never pass. Records dated after
 * the evaluation date do not count. In a room being onboarded (the operator's `onboardingUntil`, set by
 * `npm run clone -- site`) a missing record is advisory up to that day; a failed or overdue one never is. A load test is not a service visit (RED-UPS-AUTONOMY and RED-GEN
 * read those); the site records both.
 */
export const FacilityEquipmentIsServiced = defineRule({
  meta: {
    id: "PHY-MAINT",
    name: "FacilityEquipmentIsServiced",
    version: "1.1.0",
    area: "physical",
    title: "UPS, generators, cooling units and fire suppression have a current service record",
    rationale:
      "Batteries age, fans and compressors wear, extinguishing gas leaks away: redundancy on paper fails when the unit that should take over has not been serviced. ISO 27001 7.13 asks for equipment maintained per the manufacturer's intervals, with records.",
    remediation:
      "Have the unit serviced under the service contract and record the visit (date, result, who, document reference, next due) as service evidence about the unit.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "attested",
    params: {
      maxAgeMonths: { default: 12, description: "Oldest a service record may be.", unit: "months" },
      includeFireSuppression: { default: true, description: "Whether rooms' fire suppression systems need a service record too." },
    },
    controls: [ISO27001("7.13"), ISO27001("7.11"), IMPL_REG_2024_2690("13.1 (supporting utilities)")],
  },
  check(room, ctx) {
    if (!room.hasFacility)
      return missingFacts(
        {
          observed: "no facility objects",
          expected: "UPS, generators, cooling units and service evidence as facility objects (docs/facility-vocabulary.md)",
          message: "the input has no facility objects, so the service of its equipment cannot be checked",
        },
        "attested",
      );
    const { maxAgeMonths, includeFireSuppression } = ctx.params;
    const services = room.facility("evidence").filter((e) => e.evidenceKind === "service");
    const subjects: { target: FacilityObject; what: string; findingId: string }[] = [
      ...room.facility("ups").map((u) => ({ target: u, what: `UPS ${u.id}`, findingId: "service" })),
      ...room.facility("generator").map((g) => ({ target: g, what: `generator ${g.id}`, findingId: "service" })),
      ...room.facility("cooling").map((c) => ({ target: c, what: `cooling unit ${c.id}`, findingId: "service" })),
    ];
    if (includeFireSuppression)
      for (const r of room.facility("room"))
        if (typeof r.fireSuppression === "string" && r.fireSuppression.trim() !== "")
          subjects.push({ target: r, what: `fire suppression (${r.fireSuppression}) of room ${r.id}`, findingId: "fire-suppression" });
    return subjects.map((s) => serviceCheck(room, s, services, ctx.asOf, maxAgeMonths));
  },
});

function serviceCheck(
  room: Room,
  s: { target: FacilityObject; what: string; findingId: string },
  services: readonly Evidence[],
  asOf: string,
  maxAgeMonths: number,
): Check {
  const oldest = addMonths(asOf, -maxAgeMonths);
  const expected = `a passed service record dated ${oldest} or later (${num(maxAgeMonths)} months before ${asOf}), next due not passed`;
  const all = services.filter((e) => e.about === s.target.id);
  const records = all.filter((e) => e.date <= asOf).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1));
  const latest = records[0];
  if (!latest) {
    const future = all.length > 0 ? `; ${all.length} dated after ${asOf} (${all.map((e) => e.id).join(", ")})` : "";
    const deferral = missingRoomRecord(room, s.target.site, asOf);
    return attested("fail", s.target, {
      findingId: s.findingId,
      observed: `no service record${future}`,
      expected,
      message: `${s.what} has no service record in site ${room.site}${deferral.note}`,
      ...enforcementOf(deferral),
    });
  }
  const problems: string[] = [];
  if (latest.result !== "pass") problems.push(`result ${latest.result}`);
  if (latest.date < oldest) problems.push(`serviced ${latest.date}, more than ${num(maxAgeMonths)} months ago`);
  if (latest.nextDue !== null && latest.nextDue !== undefined && latest.nextDue < asOf)
    problems.push(`next service was due ${latest.nextDue}`);
  const observed = `${latest.id}: ${latest.date} ${latest.result} by ${latest.by} (${latest.documentRef})${latest.nextDue ? `, next due ${latest.nextDue}` : ""}`;
  return attested(problems.length === 0 ? "attested" : "fail", [s.target, latest], {
    findingId: s.findingId,
    observed,
    expected,
    message: problems.length === 0 ? `${s.what}: serviced ${latest.date} (${latest.documentRef})` : `${s.what}: ${problems.join("; ")}`,
  });
}
