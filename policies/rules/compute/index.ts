import type { Rule } from "../../engine/rule";

/** The compute rules, one per file. */
export const computeRules: readonly Rule[] = [];
