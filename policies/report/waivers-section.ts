import type { ComplianceResult } from "../compliance";
import { markdownTable as table } from "./markdown-table";

/** The report's waivers section: every waiver, soonest expiry first, with its state and what it matched. */
export function formatWaiversSection(result: ComplianceResult): string[] {
  const out: string[] = [];
  out.push("## Waivers", "");
  if (result.waivers.length === 0) out.push("No waivers.", "");
  else
    out.push(
      ...table(
        ["waiver", "site", "kind", "rule", "target", "matches", "expires", "state", "approver", "ticket", "reason"],
        result.waivers.map((w) => [
          w.waiver.id,
          w.site,
          w.waiver.waiverKind,
          w.waiver.rule,
          w.waiver.target,
          w.matched === 0 ? "nothing (unused)" : w.matched,
          `${w.waiver.expires} (${w.daysLeft >= 0 ? `${w.daysLeft} days left` : `${-w.daysLeft} days ago`}${w.daysLeft >= 0 && w.daysLeft <= 30 ? ", expiring soon" : ""})`,
          w.problem ? `${w.state}: ${w.problem}` : w.state,
          w.waiver.approver,
          w.waiver.ticket,
          w.waiver.reason,
        ]),
      ),
      "",
    );
  return out;
}
