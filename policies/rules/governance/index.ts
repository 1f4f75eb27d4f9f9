import type { Rule } from "../../engine/rule";

/** The governance rules, one per file. */
export const governanceRules: readonly Rule[] = [];
