import type { Classification, TenantFile, Workload } from "../types";

/**
 * The legal regimes that apply to a tenant, derived from its country and the most sensitive data its
 * workloads hold (docs/legal-regimes.md gives the table and the laws): NIS2 through the Danish NIS 2-loven and the Swedish
 * cybersäkerhetslag; Norway has no NIS2 yet (digitalsikkerhetsloven, NSM Grunnprinsipper); health data
 * adds Normen in Norway; security-classified data the protective-security acts; personal data GDPR.
 */
export function regimesOf(tenant: TenantFile): string[] {
  const has = (c: Classification) => tenant.workloads.some((w: Workload) => w.classification === c);
  const personal = has("personal") || has("health");
  const regimes: string[] = [];
  switch (tenant.country) {
    case "NO":
      regimes.push("digitalsikkerhetsloven", "nsm-grunnprinsipper");
      if (has("health")) regimes.push("normen");
      if (has("security-classified")) regimes.push("sikkerhetsloven");
      break;
    case "DK":
      regimes.push("nis2-dk");
      break;
    case "SE":
      regimes.push("nis2-se");
      if (has("security-classified")) regimes.push("sakerhetsskyddslagen");
      break;
  }
  if (personal) regimes.push("gdpr");
  return regimes;
}
