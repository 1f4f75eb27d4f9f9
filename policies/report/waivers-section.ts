import type { ComplianceResult } from "../compliance";
import { markdownTable as table } from "./markdown-table";
import { waiverApprover, waiverExpiry, waiverTarget } from "./waiver-presentation";

/**
 * The report's waivers section: every waiver, expired and invalid first, then those expiring soon,
 * then the rest by expiry; who approved it (name, role, municipality), its state and what is wrong;
 * then the evidence of each compensating control and the limits the engine applied.
 */
export function formatWaiversSection(result: ComplianceResult): string[] {
  const out: string[] = ["## Waivers", ""];
  if (result.waivers.length === 0) {
    out.push("No waivers.", "");
    return out;
  }
  out.push(
    ...table(
      ["waiver", "site", "kind", "rule", "target", "approver", "ticket", "approved", "expires", "renewals", "state", "reason"],
      result.waivers.map((w) => [
        w.waiver.id,
        w.site,
        w.waiver.waiverKind,
        w.waiver.rule,
        waiverTarget(w),
        waiverApprover(w),
        w.waiver.ticket,
        w.waiver.approved ?? "-",
        waiverExpiry(w),
        w.waiver.renewals ?? 0,
        w.problem ? `${w.state}: ${w.problem}` : w.state,
        w.waiver.reason,
      ]),
    ),
    "",
  );
  const controls = result.waivers.filter((w) => w.waiver.evidence);
  if (controls.length)
    out.push(
      "Compensating controls and their evidence:",
      "",
      ...table(
        ["waiver", "control", "document", "verified"],
        controls.map((w) => [
          w.waiver.id,
          w.waiver.evidence?.description ?? "",
          w.waiver.evidence?.document ?? "",
          w.waiver.evidence?.verified ?? "",
        ]),
      ),
      "",
    );
  const extra = result.waivers.filter((w) => w.origin.from === "extra");
  if (extra.length)
    out.push(`From --waivers: ${extra.map((w) => `${w.waiver.id} (${w.origin.from === "extra" ? w.origin.file : ""})`).join(", ")}.`, "");
  const limits = result.waiverLimits;
  if (limits) {
    const caps = (["critical", "high", "medium", "low"] as const).map((s) => `${s} ${limits.maxDaysBySeverity[s]}`).join(", ");
    out.push(
      `Limits: approval to expiry at most ${caps} days by the rule's severity; emergency at most ${limits.emergencyMaxDays * 24} hours; at most ${limits.maxRenewals} renewals; "expiring soon" within ${limits.expiringSoonDays} days. Legal prerequisites cannot be waived.`,
      "",
    );
  }
  return out;
}
