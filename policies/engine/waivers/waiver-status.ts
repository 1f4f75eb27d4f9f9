import type { ApproverObject, WaiverObject } from "../../../contracts/facility-objects";

/**
 * valid: it accepts the findings it matches; unmatched: valid but matches nothing (reported, so it is
 * removed or corrected); expired or invalid: it accepts nothing and is itself a mandatory finding.
 */
export type WaiverState = "valid" | "unmatched" | "expired" | "invalid";

/** Where a waiver came from: the artifact (waivers.yaml, written by synth) or a file given to the audit command. */
export type WaiverOrigin = { from: "artifact" } | { from: "extra"; file: string; line?: number };

export interface WaiverStatus {
  waiver: WaiverObject;
  site: string;
  origin: WaiverOrigin;
  state: WaiverState;
  /** What is wrong (expired, invalid: each failed condition, observed against expected; unmatched: that it matches nothing). */
  problem?: string;
  /** The approver from the site's roster, when the roster has them. */
  approvedBy?: ApproverObject & { tenantName?: string };
  /** The findings it accepts (valid) or would accept. */
  matched: number;
  /** The distinct objects (addresses) of those findings: what a glob target covers. */
  objects: number;
  /** Whether the target is a glob. */
  glob: boolean;
  /** Days from the evaluation date to expiry (negative once expired). */
  daysLeft: number;
  /** Valid (or unmatched) and expiring within the limit's days. */
  expiringSoon: boolean;
}

const needsAction = (s: WaiverStatus) => s.state === "expired" || s.state === "invalid";

/** Expired or invalid first, then those expiring soon, then the rest; each by expiry, site and id. */
export function byUrgency(a: WaiverStatus, b: WaiverStatus): number {
  const group = (s: WaiverStatus) => (needsAction(s) ? 0 : s.expiringSoon ? 1 : 2);
  return (
    group(a) - group(b) ||
    a.daysLeft - b.daysLeft ||
    (a.site < b.site ? -1 : a.site > b.site ? 1 : 0) ||
    (a.waiver.id < b.waiver.id ? -1 : a.waiver.id > b.waiver.id ? 1 : 0)
  );
}
