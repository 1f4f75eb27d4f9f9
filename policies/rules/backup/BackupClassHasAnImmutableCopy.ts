import type { BackupCopyObject } from "../../../contracts/facility-objects";
import { check, missingFacts, num } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { BACKUP_321, ISO27001, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { noBackupClasses } from "./no-backup-classes";

/**
 * Whether a copy counts as one an attacker cannot change, and why not. A copy counts when it is
 * declared `immutable` (WORM, S3 object lock, a hardened repository, or tape ejected and kept offline:
 * tape is not counted for being tape, since a tape left in the library is as reachable as a disk). A
 * disk copy in a backup room that lists its repositories must also have an immutable repository there:
 * an immutable copy on repositories none of which is immutable is a contradiction, and does not count.
 */
function immutability(room: Room, copy: BackupCopyObject): { counts: boolean; why: string } {
  if (copy.immutable !== true) return { counts: false, why: `${copy.id} (${copy.media}) not immutable` };
  if (copy.media === "disk" && copy.roomId) {
    const backupRoom = room.facility("backup-room").find((b) => b.roomId === copy.roomId);
    const repos = (backupRoom?.repositoryIds ?? []).map((id) => room.facilityById("device", id)).filter((d) => d !== undefined);
    if (repos.length > 0 && !repos.some((d) => d.immutable === true))
      return {
        counts: false,
        why: `${copy.id} (disk) declared immutable, but no repository in ${copy.roomId} is (${repos.map((d) => d.id).join(", ")})`,
      };
  }
  return { counts: true, why: `${copy.id} (${copy.media}) immutable` };
}

/**
 * BKP-IMMUTABLE: every backup class has at least one copy that ransomware with the backup server's
 * credentials cannot delete or encrypt (immutable or offline), kept at least the retention parameter
 * (default 30 days, so that an infection found weeks later still has a clean copy). Declared facts:
 * `backup-class.retentionDays` and `.immutable`, `backup-copy.immutable`, and the backup room's
 * repository devices (`device.immutable`). A class that declares `immutable: true` without an
 * immutable copy fails. A repository id of a backup room that names no device is an error finding.
 * Not checked (the configuration cannot show it): that the backup administrators' credentials live
 * outside the production directory.
 */
export const BackupClassHasAnImmutableCopy = defineRule({
  meta: {
    id: "BKP-IMMUTABLE",
    name: "BackupClassHasAnImmutableCopy",
    version: "1.0.0",
    area: "backup",
    title: "Every backup class has an immutable or offline copy kept long enough",
    rationale:
      "Ransomware deletes or encrypts every backup it can reach before it encrypts production; only an immutable or offline copy, kept longer than an attack goes unnoticed, is sure to be clean.",
    remediation:
      "Make one copy of the class immutable (hardened repository with immutability, S3 object lock, or tapes ejected and kept offline) and keep it at least the minimum retention.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      minImmutableCopies: { default: 1, description: "Immutable or offline copies per class", unit: "copies" },
      minRetentionDays: { default: 30, description: "Retention of the class's copies", unit: "days" },
    },
    controls: [NSM_GRUNNPRINSIPPER("2.9.4"), ISO27001("8.13"), BACKUP_321("3-2-1-1-0 (the 1 offline or immutable copy)")],
  },
  check(room, { params }) {
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects in the input",
        expected: "backup-class and backup-copy objects",
        message: "The input declares no backup classes or copies, so their immutability cannot be checked.",
      });
    const none = noBackupClasses(room, "an immutable or offline copy");
    if (none) return none;
    const out: Check[] = [];
    for (const b of room.facility("backup-room"))
      for (const id of b.repositoryIds)
        if (!room.facilityById("device", id))
          out.push(
            check("declared", "error", b, {
              findingId: `repository-${id}`,
              observed: `backup room ${b.id} lists repository ${JSON.stringify(id)}, which no device declares`,
              expected: "the id of a backup-server device",
              message: `Backup room ${b.id} names a repository that does not exist.`,
            }),
          );
    for (const cls of room.facility("backup-class")) {
      const copies = room.facility("backup-copy").filter((c) => c.classId === cls.id);
      const judged = copies.map((c) => ({ copy: c, ...immutability(room, c) }));
      const counted = judged.filter((j) => j.counts);
      const retention = cls.retentionDays;
      const retentionOk = typeof retention === "number" && retention >= params.minRetentionDays;
      const ok = counted.length >= params.minImmutableCopies && retentionOk;
      const observed =
        `${counted.length} of ${copies.length} copies immutable or offline` +
        `${judged.length > 0 ? ` (${judged.map((j) => j.why).join("; ")})` : ""}; ` +
        `retention ${typeof retention === "number" ? `${num(retention)} days` : "not declared"}; class declares immutable: ${String(cls.immutable)}`;
      const short: string[] = [];
      if (counted.length < params.minImmutableCopies) short.push(`${counted.length} of ${params.minImmutableCopies} immutable copies`);
      if (!retentionOk) short.push(`retention ${String(retention)} of ${params.minRetentionDays} days`);
      out.push(
        check("declared", ok ? "pass" : "fail", [cls, ...copies], {
          observed,
          expected: `>= ${params.minImmutableCopies} immutable or offline cop${params.minImmutableCopies === 1 ? "y" : "ies"}, retention >= ${params.minRetentionDays} days`,
          message: ok
            ? `Backup class ${cls.id} keeps ${counted.length} immutable cop${counted.length === 1 ? "y" : "ies"} for ${num(retention)} days.`
            : `Backup class ${cls.id} has ${short.join(", ")}.`,
        }),
      );
    }
    return out;
  },
});
