import type { Rule } from "../../engine/rule";

/** The facility rules, one per file. */
export const facilityRules: readonly Rule[] = [];
