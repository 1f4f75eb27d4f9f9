import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES } from "../policies/rules";
import { formatRulesMd } from "./rules-md";

/** Where `npm run gen:rule-docs` writes the rule catalogue (at the repository root, for auditors). */
export const RULE_DOCS = "RULES.md";

if (require.main === module) {
  writeFileSync(join(__dirname, "..", RULE_DOCS), formatRulesMd(ALL_RULES));
  process.stdout.write(`wrote ${RULE_DOCS}\n`);
}
