import { PACKS } from "../../policies/packs";
import { ALL_RULES } from "../../policies/rules";

describe("packs", () => {
  test("membership (a rule moving in or out of a pack shows in review)", () => {
    expect(Object.fromEntries(PACKS.map((p) => [p.id, { appliesTo: p.appliesTo, rules: [...p.rules].sort() }]))).toMatchSnapshot();
  });

  test("every rule a pack names exists, and every rule is in at least one pack", () => {
    const ids = new Set(ALL_RULES.map((r) => r.meta.id));
    expect(PACKS.flatMap((p) => p.rules.filter((r) => !ids.has(r)).map((r) => `${p.id}: ${r}`))).toEqual([]);
    const packed = new Set(PACKS.flatMap((p) => p.rules));
    expect(ALL_RULES.map((r) => r.meta.id).filter((id) => !packed.has(id))).toEqual([]);
  });

  test("a pack lists a rule once, and every national pack has a country of its own", () => {
    for (const p of PACKS) expect(new Set(p.rules).size).toBe(p.rules.length);
    const countries = PACKS.flatMap((p) => (p.appliesTo === "every-site" ? [] : [p.appliesTo.country]));
    expect([...countries].sort()).toEqual(["DK", "NO", "SE"]);
  });
});
