import { UsageError } from "../exit-codes";

/** Flow ids are FortiOS policy ids: 1 to 99999 (100000 is the logged deny that ends every VDOM). */
const MAX_FLOW_ID = 99_999;

/**
 * How far the copied flows' ids move: the smallest step, in whole thousands first (3010 -> 4010 keeps a
 * tenant's block of policy ids), then hundreds, then tens, at which none collides with an id the site
 * uses and all stay valid.
 */
export function chooseFlowIdOffset(sourceIds: readonly number[], used: ReadonlySet<number>): number {
  if (sourceIds.length === 0) return 0;
  const highest = Math.max(...sourceIds);
  for (const step of [1000, 100, 10]) {
    for (let offset = step; highest + offset <= MAX_FLOW_ID; offset += step) {
      if (sourceIds.every((id) => !used.has(id + offset))) return offset;
    }
  }
  throw new UsageError(`no free block of flow ids is left on the site for the source's ${sourceIds.length} flows`, false);
}
