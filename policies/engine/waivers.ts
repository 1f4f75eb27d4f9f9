import type { WaiverObject } from "../../contracts/facility-objects";
import type { Finding } from "./rule";
import type { Room } from "./room";

/** The id of the engine's findings about waivers themselves (expired, too long). */
export const WAIVER_RULE = "ENGINE-WAIVER";

/** How long an emergency waiver may run (DESIGN: on-call, at most 72 hours). */
export const EMERGENCY_MAX_DAYS = 3;

export interface WaiverStatus {
  waiver: WaiverObject;
  site: string;
  /** valid: it accepts findings; expired or invalid: it accepts nothing and is itself a finding. */
  state: "valid" | "expired" | "invalid";
  problem?: string;
  /** The findings it accepts (valid) or would accept. */
  matched: number;
  /** Days from the evaluation date to expiry (negative once expired). */
  daysLeft: number;
}

/** `*` matches any run of characters; everything else is literal. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Applies each room's waivers (`waiver` facility objects, from waivers.yaml) to its findings: a valid
 * waiver marks the fail and error findings of its rule whose address (or `address#findingId`) matches
 * its target. An expired or over-long waiver accepts nothing and becomes a mandatory finding of its own.
 * The full governance (approver roster, authority, severity caps) comes with the audit command.
 */
export function applyWaivers(rooms: readonly Room[], findings: Finding[], asOf: string): { findings: Finding[]; waivers: WaiverStatus[] } {
  const statuses: WaiverStatus[] = [];
  const extra: Finding[] = [];
  for (const room of rooms) {
    for (const waiver of room.facility("waiver")) {
      const daysLeft = daysBetween(asOf, waiver.expires);
      let state: WaiverStatus["state"] = "valid";
      let problem: string | undefined;
      if (daysLeft < 0) {
        state = "expired";
        problem = `expired on ${waiver.expires} (evaluation date ${asOf})`;
      } else if (waiver.waiverKind === "emergency" && daysLeft > EMERGENCY_MAX_DAYS) {
        state = "invalid";
        problem = `an emergency waiver runs at most ${EMERGENCY_MAX_DAYS} days (72 hours); this one runs ${daysLeft} days to ${waiver.expires}`;
      }
      const pattern = globToRegExp(waiver.target);
      let matched = 0;
      for (const f of findings) {
        if (f.site !== room.site || f.rule !== waiver.rule || (f.outcome !== "fail" && f.outcome !== "error")) continue;
        const at = f.findingId ? `${f.address}#${f.findingId}` : f.address;
        if (!pattern.test(at) && !pattern.test(f.address)) continue;
        matched++;
        if (state === "valid")
          f.waiver = { id: waiver.id, kind: waiver.waiverKind, approver: waiver.approver, ticket: waiver.ticket, expires: waiver.expires, reason: waiver.reason };
      }
      statuses.push({ waiver, site: room.site, state, problem, matched, daysLeft });
      if (problem) {
        const resource = room.resourceOf(waiver);
        extra.push({
          rule: WAIVER_RULE,
          title: "Waivers are current and within their limits",
          severity: "high",
          enforcement: "mandatory",
          outcome: "fail",
          evidence: "declared",
          site: room.site,
          address: resource.address,
          stack: resource.stack,
          // An expired waiver holds back the stacks its target lives in: the findings it no longer covers.
          stacks: [
            ...new Set([
              resource.stack,
              ...findings.filter((f) => f.site === room.site && f.rule === waiver.rule && pattern.test(f.address)).flatMap((f) => f.stacks),
            ]),
          ].sort(),
          addresses: [resource.address],
          findingId: waiver.id,
          observed: `waiver ${waiver.id} for ${waiver.rule} on ${waiver.target} ${problem}`,
          expected:
            waiver.waiverKind === "emergency"
              ? `expires within ${EMERGENCY_MAX_DAYS} days and not before ${asOf}`
              : `expires on or after ${asOf}`,
          message: `waiver ${waiver.id} (${waiver.rule}, ${waiver.target}) ${problem}`,
          remediation: "Renew the waiver with a new expiry and approval, or fix the finding it covered.",
        });
      }
    }
  }
  return {
    findings: [...findings, ...extra],
    waivers: statuses.sort((a, b) => a.daysLeft - b.daysLeft || (a.waiver.id < b.waiver.id ? -1 : 1)),
  };
}
