import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES } from "../../policies/rules";
import { ROOT } from "../helpers";

const RULES_DIR = join(ROOT, "policies", "rules");

describe("rule metadata lives in the rule, one rule per file", () => {
  test("ids are unique and look like catalogue ids", () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/);
  });

  test.each(ALL_RULES.map((r) => [r.meta.id, r] as const))("%s: its file is named for its desired state and exports it", (_id, rule) => {
    const m = rule.meta;
    const folders = readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());
    const homes = folders.filter((d) => existsSync(join(RULES_DIR, d.name, `${m.name}.ts`)));
    expect(homes.map((d) => d.name)).toHaveLength(1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(join(RULES_DIR, homes[0].name, m.name)) as Record<string, unknown>;
    expect(module[m.name]).toBe(rule);
    expect(m.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
  });

  test.each(ALL_RULES.map((r) => [r.meta.id, r] as const))("%s: title, rationale, remediation, controls and parameters", (_id, rule) => {
    const m = rule.meta;
    for (const text of [m.title, m.rationale, m.remediation]) expect(text.length).toBeGreaterThan(10);
    expect(m.controls.length).toBeGreaterThan(0);
    for (const c of m.controls) {
      expect(c.framework.length).toBeGreaterThan(0);
      expect(c.ref.length).toBeGreaterThan(0);
      expect(c.edition.length).toBeGreaterThan(0);
      expect(c.source).toMatch(/CONTROLS\.md|provider|docs|\[S\d+\]|public/i);
      expect(["law", "contract", "standard", "benchmark"]).toContain(c.kind);
    }
    for (const [name, p] of Object.entries(m.params)) {
      expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(p.description.length).toBeGreaterThan(3);
    }
  });
});
