import type { BackupCopyObject } from "../../../contracts/facility-objects";
import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import { BACKUP_321, IMPL_REG_2024_2690, ISO27001, NIS2, NIS2_DK, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import { noBackupClasses } from "./no-backup-classes";

/** An off-site copy: held at another site (`offsiteSite`), not in a room of this site. */
const isOffsite = (c: BackupCopyObject) => typeof c.offsiteSite === "string" && c.offsiteSite !== "" && !c.roomId;

const describeCopy = (c: BackupCopyObject) =>
  `${c.id} (${c.media}, ${isOffsite(c) ? `off-site at ${c.offsiteSite}${typeof c.offsiteKm === "number" ? `, ${c.offsiteKm} km` : ""}` : `room ${c.roomId ?? "?"}`})`;

/**
 * BKP-3-2-1: every backup class keeps at least three copies of its data counting production (so two
 * backup copies), the backup copies on at least two media types, and at least one copy off-site.
 * Declared facts (the `backup-copy` objects of each `backup-class`); no capacity is at stake.
 *
 * - Media types are counted over the backup copies only (production, on the SAN, is not counted), as
 *   the copies' `media` declares them: `disk`, `object-storage`, `tape`, `cloud` are four types.
 * - A copy is off-site when it is held at another site (`offsiteSite`); a copy in a room of this site
 *   is on-site however far that room is (the fire-cell separation of the backup room is PHY-FIRE-SEP's,
 *   the distance of the off-site copy PHY-OFFSITE's).
 * - Every class is held to it, whatever its own `offsite` flag says: the class flag is shown beside it.
 * - A copy whose class or room does not exist is an error finding (a join that does not resolve).
 */
export const BackupClassHasThreeCopiesOnTwoMediaOneOffsite = defineRule({
  meta: {
    id: "BKP-3-2-1",
    name: "BackupClassHasThreeCopiesOnTwoMediaOneOffsite",
    version: "1.0.0",
    area: "backup",
    title: "Every backup class keeps 3 copies (production + 2), on 2 media types, 1 off-site",
    rationale:
      "Backup copies in one place or on one kind of media fail together: a fire, a flood, a ransomware attack on the repository or a media fault takes every copy of the data.",
    remediation: "Add a backup copy of the class on another media type, or an off-site copy (object storage or tape at another site).",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      minCopies: { default: 3, description: "Copies of the data counting production", unit: "copies" },
      minMediaTypes: { default: 2, description: "Media types among the backup copies", unit: "media types" },
      minOffsiteCopies: { default: 1, description: "Copies held at another site", unit: "copies" },
    },
    controls: [
      ISO27001("8.13"),
      NIS2("Art. 21(2)(c)"),
      NIS2_DK("§ 6 stk. 1 nr. 3"),
      IMPL_REG_2024_2690("4.2"),
      NSM_GRUNNPRINSIPPER("2.9.1"),
      BACKUP_321("3-2-1"),
    ],
  },
  check(room, { params }) {
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects in the input",
        expected: "backup-class and backup-copy objects",
        message: "The input declares no backup classes or copies, so their copies cannot be counted.",
      });
    const none = noBackupClasses(room, "three copies on two media, one off-site");
    if (none) return none;
    const out: Check[] = [];
    const classes = room.facility("backup-class");
    for (const copy of room.facility("backup-copy")) {
      if (!room.facilityById("backup-class", copy.classId))
        out.push(
          check("declared", "error", copy, {
            findingId: "class",
            observed: `copy ${copy.id} names backup class ${JSON.stringify(copy.classId)}, which the site does not declare`,
            expected: "the id of a backup-class",
            message: `Backup copy ${copy.id} belongs to no declared backup class.`,
          }),
        );
      if (copy.roomId && !room.facilityById("room", copy.roomId))
        out.push(
          check("declared", "error", copy, {
            findingId: "room",
            observed: `copy ${copy.id} is in room ${JSON.stringify(copy.roomId)}, which the site does not declare`,
            expected: "the id of a room",
            message: `Backup copy ${copy.id} is held in a room the site does not declare.`,
          }),
        );
    }
    for (const cls of classes) {
      const copies = room.facility("backup-copy").filter((c) => c.classId === cls.id);
      const total = copies.length + 1;
      const media = [...new Set(copies.map((c) => c.media))].sort();
      const offsite = copies.filter(isOffsite);
      const ok = total >= params.minCopies && media.length >= params.minMediaTypes && offsite.length >= params.minOffsiteCopies;
      const observed =
        `${total} copies (production + ${copies.length}: ${copies.length > 0 ? copies.map(describeCopy).join(", ") : "none"}); ` +
        `${media.length} media type${media.length === 1 ? "" : "s"}${media.length > 0 ? ` (${media.join(", ")})` : ""}; ` +
        `${offsite.length} off-site (class declares offsite: ${String(cls.offsite)})`;
      const expected = `>= ${params.minCopies} copies counting production, >= ${params.minMediaTypes} media types, >= ${params.minOffsiteCopies} off-site`;
      const short: string[] = [];
      if (total < params.minCopies) short.push(`${total} of ${params.minCopies} copies`);
      if (media.length < params.minMediaTypes) short.push(`${media.length} of ${params.minMediaTypes} media types`);
      if (offsite.length < params.minOffsiteCopies) short.push(`${offsite.length} of ${params.minOffsiteCopies} off-site copies`);
      out.push(
        check("declared", ok ? "pass" : "fail", [cls, ...copies], {
          observed,
          expected,
          message: ok
            ? `Backup class ${cls.id} keeps ${total} copies on ${media.length} media types, ${offsite.length} off-site.`
            : `Backup class ${cls.id} has ${short.join(", ")}.`,
        }),
      );
    }
    return out;
  },
});
