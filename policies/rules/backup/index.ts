import type { Rule } from "../../engine/rule";

/** The backup rules, one per file. */
export const backupRules: readonly Rule[] = [];
