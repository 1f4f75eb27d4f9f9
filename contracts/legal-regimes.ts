import type { Country, Sensitivity } from "./facility-objects";

/**
 * The legal regimes that apply to a tenant, from its country and the data its workloads hold
 * (docs/legal-regimes.md gives the table and the laws): NIS2 through the Danish NIS 2-loven and the
 * Swedish cybersäkerhetslag; Norway has no NIS2 yet (digitalsikkerhetsloven, NSM Grunnprinsipper);
 * health data adds Normen in Norway; security-classified data the protective-security acts; personal
 * data (health data included) the GDPR. The loader writes the result into the `tenant` object's
 * `regimes`; the rules derive it again from the `workload` objects, so a stale list shows.
 */
export function regimesFor(country: Country, sensitivities: Iterable<Sensitivity>): string[] {
  const held = new Set(sensitivities);
  const personal = held.has("personal") || held.has("health");
  const regimes: string[] = [];
  switch (country) {
    case "NO":
      regimes.push("digitalsikkerhetsloven", "nsm-grunnprinsipper");
      if (held.has("health")) regimes.push("normen");
      if (held.has("security-classified")) regimes.push("sikkerhetsloven");
      break;
    case "DK":
      regimes.push("nis2-dk");
      break;
    case "SE":
      regimes.push("nis2-se");
      if (held.has("security-classified")) regimes.push("sakerhetsskyddslagen");
      break;
  }
  if (personal) regimes.push("gdpr");
  return regimes;
}
