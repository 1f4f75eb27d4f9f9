import { chooseFlowIdOffset } from "../../../cli/clone/flow-ids";
import { UsageError } from "../../../cli/exit-codes";

/** Haugnes's flow ids (fjordvik/tenants/haugnes.yaml) and what the site uses besides them. */
const HAUGNES = [3010, 3020, 3100, 3400, 3410, 3420, 3500];
const site = (...blocks: number[][]) => new Set([...HAUGNES, ...blocks.flat()]);

describe("chooseFlowIdOffset: how far the copied flows move", () => {
  test("by a whole thousand when the next block is free: 3010 -> 4010 keeps the tenant's block", () => {
    expect(chooseFlowIdOffset(HAUGNES, site([1010, 1020], [2010, 2400]))).toBe(1000);
  });

  test("skips a thousand where any one id collides, the source's own ids included", () => {
    expect(chooseFlowIdOffset(HAUGNES, site([4500]))).toBe(2000);
    expect(chooseFlowIdOffset([1000, 2000], new Set([1000, 2000]))).toBe(2000);
  });

  test("falls back to hundreds, then tens, when no thousand is free below the highest id", () => {
    const everyThousand = Array.from({ length: 100 }, (_, k) => k * 1000 + 10);
    expect(chooseFlowIdOffset([10, 20], new Set([10, 20, ...everyThousand]))).toBe(100);
    const everyHundred = Array.from({ length: 1000 }, (_, k) => k * 100 + 10);
    expect(chooseFlowIdOffset([10], new Set(everyHundred))).toBe(10);
  });

  test("never past 99999, FortiOS's highest policy id", () => {
    expect(chooseFlowIdOffset([98500, 98600], new Set([98500, 98600]))).toBe(1000);
    // 99510 + 1000 would pass 99999: only hundreds are left.
    expect(chooseFlowIdOffset([99010, 99510], new Set([99010, 99510]))).toBe(100);
  });

  test("no flows move by nothing", () => {
    expect(chooseFlowIdOffset([], new Set([1, 2, 3]))).toBe(0);
  });

  test("no free block is a usage error", () => {
    expect(() => chooseFlowIdOffset([99999], new Set([99999]))).toThrow(UsageError);
    expect(() => chooseFlowIdOffset([99990, 99995], new Set([99990, 99995]))).toThrow(
      "no free block of flow ids is left on the site for the source's 2 flows",
    );
  });
});
