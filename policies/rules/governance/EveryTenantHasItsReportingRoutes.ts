import type { Country, ReportingRoute } from "../../../contracts/facility-objects";
import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check, type ControlRef } from "../../engine/rule";
import {
  GDPR,
  NIS2,
  NO_DIGITALSIKKERHETSLOVEN,
  NO_NORMEN,
  NO_SIKKERHETSLOVEN,
  SE_CYBERSAKERHETSLAG,
  SE_SAKERHETSSKYDDSLAG,
} from "../../controls/references";
import { applicableRegimes } from "./tenancy";

/** The authority each regime's reports go to, and how to recognise it in a route's authority or channel. */
interface Authority {
  name: string;
  pattern: RegExp;
}
const DATA_PROTECTION: Record<Country, Authority> = {
  NO: { name: "the data-protection authority (Datatilsynet)", pattern: /datatilsynet/i },
  DK: { name: "the data-protection authority (Datatilsynet)", pattern: /datatilsynet/i },
  SE: { name: "the data-protection authority (IMY, Integritetsskyddsmyndigheten)", pattern: /\bIMY\b|integritetsskyddsmyndigheten/i },
};
/** Regimes whose incidents are reported, by regime id (docs/legal-regimes.md). `nsm-grunnprinsipper` is a baseline with no reporting duty. */
export const REPORTING_AUTHORITIES: Record<string, (country: Country) => Authority | null> = {
  "nis2-dk": () => ({ name: "the NIS 2-loven incident report on Virk.dk", pattern: /virk\.dk/i }),
  "nis2-se": () => ({
    name: "the CSIRT unit at MCF (Myndigheten för civilt försvar, CERT-SE)",
    pattern: /CSIRT|CERT-SE|\bMCF\b|myndigheten för civilt försvar/i,
  }),
  digitalsikkerhetsloven: () => ({ name: "NSM (NorCERT)", pattern: /\bNSM\b|NorCERT|nasjonal sikkerhetsmyndighet/i }),
  sikkerhetsloven: () => ({ name: "NSM", pattern: /\bNSM\b|nasjonal sikkerhetsmyndighet/i }),
  normen: () => ({ name: "Norsk helsenett (HelseCERT), as the NHN agreement sets out", pattern: /\bNHN\b|HelseCERT|norsk helsenett/i }),
  sakerhetsskyddslagen: () => ({
    name: "Säkerhetspolisen or the supervisory authority (the county board for municipalities)",
    pattern: /säpo|säkerhetspolisen|sakerhetspolisen|länsstyrelsen|lansstyrelsen|supervis/i,
  }),
  gdpr: (country) => DATA_PROTECTION[country],
  "nsm-grunnprinsipper": () => null,
};

/** NIS 2-loven's reporting section is not among what CONTROLS.md read (only § 6 was). */
const DK_REPORTING: ControlRef = {
  framework: "NIS 2-loven (DK), LOV nr. 434 af 6. maj 2025",
  ref: "incident reporting via Virk.dk, 24 h / 72 h / 1 month (section: verify)",
  edition: "LOV nr. 434 af 06/05/2025",
  verified: false,
  source: "CONTROLS.md §1.5 [S5] (verify)",
  kind: "law",
};

const short = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
const describe = (r: ReportingRoute) => `${r.authority} via ${short(r.channel)}`;

/**
 * INC-REPORTING-ROUTE (catalogue NIS2-23-REPORTING): every tenant has a reporting route for each regime
 * that applies to it, from its country and its workloads' data (its own `regimes` and the same table
 * derived again from its workload objects, so a stale list shows), naming that regime's authority:
 * nis2-dk Virk.dk, nis2-se the CSIRT unit at MCF, digitalsikkerhetsloven and sikkerhetsloven NSM,
 * normen NHN/HelseCERT, säkerhetsskyddslagen Säpo or the supervisor, gdpr the country's data-protection
 * authority. One finding per tenant and regime. A legal prerequisite: mandatory and not waivable (a
 * route is closed by writing it down). Declared evidence: the routes are typed facts; whether anyone
 * answers the channel at 3 a.m. is not in the configuration.
 */
