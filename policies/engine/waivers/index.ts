export { applyWaivers, WAIVER_RULE, type ExtraWaiver, type WaiverOptions } from "./apply-waivers";
export { RISK_KINDS, SHARED_TENANT } from "./approver-authority";
export { DEFAULT_WAIVER_LIMITS, EMERGENCY_MAX_DAYS, waiverLimits, type WaiverLimitOverrides, type WaiverLimits } from "./waiver-limits";
export { byUrgency, type WaiverOrigin, type WaiverState, type WaiverStatus } from "./waiver-status";
