import { attested, check } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import type { Room } from "../../engine/room";

/**
 * The finding of a site whose facility declares no backup class at all: its data is backed up by
 * nothing the configuration shows, which is a failure of every per-class rule, not "nothing to check".
 * Named at the site's primary rooms (else every room), in the facility stack. Undefined when the site
 * declares classes.
 */
export function noBackupClasses(room: Room, needs: string, evidence: "declared" | "attested" = "declared"): Check[] | undefined {
  if (room.facility("backup-class").length > 0) return undefined;
  const rooms = room.facility("room");
  const primary = rooms.filter((r) => r.roomType === "primary");
  const detail = {
    findingId: "no-backup-class",
    observed: "no backup class declared",
    expected: `backup classes, each with ${needs}`,
    message: `Site ${room.site} declares no backup class: nothing in the configuration says its data is backed up (${needs}).`,
  };
  const targets = primary.length > 0 ? primary : rooms;
  return [evidence === "attested" ? attested("fail", targets, detail) : check("declared", "fail", targets, detail)];
}
