import { check, missingFacts, num, passOrFail } from "../../engine/checks";
import type { Room } from "../../engine/room";
import { defineRule, type Check } from "../../engine/rule";
import { BACKUP_321, BSI_GEOREDUNDANCY, ISO27001, NIS2 } from "../../controls/references";

/**
 * PHY-OFFSITE: at least one backup copy is kept at another site, far enough away, with the distance
 * recorded. Checks:
 * - per off-site copy (`offsiteSite` set), `distance`: another site than this one, `offsiteKm`
 *   recorded and >= `minOffsiteKm`;
 * - per backup class that declares `offsite: true`, `offsite`: it has such a copy that passes;
 * - per site, `site` (on the backup-room object, else the primary rooms): at least one copy passes.
 * The default distance follows this project's practical policy (CONTROLS.md §7: another building,
 * municipality or site, out of reach of one local event: a fire, a flood, a district's power cut):
 * 10 km. BSI's location criteria for georedundant data centres recommend about 200 km and never less
 * than 100 km; that is a recommendation for high and very high availability, not binding on a
 * municipal server room: a site that wants it sets the parameter to 100 (or 200).
 */
export const BackupHasACopyAtAnotherSite = defineRule({
  meta: {
    id: "PHY-OFFSITE",
    name: "BackupHasACopyAtAnotherSite",
    version: "1.0.0",
    area: "physical",
    title: "At least one backup copy is at another site, at a recorded distance",
    rationale:
      "A backup room on the same site shares its fate in a regional event (flood, fire spreading through the building complex, long power cut, an attacker with physical access). A copy elsewhere, far enough away and with the distance on record, is what restores the service then.",
    remediation:
      "Keep a copy of every off-site class at another site (another municipality's server room, a provider's object storage) and record its distance in km (offsiteKm).",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      minOffsiteKm: {
        default: 10,
        description:
          "Shortest distance of an off-site copy. Project policy (CONTROLS.md §7): out of reach of one local event. BSI recommends about 200 km, never below 100 km, for georedundant data centres (a recommendation, not binding): set 100 or 200 to follow it.",
        unit: "km",
      },
    },
    controls: [
      BACKUP_321("3-2-1: at least one copy off-site"),
      BSI_GEOREDUNDANCY("georedundant sites about 200 km apart, never < 100 km (recommendation)"),
      ISO27001("8.13"),
      NIS2("Art. 21(2)(c) (backup management, disaster recovery)"),
    ],
  },
  check(room, ctx) {
    const minKm = ctx.params.minOffsiteKm;
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects",
        expected: "backup classes and copies as facility objects (docs/facility-vocabulary.md)",
        message: "the input has no facility objects, so the off-site backup copies cannot be checked",
      });
    const checks: Check[] = [];
    const copies = room.facility("backup-copy");
    const good = new Set<string>();
    for (const c of copies) {
      if (c.offsiteSite === null || c.offsiteSite.trim() === "") continue;
      const problems: string[] = [];
      if (c.offsiteSite === room.site) problems.push(`offsiteSite is this site (${room.site})`);
      if (c.offsiteKm === null) problems.push("distance not recorded");
      else if (c.offsiteKm < minKm) problems.push(`${num(c.offsiteKm)} km is nearer than ${num(minKm)} km`);
      if (problems.length === 0) good.add(c.id);
      const observed = `at ${c.offsiteSite}, ${c.offsiteKm === null ? "distance not recorded" : `${num(c.offsiteKm)} km`}`;
      checks.push(
        check("declared", passOrFail(problems.length === 0), c, {
          findingId: "distance",
          observed,
          expected: `another site, offsiteKm recorded and >= ${num(minKm)} km`,
          message:
            problems.length === 0 ? `backup copy ${c.id} (class ${c.classId}) ${observed}` : `backup copy ${c.id}: ${problems.join("; ")}`,
        }),
      );
    }
    for (const cls of room.facility("backup-class")) {
      const own = copies.filter((c) => c.classId === cls.id);
      const offsite = own.filter((c) => good.has(c.id));
      const observed = `${own.length} cop${own.length === 1 ? "y" : "ies"}, ${offsite.length} at another site >= ${num(minKm)} km${offsite.length > 0 ? ` (${offsite.map((c) => c.id).join(", ")})` : ""}`;
      checks.push(
        cls.offsite
          ? check("declared", passOrFail(offsite.length > 0), cls, {
              findingId: "offsite",
              observed,
              expected: ">= 1 copy at another site (the class declares offsite: true)",
              message: `backup class ${cls.id}: ${observed}`,
            })
          : check("declared", "not-applicable", cls, {
              findingId: "offsite",
              observed,
              expected: ">= 1 copy at another site where a class declares offsite: true (this one declares false)",
              message: `backup class ${cls.id} declares no off-site copy (BKP-3-2-1 judges whether it needs one)`,
            }),
      );
    }
    checks.push(siteCheck(room, copies.length, good, minKm));
    return checks;
  },
});

function siteCheck(room: Room, copies: number, good: ReadonlySet<string>, minKm: number): Check {
  const holder = room.facility("backup-room")[0];
  const targets = holder ? [holder] : room.facility("room").filter((r) => r.roomType === "primary");
  const observed = `${copies} backup cop${copies === 1 ? "y" : "ies"}, ${good.size} at another site >= ${num(minKm)} km`;
  if (targets.length === 0)
    return check("declared", copies === 0 ? "not-applicable" : passOrFail(good.size > 0), [], {
      findingId: "site",
      observed,
      expected: ">= 1 backup copy at another site",
      message: copies === 0 ? `site ${room.site} declares no backup room, primary room or copies` : `site ${room.site}: ${observed}`,
    });
  return check("declared", passOrFail(good.size > 0), targets, {
    findingId: "site",
    observed,
    expected: ">= 1 backup copy at another site",
    message: good.size > 0 ? `site ${room.site}: ${observed}` : `site ${room.site} keeps no backup copy at another site: ${observed}`,
  });
}
