/**
 * The one switch for synth's cdktf shortcuts (each explained where it is made): tokens without a
 * creation stack (stacks/cdktf-creation-stacks.ts) and room stacks without cdktf's redundant resolve
 * passes (stacks/room-stack.ts). On unless ROOM_CDKTF_SHORTCUTS=off, which synthesizes with cdktf as it
 * comes: the same bytes, slower (the tests and the benchmark compare both).
 */
import { recordCreationStacks } from "./cdktf-creation-stacks";
import { useStackShortcuts } from "./room-stack";

export function useCdktfShortcuts(on: boolean = process.env.ROOM_CDKTF_SHORTCUTS !== "off"): void {
  recordCreationStacks(!on);
  useStackShortcuts(on);
}
