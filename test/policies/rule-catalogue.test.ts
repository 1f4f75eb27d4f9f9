import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_DOCS } from "../../cli/rule-docs";
import { formatRuleCatalogue } from "../../policies/report/rule-catalogue";
import { ALL_RULES } from "../../policies/rules";
import { ROOT } from "../helpers";

test(`${RULE_DOCS} is the catalogue the rules generate (run npm run gen:rule-docs after changing a rule)`, () => {
  const text = formatRuleCatalogue(ALL_RULES);
  for (const r of ALL_RULES) expect(text).toContain(`**${r.meta.id}**`);
  expect(readFileSync(join(ROOT, RULE_DOCS), "utf8")).toBe(text);
});
