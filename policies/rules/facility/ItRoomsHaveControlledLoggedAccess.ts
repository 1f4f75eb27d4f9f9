import type { FacilityOf } from "../../../contracts/facility-objects";
import { check, missingFacts, num, passOrFail } from "../../engine/checks";
import { racksInRoom } from "../../engine/loads";
import { defineRule, type Check } from "../../engine/rule";
import { EN50600, IMPL_REG_2024_2690, ISO27001, NIS2, TUV_TSI } from "../../controls/references";

type RoomObj = FacilityOf<"room">;

/**
 * PHY-ACCESS: every room with IT (a room with racks) has controlled, logged access. Checks per room:
 * `protection-class` (EN 50600 protection class >= `minProtectionClass`), `access-log` (entries
 * logged), `intrusion-alarm`, `liquid-pipes` (no liquid-carrying pipes above the IT, as TSI expects for
 * protection class 3 areas) and `cctv`. A fact the site does not declare fails as "not declared": for
 * our own sites, an unknown is not a pass. CCTV is checked only when `requireCctv` is true (default
 * false): camera surveillance needs a legal basis of its own (GDPR, national camera rules), so the
 * catalogue asks for it "where allowed"; the finding then shows what is declared as not-applicable.
 * Rooms without racks are not-applicable; input without facility objects is one not-evaluable.
 */
export const ItRoomsHaveControlledLoggedAccess = defineRule({
  meta: {
    id: "PHY-ACCESS",
    name: "ItRoomsHaveControlledLoggedAccess",
    version: "1.0.0",
    area: "physical",
    title: "Rooms with IT have controlled, logged access, an intrusion alarm and no liquid pipes above the IT",
    rationale:
      "Whoever stands in the server room can switch off, remove or tap anything in it; an entry log and an intrusion alarm are what find out who and when. A leaking pipe above a rack destroys what redundancy protects.",
    remediation:
      "Raise the room to protection class 3 (its own lockable door with a logging badge reader, the intrusion alarm, walls without windows to public areas), and re-route pipes that run above racks or drip-proof them.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      minProtectionClass: {
        default: 3,
        description: "Lowest EN 50600 protection class of a room with IT (1 public ... 4 highest).",
        unit: "class",
      },
      requireCctv: {
        default: false,
        description: "Whether camera surveillance of the room's entrance is required (only where the law allows it).",
      },
    },
    controls: [
      ISO27001("7.1"),
      ISO27001("7.2"),
      ISO27001("7.3"),
      ISO27001("7.4"),
      ISO27001("7.8"),
      EN50600("50600-1/-2-5 protection classes against unauthorised access (class 3+ for computer rooms)"),
      TUV_TSI("no liquid-carrying pipes above electrical/IT equipment; distribution in protection class 3+ areas"),
      IMPL_REG_2024_2690("13.3 (perimeter and physical access control)"),
      NIS2("Art. 21(2)(i) (access control policies)"),
    ],
  },
  check(room, ctx) {
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects",
        expected: "rooms and racks as facility objects (docs/facility-vocabulary.md)",
        message: "the input has no facility objects, so the physical access to its rooms cannot be checked",
      });
    const checks: Check[] = [];
    for (const r of room.facility("room")) {
      const racks = racksInRoom(room, r.id);
      if (racks.length === 0) {
        checks.push(
          check("declared", "not-applicable", r, {
            findingId: "protection-class",
            observed: "no racks",
            expected: "a room with IT",
            message: `room ${r.id} holds no racks: no IT to protect`,
          }),
        );
        continue;
      }
      checks.push(...roomChecks(r, racks.length, ctx.params.minProtectionClass, ctx.params.requireCctv));
    }
    return checks;
  },
});

const yesNo = (v: boolean | undefined) => (v === undefined ? "not declared" : v ? "yes" : "no");

function roomChecks(r: RoomObj, racks: number, minClass: number, requireCctv: boolean): Check[] {
  const it = `${r.roomType} room ${r.id} (${racks} rack${racks === 1 ? "" : "s"})`;
  const pc = r.protectionClass;
  const fact = (findingId: string, value: boolean | undefined, want: boolean, what: string): Check =>
    check("declared", passOrFail(value === want), r, {
      findingId,
      observed: `${what}: ${yesNo(value)}`,
      expected: `${what}: ${want ? "yes" : "no"}`,
      message: value === undefined ? `${it}: ${what} not declared` : `${it}: ${what}: ${yesNo(value)}`,
    });
  return [
    check("declared", passOrFail(pc !== undefined && pc >= minClass), r, {
      findingId: "protection-class",
      observed: pc === undefined ? "protection class not declared" : `protection class ${num(pc)}`,
      expected: `protection class >= ${num(minClass)}`,
      message: `${it}: ${pc === undefined ? "protection class not declared" : `EN 50600 protection class ${num(pc)}`}`,
    }),
    fact("access-log", r.accessLogged, true, "every entry logged"),
    fact("intrusion-alarm", r.intrusionAlarm, true, "intrusion alarm"),
    fact("liquid-pipes", r.liquidPipesAboveIt, false, "liquid pipes above the IT"),
    requireCctv
      ? fact("cctv", r.cctv, true, "camera on the entrance")
      : check("declared", "not-applicable", r, {
          findingId: "cctv",
          observed: `camera on the entrance: ${yesNo(r.cctv)}`,
          expected: "not required (requireCctv false: only where the law allows it)",
          message: `${it}: camera on the entrance ${yesNo(r.cctv)}; not required by this site's parameters`,
        }),
  ];
}
