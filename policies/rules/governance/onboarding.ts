import type { FacilityOf } from "../../../contracts/facility-objects";
import type { Room } from "../../engine/room";

/**
 * How a tenant's onboarding bends the enforcement of its findings; not a rule. Two different things:
 *
 * - Missing evidence (an analysis date, the hosting agreement) follows the onboarding window: advisory
 *   on every day up to and including `onboardingUntil` (compared with the evaluation date, as text:
 *   both are YYYY-MM-DD), mandatory afterwards.
 * - A missing legal prerequisite of processing (säkerhetsskyddsavtal and samråd, the consultation with
 *   Säkerhetspolisen, the NHN agreement, the data-processing agreement) never follows the window: the
 *   law requires it before processing starts. It is advisory only while the tenant declares that its
 *   data is not processed in the room yet (`processingStarted: false`); absent means processing.
 */

type Tenant = FacilityOf<"tenant">;

/** The enforcement override and the words a finding's message adds. */
export interface Deferral {
  /** Set when the finding is advisory although its rule is mandatory. */
  enforcement?: "advisory";
  /** What the message adds, starting with "; " (empty when nothing is deferred or to say). */
  note: string;
}

/** Whether the tenant's onboarding window is open on the evaluation date (the last day included). */
export const inOnboardingWindow = (t: Tenant, asOf: string): boolean => t.onboardingUntil !== null && asOf <= t.onboardingUntil;

/** Whether the tenant's data is processed in the room: unless it says `processingStarted: false`. */
export const processingStarted = (t: Tenant): boolean => t.processingStarted !== false;

/** A finding about missing evidence of tenant `t`: advisory while its onboarding window is open. */
export function missingEvidence(t: Tenant, asOf: string): Deferral {
  if (t.onboardingUntil === null) return { note: "" };
  return inOnboardingWindow(t, asOf)
    ? { enforcement: "advisory", note: `; onboarding until ${t.onboardingUntil}` }
    : { note: `; the onboarding window ended on ${t.onboardingUntil}` };
}

/**
 * A finding about a missing legal prerequisite (`what`) of tenant `t`: advisory only while the tenant
 * declares no processing. The window is named only to say it does not defer this.
 */
export function missingPrerequisite(t: Tenant, asOf: string, what: string): Deferral {
  if (!processingStarted(t)) return { enforcement: "advisory", note: `; due before processing starts: ${what} (processingStarted: false)` };
  return inOnboardingWindow(t, asOf)
    ? { note: `; required before processing, which has started: onboarding until ${t.onboardingUntil ?? ""} does not defer it` }
    : { note: "" };
}

/** The check fields of a deferral: the enforcement override, when there is one. */
export const enforcementOf = (d: Deferral): { enforcement?: "advisory" } => (d.enforcement ? { enforcement: d.enforcement } : {});

/**
 * A record missing altogether (no restore test, no service record) at site `site`: advisory while the
 * site's room is being onboarded (its operator object's `onboardingUntil`, the last day included). A
 * record that failed or is overdue is never deferred: it says something about the room.
 */
export function missingRoomRecord(room: Room, site: string, asOf: string): Deferral {
  const until = room.facilityById("operator", site)?.onboardingUntil;
  if (until === undefined) return { note: "" };
  return asOf <= until
    ? { enforcement: "advisory", note: `; the room is being onboarded until ${until}` }
    : { note: `; the room's onboarding ended on ${until}` };
}
