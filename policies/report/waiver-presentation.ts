import type { WaiverStatus } from "../engine/waivers";

/** The target, with how many findings and objects it matches (a glob shows its object count). */
export function waiverTarget(w: WaiverStatus): string {
  if (w.matched === 0) return `${w.waiver.target} (matches nothing)`;
  return w.glob
    ? `${w.waiver.target} (glob: ${w.objects} object(s), ${w.matched} finding(s))`
    : `${w.waiver.target} (${w.matched} finding(s))`;
}

/** The approver as the roster names them: name, role, municipality; or the id the roster lacks. */
export function waiverApprover(w: WaiverStatus): string {
  const a = w.approvedBy;
  if (!a) return `${w.waiver.approver} (not in the roster)`;
  return `${a.name}, ${a.role}, ${a.tenantName ?? a.tenant}`;
}

/** The expiry with the days left (or since), marked when it is soon. */
export function waiverExpiry(w: WaiverStatus): string {
  const n = Math.abs(w.daysLeft);
  const count = `${n} ${n === 1 ? "day" : "days"}`;
  const days = w.daysLeft >= 0 ? `${count} left` : `${count} ago`;
  return `${w.waiver.expires} (${days}${w.expiringSoon ? ", expiring soon" : ""})`;
}

/** One waiver as report.json lists it: the waiver's fields, who approved it, and what the engine made of it. */
export function waiverJson(w: WaiverStatus) {
  const a = w.approvedBy;
  return {
    id: w.waiver.id,
    site: w.site,
    origin: w.origin,
    kind: w.waiver.waiverKind,
    rule: w.waiver.rule,
    target: w.waiver.target,
    glob: w.glob,
    reason: w.waiver.reason,
    approver: w.waiver.approver,
    approvedBy: a ? { id: a.id, name: a.name, role: a.role, tenant: a.tenant, tenantName: a.tenantName ?? null } : null,
    ticket: w.waiver.ticket,
    approved: w.waiver.approved ?? null,
    expires: w.waiver.expires,
    renewals: w.waiver.renewals ?? 0,
    evidence: w.waiver.evidence ?? null,
    state: w.state,
    problem: w.problem ?? null,
    matched: w.matched,
    objects: w.objects,
    daysLeft: w.daysLeft,
    expiringSoon: w.expiringSoon,
  };
}
