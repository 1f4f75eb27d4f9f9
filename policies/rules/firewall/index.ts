import type { Rule } from "../../engine/rule";

/** The firewall rules, one per file. */
export const firewallRules: readonly Rule[] = [];
