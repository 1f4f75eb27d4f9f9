import type { ComplianceResult } from "../compliance";
import { markdownTable as table } from "./markdown-table";

/** The report's opening section: what was checked (sites, stacks, tenants and their regimes, packs). */
export function formatScopeSection(result: ComplianceResult): string[] {
  const out: string[] = [];
  out.push("## What was checked", "");
  out.push(
    ...table(
      ["site", "stacks", "tenants", "packs"],
      result.sites.map((s) => [
        s.site,
        s.stacks.join(", "),
        s.tenants
          .map((t) => `${t.id} (${t.country}${t.hostMunicipality ? ", host" : ""}: ${t.regimes.join(", ") || "no regime"})`)
          .join("; ") || "none declared",
        s.packs.join(", "),
      ]),
    ),
    "",
  );
  out.push("Packs:", "");
  for (const p of result.packs)
    out.push(
      `- **${p.id}**: ${p.title} (${p.appliesTo === "every-site" ? "every site" : `tenants in ${p.appliesTo.country}`}; ${p.rules.length} rules). ${p.description}`,
    );
  out.push("");
  return out;
}
