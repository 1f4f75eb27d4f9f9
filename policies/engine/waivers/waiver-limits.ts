import type { Severity } from "../rule";

/**
 * How long a waiver may run and how often it may be renewed. The span from approval to expiry is
 * capped by the severity of the waived rule, an emergency waiver by 72 hours whatever the severity;
 * the defaults follow the design (critical 30 days, high 90, medium 180, low 365). The audit command's
 * parameters may tighten them; every report shows the limits it applied.
 */
export interface WaiverLimits {
  /** The longest span from approval to expiry, in days, by the rule's severity. */
  maxDaysBySeverity: Record<Severity, number>;
  /** The longest span of an emergency waiver, in days (3 = 72 hours). */
  emergencyMaxDays: number;
  /** How many renewals a waiver may have had; past that, the finding is fixed or re-decided. */
  maxRenewals: number;
  /** A waiver expiring within this many days is listed first among the valid ones ("expiring soon"). */
  expiringSoonDays: number;
}

export const DEFAULT_WAIVER_LIMITS: WaiverLimits = {
  maxDaysBySeverity: { critical: 30, high: 90, medium: 180, low: 365 },
  emergencyMaxDays: 3,
  maxRenewals: 2,
  expiringSoonDays: 30,
};

/** How long an emergency waiver may run by default (DESIGN: on-call, at most 72 hours). */
export const EMERGENCY_MAX_DAYS = DEFAULT_WAIVER_LIMITS.emergencyMaxDays;

/** Limits to use instead of the defaults: any of them, a severity cap alone. */
export type WaiverLimitOverrides = Partial<Omit<WaiverLimits, "maxDaysBySeverity">> & {
  maxDaysBySeverity?: Partial<Record<Severity, number>>;
};

/** The defaults with the given limits in their place. */
export function waiverLimits(over: WaiverLimitOverrides = {}): WaiverLimits {
  return {
    ...DEFAULT_WAIVER_LIMITS,
    ...over,
    maxDaysBySeverity: { ...DEFAULT_WAIVER_LIMITS.maxDaysBySeverity, ...over.maxDaysBySeverity },
  };
}
