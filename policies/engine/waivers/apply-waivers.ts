import type { WaiverObject } from "../../../contracts/facility-objects";
import type { Finding, Rule } from "../rule";
import type { Room } from "../room";
import { targetMatcher, isGlob } from "./target-pattern";
import { daysBetween, waiverProblems } from "./waiver-conditions";
import { waiverLimits, type WaiverLimitOverrides } from "./waiver-limits";
import { describeProblems } from "./waiver-problem";
import { byUrgency, type WaiverOrigin, type WaiverStatus } from "./waiver-status";

/** The id of the engine's findings about waivers themselves (expired, invalid, unmatched). */
export const WAIVER_RULE = "ENGINE-WAIVER";
const WAIVER_TITLE = "Waivers are current, within their limits and their approver's authority";

/** A waiver from outside the artifact (the audit command's --waivers file), with where it was read. */
export interface ExtraWaiver {
  waiver: WaiverObject;
  file: string;
  line?: number;
}

export interface WaiverOptions {
  asOf: string;
  /** The rule catalogue: a waiver's rule is looked up here (severity, enforcement, legal prerequisite). */
  rules: readonly Rule[];
  limits?: WaiverLimitOverrides;
  /** Waivers to apply besides the artifact's `waiver` objects, governed by the artifact's roster. */
  extraWaivers?: readonly ExtraWaiver[];
}

const acceptable = (f: Finding) => f.outcome === "fail" || f.outcome === "error";

/**
 * Governs and applies each room's waivers (`waiver` facility objects, from waivers.yaml, and any extra
 * ones) against its roster (`approver` objects). A waiver that meets every condition
 * (waiver-conditions.ts) marks the fail and error findings of its rule that its target names. One
 * that does not accepts nothing and becomes a mandatory ENGINE-WAIVER finding that says which
 * condition failed; one that matches nothing becomes an advisory one. Every waiver is in `waivers`,
 * those that need action first, then those expiring soon, then the rest by expiry.
 */
export function applyWaivers(
  rooms: readonly Room[],
  findings: Finding[],
  options: WaiverOptions,
): { findings: Finding[]; waivers: WaiverStatus[] } {
  const { asOf } = options;
  const limits = waiverLimits(options.limits);
  const metaById = new Map(options.rules.map((r) => [r.meta.id, r.meta]));
  const statuses: WaiverStatus[] = [];
  const extra: Finding[] = [];
  for (const room of rooms) {
    const approvers = room.facility("approver");
    const tenants = room.facility("tenant");
    const own: { waiver: WaiverObject; origin: WaiverOrigin }[] = [
      ...room.facility("waiver").map((waiver) => ({ waiver, origin: { from: "artifact" } as const })),
      ...(options.extraWaivers ?? [])
        .filter((e) => e.waiver.site === room.site)
        .map((e) => ({
          waiver: e.waiver,
          origin: { from: "extra", file: e.file, ...(e.line !== undefined ? { line: e.line } : {}) } as const,
        })),
    ];
    for (const { waiver, origin } of own) {
      const meta = metaById.get(waiver.rule);
      const names = targetMatcher(waiver.target);
      const matched = findings.filter((f) => f.site === room.site && f.rule === waiver.rule && acceptable(f) && names(f));
      const problems = waiverProblems(waiver, { asOf, limits, meta, approvers, tenants, matched });
      const daysLeft = daysBetween(asOf, waiver.expires);
      const state: WaiverStatus["state"] = problems.length
        ? problems.some((p) => p.expired)
          ? "expired"
          : "invalid"
        : matched.length === 0
          ? "unmatched"
          : "valid";
      const approver = approvers.find((a) => a.id === waiver.approver);
      if (state === "valid")
        for (const f of matched)
          f.waiver = {
            id: waiver.id,
            kind: waiver.waiverKind,
            approver: approver ? `${approver.name}, ${approver.role}` : waiver.approver,
            ticket: waiver.ticket,
            expires: waiver.expires,
            reason: waiver.reason,
          };
      const problem =
        state === "unmatched"
          ? `matches no fail or error finding of ${waiver.rule} at ${waiver.target}: remove it or correct its target`
          : problems.length
            ? describeProblems(problems)
            : undefined;
      const tenantName = approver && tenants.find((t) => t.id === approver.tenant)?.name;
      statuses.push({
        waiver,
        site: room.site,
        origin,
        state,
        ...(problem ? { problem } : {}),
        ...(approver ? { approvedBy: { ...approver, ...(tenantName ? { tenantName } : {}) } } : {}),
        matched: matched.length,
        objects: new Set(matched.map((f) => f.address)).size,
        glob: isGlob(waiver.target),
        daysLeft,
        expiringSoon: state !== "expired" && state !== "invalid" && daysLeft <= limits.expiringSoonDays,
      });
      if (problem) extra.push(waiverFinding(room, waiver, origin, state, problem, matched, problems.length ? problems : undefined));
    }
  }
  return { findings: [...findings, ...extra], waivers: statuses.sort(byUrgency) };
}

/** The ENGINE-WAIVER finding of a waiver that needs action: mandatory when it accepts nothing, advisory when it matches nothing. */
function waiverFinding(
  room: Room,
  waiver: WaiverObject,
  origin: WaiverOrigin,
  state: WaiverStatus["state"],
  problem: string,
  matched: readonly Finding[],
  problems: readonly { observed: string; expected: string }[] | undefined,
): Finding {
  const facilityStack = room.stacks.find((s) => s === `${room.site}-facility`) ?? room.stacks[0] ?? `${room.site}-facility`;
  const at =
    origin.from === "artifact"
      ? { address: room.resourceOf(waiver).address, stack: room.resourceOf(waiver).stack }
      : {
          address: `waiver.${waiver.id}`,
          stack: facilityStack,
          file: origin.file,
          ...(origin.line !== undefined ? { line: origin.line } : {}),
        };
  const unmatched = state === "unmatched";
  return {
    rule: WAIVER_RULE,
    title: WAIVER_TITLE,
    severity: unmatched ? "low" : "high",
    enforcement: unmatched ? "advisory" : "mandatory",
    outcome: "fail",
    evidence: "declared",
    site: room.site,
    ...at,
    // An invalid waiver holds back the stacks of the findings it no longer covers.
    stacks: [...new Set([at.stack, ...matched.flatMap((f) => f.stacks)])].sort(),
    addresses: [at.address],
    findingId: waiver.id,
    observed: unmatched
      ? `waiver ${waiver.id} for ${waiver.rule} on ${waiver.target} matches nothing`
      : `waiver ${waiver.id} for ${waiver.rule} on ${waiver.target}: ${(problems ?? []).map((p) => p.observed).join("; ")}`,
    expected: unmatched ? "a waiver names a finding that fails" : (problems ?? []).map((p) => p.expected).join("; "),
    message: `waiver ${waiver.id} (${waiver.rule}, ${waiver.target}) ${state}: ${problem}`,
    remediation: unmatched
      ? "Remove the waiver (the finding passes or is gone) or correct its rule and target."
      : "Correct the waiver (approver within their authority, span within the cap, exact target) and have it approved again, or fix the finding it covered.",
  };
}
