import type { ErrorSink } from "../check-helpers";
import type { TenantFile } from "../types";

/**
 * legal.agreementRef is the hosting or cooperation agreement between the host municipality and its
 * partners: needed only where there is another party. A partner tenant (not hostMunicipality) needs it;
 * a host municipality needs it once it hosts at least one partner on the site; a host that hosts nobody
 * yet may leave it out. Removed tenants are hosted by nobody. Checked across the site's tenant files,
 * reported in the file that lacks it.
 *
 * A tenant being onboarded (legal.onboardingUntil set, as `npm run clone` writes it) may load without
 * it: the agreement is then evidence still to come, which the policy rule GOV-ONBOARDING reports,
 * advisory until the window ends and mandatory after. A host needs it at load time only for the
 * partners that are not onboarding.
 */
export function checkAgreements(tenants: readonly { spec: TenantFile; findings: ErrorSink }[]): void {
  const live = tenants.filter((t) => t.spec.lifecycle !== "removed");
  const hosts = live.filter((t) => t.spec.hostMunicipality).map((t) => t.spec.tenant);
  const established = live.filter((t) => !t.spec.hostMunicipality && !onboarding(t.spec)).map((t) => t.spec.tenant);
  for (const { spec, findings } of live) {
    if (!spec.legal || spec.legal.agreementRef !== undefined) continue;
    if (!spec.hostMunicipality) {
      if (onboarding(spec)) continue;
      findings.add(
        "/legal/agreementRef",
        `a partner tenant (not hostMunicipality) needs agreementRef, the hosting or cooperation agreement with the host municipality (${hosts.join(", ") || "none declared on this site"}); found none`,
      );
    } else if (established.length) {
      findings.add(
        "/legal/agreementRef",
        `a host municipality that hosts partner tenants (${established.join(", ")}) needs agreementRef, the hosting or cooperation agreement with them; found none`,
      );
    }
  }
}

/** A tenant in onboarding: its file names the end of its onboarding window. */
const onboarding = (spec: TenantFile): boolean => spec.legal?.onboardingUntil !== undefined;
