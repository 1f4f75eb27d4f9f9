import type { WaiverObject } from "../contracts/facility-objects";
import type { WaiversFile } from "./generated/waivers-file";

/** A waiver as the facility vocabulary records it (without kind, id and site): what synth writes and --waivers adds. */
export function waiverFacts(w: WaiversFile["waivers"][number]): Omit<WaiverObject, "kind" | "id" | "site"> {
  return {
    waiverKind: w.kind,
    rule: w.rule,
    target: w.target,
    reason: w.reason,
    approver: w.approver,
    ticket: w.ticket,
    approved: w.approved,
    expires: w.expires,
    renewals: w.renewals,
    ...(w.evidence ? { evidence: w.evidence } : {}),
  };
}
