import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatRuleCatalogue } from "../policies/report/rule-catalogue";
import { ALL_RULES } from "../policies/rules";

/** Where `npm run gen:rule-docs` writes the rule catalogue. */
export const RULE_DOCS = "docs/rules.md";

if (require.main === module) {
  writeFileSync(join(__dirname, "..", RULE_DOCS), formatRuleCatalogue(ALL_RULES));
  process.stdout.write(`wrote ${RULE_DOCS}\n`);
}
