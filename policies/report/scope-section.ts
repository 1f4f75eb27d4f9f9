import type { ComplianceResult } from "../compliance";
import { linksInWords } from "../scope/regime-matrix";
import type { ScopeCell, ScopeChain, ScopeColumn, SiteScopeDetail } from "../scope/scope-types";
import { markdownTable as table } from "./markdown-table";

/**
 * The report's opening section: what was checked and under which law. Per site the operator's legal
 * entity, the tenants declared against those found, the stacks and packs; then the regime matrix
 * (stack, tenant and workload class against each law or standard) and the chains of the shared stacks.
 */
export function formatScopeSection(result: ComplianceResult): string[] {
  const { scope } = result;
  const out: string[] = ["## What was checked", ""];
  for (const s of scope.sites) out.push(...siteBlock(s));

  out.push("Packs:", "");
  for (const p of result.packs)
    out.push(
      `- **${p.id}**: ${p.title} (${p.appliesTo === "every-site" ? "every site" : `tenants in ${p.appliesTo.country}`}; ${p.rules.length} rules). ${p.description}`,
    );
  out.push("");

  out.push("## Scope and regimes", "");
  if (scope.columns.length === 0) {
    out.push("No law or standard applies: no tenant is declared and no pack ran.", "");
    return out;
  }
  out.push(
    "Each law or standard that applies anywhere in the input, against every stack, tenant and workload class (a tenant's workloads of one data classification). " +
      "**applies**: the row is itself subject; **inherited**: in scope through what it shares (a shared stack through the tenants it hosts, a tenant through the site packs run over its stacks); **n/a**: not applicable, with the reason.",
    "",
  );
  out.push(
    ...table(
      ["column", "law or standard", "why it is a column"],
      scope.columns.map((c) => [c.id, c.title, columnBasis(c)]),
    ),
    "",
  );
  for (const s of scope.sites) {
    const rows = scope.matrix.filter((r) => r.site === s.site);
    if (rows.length === 0) continue;
    out.push(`### Regime matrix: ${s.site}`, "");
    out.push(
      ...table(
        ["row", "kind", ...scope.columns.map((c) => c.id)],
        rows.map((r) => [r.id, r.kind === "stack" ? `stack (${r.stackKind ?? "other"})` : r.kind, ...r.cells.map(cellText)]),
      ),
      "",
    );
    const chains = groupedChains(
      scope.chains.filter((c) => c.site === s.site),
      scope.columns,
    );
    if (chains.length > 0) {
      out.push("Why the shared stacks are in scope (each hosts every tenant of the site):", "");
      for (const c of chains) out.push(`- ${c}.`);
      out.push("");
    }
  }
  return out;
}

function siteBlock(s: SiteScopeDetail): string[] {
  const out: string[] = [`### Site ${s.site}`, ""];
  const o = s.operator;
  for (const n of s.notDeclared) out.push(`- ${n[0].toUpperCase()}${n.slice(1)}.`);
  // Without an operator object, the not-declared lines below say so first, with the reason.
  if (o !== null)
    out.push(
      `- Operator: ${o.legalEntity} (${o.country}); host municipality: ${o.hostTenant === null ? "none" : `tenant ${o.hostTenant}`}.`,
    );
  if (o?.stacks && o.missingStacks.length > 0)
    out.push(
      `- Not in the input, although the operator lists ${o.missingStacks.length === 1 ? "it" : "them"}: ${o.missingStacks.join(", ")}.`,
    );
  out.push(`- Stacks: ${s.stacks.map((x) => x.name).join(", ") || "none"}.`);
  out.push(`- Packs: ${s.packs.join(", ") || "none"}.`);
  out.push("");
  if (s.tenants.length > 0) {
    out.push(
      ...table(
        ["tenant", "declared", "stacks found", "stacks missing", "VMs tagged", "regimes"],
        s.tenants.map((t) => [
          t.id,
          t.declared === null
            ? "**not declared**"
            : `${t.declared.name} (${t.declared.country}${t.declared.hostMunicipality ? ", host municipality" : ""}${t.declared.lifecycle === "active" ? "" : `, ${t.declared.lifecycle}`})`,
          t.stacks.join(", ") || "none",
          t.missingStacks.length > 0 ? `**${t.missingStacks.join(", ")}**` : "none",
          t.taggedVms,
          t.declared === null ? "unknown" : t.declared.regimes.join(", ") || "none",
        ]),
      ),
      "",
    );
  }
  return out;
}

/** One line per law and reason: the shared stacks that inherit it for the same tenants and workloads, named together. */
function groupedChains(chains: readonly ScopeChain[], columns: readonly ScopeColumn[]): string[] {
  const groups = new Map<string, { stacks: string[]; column: string; because: ScopeChain["because"] }>();
  for (const c of chains) {
    const key = `${c.column}\u0000${JSON.stringify(c.because)}`;
    const g = groups.get(key) ?? { stacks: [], column: c.column, because: c.because };
    g.stacks.push(c.stack);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const title = columns.find((c) => c.id === g.column)?.title ?? g.column;
    return `${g.stacks.join(", ")} ${g.stacks.length === 1 ? "is" : "are"} in scope of ${title} because of ${linksInWords(g.because)}`;
  });
}

/** How many of the standards a pack's rules cite the table shows (the JSON has them all). */
const CITES_SHOWN = 4;

function columnBasis(c: ScopeColumn): string {
  if (c.basis === "site-standard") {
    const shown = c.cites.slice(0, CITES_SHOWN).join(", ") + (c.cites.length > CITES_SHOWN ? ", ..." : "");
    return `site standard: pack ${c.pack} runs for every site; its rules cite ${shown || "no standard"}`;
  }
  if (c.countries.length === 0) return "a regime a tenant object declares";
  return `tenants in ${c.countries.join(", ")}${c.data.length > 0 ? ` holding ${c.data.join(" or ")} data` : ""} (docs/legal-regimes.md)`;
}

const cellText = (c: ScopeCell): string => (c.state === "not-applicable" ? `n/a: ${c.reason}` : c.state);