export const EveryTenantHasItsReportingRoutes = defineRule({
  meta: {
    id: "INC-REPORTING-ROUTE",
    name: "EveryTenantHasItsReportingRoutes",
    version: "1.1.0",
    area: "law",
    title: "Every tenant has an incident reporting route for each regime that applies to it",
    rationale:
      "NIS2 gives 24 hours for the early warning and GDPR 72 hours for a breach notice; a municipality that first has to find out whom to tell, during the incident, misses them. Each municipality reports its own incidents, also when the host runs its systems.",
    remediation:
      "Add the missing route to the tenant file's legal.reportingRoutes: regime, the authority, and the channel (form, portal or duty phone) with its deadline.",
    severity: "high",
    enforcement: "mandatory",
    legalPrerequisite: "each regime's reporting route (authority and channel) in the tenant's legal.reportingRoutes (tenant file)",
    evidence: "declared",
    params: {},
    controls: [
      NIS2("Art. 23(1)-(4) reporting obligations"),
      DK_REPORTING,
      SE_CYBERSAKERHETSLAG("2 kap. 5-8 §§ incident reporting to the CSIRT unit"),
      NO_DIGITALSIKKERHETSLOVEN("notification of significant incidents to NSM within 24 hours"),
      NO_SIKKERHETSLOVEN("kap. 4 notification of security incidents to NSM"),
      NO_NORMEN("incident handling via the NHN connection agreement"),
      SE_SAKERHETSSKYDDSLAG("reporting of security incidents (section: verify)", false),
      GDPR("Art. 33 notification of a personal data breach"),
    ],
  },
  check(room) {
    const tenants = room.facility("tenant").filter((t) => t.lifecycle !== "removed");
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "a tenant object per municipality with its reporting routes",
        message: "The input has no tenant objects, so the reporting routes cannot be checked.",
      });
    const checks: Check[] = [];
    for (const tenant of tenants) {
      const regimes = applicableRegimes(room, tenant).filter((r) => REPORTING_AUTHORITIES[r]?.(tenant.country) !== null);
      if (regimes.length === 0) {
        checks.push(
          check("declared", "not-applicable", tenant, {
            observed: `regimes: ${tenant.regimes.join(", ") || "none"}`,
            expected: "a route per regime with a reporting duty",
            message: `Tenant ${tenant.id}: no regime with a reporting duty applies.`,
          }),
        );
        continue;
      }
      for (const regime of regimes) {
        const authority = REPORTING_AUTHORITIES[regime]?.(tenant.country);
        const routes = tenant.reportingRoutes.filter((r) => r.regime === regime);
        const usable = routes.filter((r) => r.authority.trim() !== "" && r.channel.trim() !== "");
        const matching = authority ? usable.filter((r) => authority.pattern.test(`${r.authority} ${r.channel}`)) : usable;
        const expected = `a route for ${regime} to ${authority?.name ?? "its authority"}, with a channel`;
        const observed = routes.length === 0 ? `no route for ${regime}` : routes.map(describe).join("; ");
        const why =
          matching.length > 0
            ? `reports under ${regime} go to ${matching[0].authority}`
            : routes.length === 0
              ? `no reporting route for ${regime}, which applies to it (${tenant.country}${tenant.regimes.includes(regime) ? "" : ", from its workloads' data"})`
              : usable.length === 0
                ? `the route for ${regime} lacks an authority or a channel`
                : `the route for ${regime} names ${usable.map((r) => r.authority).join(", ")}, not ${authority?.name ?? "its authority"}`;
        checks.push(
          check("declared", matching.length > 0 ? "pass" : "fail", tenant, {
            findingId: regime,
            observed,
            expected,
            message: `Tenant ${tenant.id}: ${why}`,
          }),
        );
      }
    }
    return checks;
  },
});
