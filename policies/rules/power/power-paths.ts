import type { FacilityOf } from "../../../contracts/facility-objects";
import { missingFacts } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import type { Room } from "../../engine/room";

/** A PDU with the UPS it hangs on and the board that UPS stands on: one power path's chain. */
export interface PduChain {
  pdu: FacilityOf<"pdu">;
  ups: FacilityOf<"ups">;
  board: FacilityOf<"board">;
}

/** The chain behind a PDU, or why it does not resolve (a dangling UPS or board id). */
export function chainOfPdu(room: Room, pdu: FacilityOf<"pdu">): PduChain | { problem: string } {
  const ups = room.facilityById("ups", pdu.upsId);
  if (!ups) return { problem: `PDU ${pdu.id} names UPS ${pdu.upsId}, which the site does not declare` };
  const board = room.facilityById("board", ups.boardId);
  if (!board) return { problem: `UPS ${ups.id} (behind PDU ${pdu.id}) names board ${ups.boardId}, which the site does not declare` };
  return { pdu, ups, board };
}

/** The one check a power rule returns for a room without facility objects (foreign Terraform). */
export const noFacility = (what: string): Check[] =>
  missingFacts({
    observed: "no facility objects in the input",
    expected: what,
    message: `The input has no facility objects (terraform_data kinds of docs/facility-vocabulary.md), so ${what} cannot be checked`,
  });

/** "a, b and c" */
export const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? "none") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;

export const percent = (part: number, whole: number): string => (whole > 0 ? `${String(Math.round((part / whole) * 100))} %` : "n/a");
