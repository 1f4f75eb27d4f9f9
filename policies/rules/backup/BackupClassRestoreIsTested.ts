import type { AttestationFields, BackupClassObject } from "../../../contracts/facility-objects";
import { attested, missingFacts } from "../../engine/checks";
import { daysBetween } from "../../engine/dates";
import { defineRule, type Check } from "../../engine/rule";
import type { FindingTarget, Room } from "../../engine/room";
import { enforcementOf, missingRoomRecord } from "../governance/onboarding";
import { IMPL_REG_2024_2690, ISO27001, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { noBackupClasses } from "./no-backup-classes";

type Record = AttestationFields & { id: string; target: FindingTarget };

/**
 * BKP-RESTORE-TEST: every backup class has a restore test that a person recorded: the latest one is no
 * older than the parameter (default 90 days, CONTROLS.md §10), its result is `pass` (a partial restore
 * is a fail: 3-2-1-1-0's zero errors), and its next due date has not passed. Attested evidence: the
 * `restore-test` objects of the class (and `evidence` records of kind `restore-test` about it), with who
 * (role), when and which document; the outcome is `attested` when current, `fail` when missing, failed
 * or overdue, never pass. Dates compare with the evaluation date. A restore test of a class the site
 * does not declare is an error finding. In a room being onboarded (the operator's `onboardingUntil`, set
 * by `npm run clone -- site`) a class with no restore test at all is advisory up to that day.
 */
export const BackupClassRestoreIsTested = defineRule({
  meta: {
    id: "BKP-RESTORE-TEST",
    name: "BackupClassRestoreIsTested",
    version: "1.1.0",
    area: "backup",
    title: "Every backup class has a recent, passed restore test on record",
    rationale:
      "A backup that was never restored is a hope, not a backup: restores fail for missing keys, broken chains and forgotten dependencies.",
    remediation:
      "Restore a VM of the class (to an isolated network), verify it, and record the test (date, result, who, document, next due) in the site's backup evidence.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "attested",
    params: {
      maxAgeDays: { default: 90, description: "Age of the latest restore test", unit: "days" },
    },
    controls: [NSM_GRUNNPRINSIPPER("2.9.3"), IMPL_REG_2024_2690("4.2.3"), IMPL_REG_2024_2690("4.2.6"), ISO27001("8.13")],
  },
  check(room, { params, asOf }) {
    if (!room.hasFacility)
      return missingFacts(
        {
          observed: "no facility objects in the input",
          expected: "backup-class and restore-test records",
          message: "The input declares no backup classes or restore tests.",
        },
        "attested",
      );
    const none = noBackupClasses(room, "a recent passed restore test", "attested");
    if (none) return none;
    const out: Check[] = [];
    const records: (Record & { classId: string })[] = [
      ...room.facility("restore-test").map((t) => ({ ...t, classId: t.classId, target: t })),
      ...room
        .facility("evidence")
        .filter((e) => e.evidenceKind === "restore-test")
        .map((e) => ({ ...e, classId: e.about, target: e })),
    ];
    for (const r of records)
      if (!room.facilityById("backup-class", r.classId))
        out.push(
          attested("error", r.target, {
            observed: `restore test ${r.id} is about backup class ${JSON.stringify(r.classId)}, which the site does not declare`,
            expected: "the id of a backup-class",
            message: `Restore test ${r.id} names no declared backup class.`,
          }),
        );
    for (const cls of room.facility("backup-class"))
      out.push(
        judge(
          room,
          cls,
          records.filter((r) => r.classId === cls.id),
          params.maxAgeDays,
          asOf,
        ),
      );
    return out;
  },
});

function judge(room: Room, cls: BackupClassObject, tests: Record[], maxAgeDays: number, asOf: string): Check {
  const expected = `result pass, dated <= ${maxAgeDays} days before ${asOf}, next due not before ${asOf}`;
  const latest = [...tests].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1))[0];
  if (!latest) {
    const deferral = missingRoomRecord(room, cls.site, asOf);
    return attested("fail", cls, {
      observed: "no restore test on record",
      expected,
      message: `Backup class ${cls.id} has never been restore-tested on record${deferral.note}.`,
      ...enforcementOf(deferral),
    });
  }
  const age = daysBetween(latest.date, asOf);
  const due = typeof latest.nextDue === "string" ? latest.nextDue : null;
  const dueIn = due === null ? undefined : daysBetween(asOf, due);
  const targets = [cls, latest.target];
  if (age === undefined || (due !== null && dueIn === undefined))
    return attested("not-evaluable", targets, {
      observed: `restore test ${latest.id} has date ${JSON.stringify(latest.date)} and next due ${JSON.stringify(latest.nextDue)}`,
      expected: "dates as YYYY-MM-DD",
      message: `The restore test record of backup class ${cls.id} has no readable date.`,
    });
  const observed =
    `${latest.id} on ${latest.date} (${age} days before ${asOf}), result ${latest.result}, by ${latest.by}, ${latest.documentRef}, ` +
    `next due ${due ?? "not set"}`;
  const problems: string[] = [];
  if (age < 0) problems.push(`it is dated ${-age} days after the evaluation date`);
  if (latest.result !== "pass") problems.push(`its result is ${latest.result}`);
  if (age > maxAgeDays) problems.push(`it is ${age} days old`);
  if (dueIn !== undefined && dueIn < 0) problems.push(`the next test was due ${-dueIn} days ago`);
  return attested(problems.length === 0 ? "attested" : "fail", targets, {
    observed,
    expected,
    message:
      problems.length === 0
        ? `Backup class ${cls.id} was restore-tested on ${latest.date} (${latest.documentRef}).`
        : `The latest restore test of backup class ${cls.id} does not count: ${problems.join("; ")}.`,
  });
}
