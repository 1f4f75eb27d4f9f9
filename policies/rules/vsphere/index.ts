import type { Rule } from "../../engine/rule";

/** The vsphere rules, one per file. */
export const vsphereRules: readonly Rule[] = [];
