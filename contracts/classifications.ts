import type { Criticality, Sensitivity } from "./facility-objects";

/** Data classifications (a workload's `classification:`, its `sensitivity` in the facility vocabulary), least sensitive first. */
export const CLASSIFICATIONS = [
  "public",
  "internal",
  "personal",
  "health",
  "security-classified",
] as const satisfies readonly Sensitivity[];

/** Criticalities, most critical first (a workload's `criticality:`). */
export const CRITICALITIES = ["life-and-health", "critical", "standard", "low"] as const satisfies readonly Criticality[];

/** Classifications whose data must be encrypted at rest, and that put a tenant in scope of the data-protection rules. */
export const SENSITIVE_CLASSIFICATIONS: ReadonlySet<Sensitivity> = new Set<Sensitivity>(["personal", "health", "security-classified"]);

export const isSensitive = (c: Sensitivity): boolean => SENSITIVE_CLASSIFICATIONS.has(c);
