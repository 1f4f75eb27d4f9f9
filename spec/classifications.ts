import type { Classification, Criticality } from "./types";

/** Data classifications, least sensitive first (a workload's `classification:`). */
export const CLASSIFICATIONS = [
  "public",
  "internal",
  "personal",
  "health",
  "security-classified",
] as const satisfies readonly Classification[];

/** Criticalities, most critical first (a workload's `criticality:`). */
export const CRITICALITIES = ["life-and-health", "critical", "standard", "low"] as const satisfies readonly Criticality[];

/** Classifications whose data must be encrypted at rest: new VMs holding it get the site's encryption policy. */
export const SENSITIVE_CLASSIFICATIONS: ReadonlySet<Classification> = new Set<Classification>([
  "personal",
  "health",
  "security-classified",
]);

export const isSensitive = (c: Classification): boolean => SENSITIVE_CLASSIFICATIONS.has(c);
