import type { Pack } from "../packs/pack";
import type { Finding } from "../engine/rule";
import type { Room } from "../engine/room";
import { roomMatrix } from "./regime-matrix";
import { scopeColumns } from "./scope-columns";
import type { ComplianceScope, SiteScopeDetail } from "./scope-types";
import { tenantsInScope } from "./tenants-in-scope";

export interface RoomRun {
  room: Room;
  /** The packs that ran for the room. */
  packs: readonly Pack[];
}

/**
 * The scope of a compliance run (ComplianceResult.scope) and its ENGINE-SCOPE error findings (a tenant
 * declared but not found, or found but not declared). `findings` are the rules' findings of the run:
 * a site standard applies to a stack its pack's rules checked an object in.
 */
export function buildScope(runs: readonly RoomRun[], findings: readonly Finding[]): { scope: ComplianceScope; findings: Finding[] } {
  const perRoom = runs.map((r) => ({ ...r, tenants: tenantsInScope(r.room) }));
  const regimes = new Set(
    perRoom.flatMap((r) => r.tenants.tenants.flatMap((t) => (t.declared && t.declared.lifecycle !== "removed" ? t.declared.regimes : []))),
  );
  const everySite = perRoom.flatMap((r) => r.packs.filter((p) => p.appliesTo === "every-site"));
  const sitePacks = everySite.filter((p, i) => everySite.findIndex((q) => q.id === p.id) === i);
  const columns = scopeColumns(regimes, sitePacks);
  const sites: SiteScopeDetail[] = [];
  const matrix: ComplianceScope["matrix"] = [];
  const chains: ComplianceScope["chains"] = [];
  for (const r of perRoom) {
    const t = r.tenants;
    sites.push({
      site: r.room.site,
      operator: t.operator,
      notDeclared: t.notDeclared,
      tenants: t.tenants,
      stacks: t.stacks,
      packs: r.packs.map((p) => p.id),
    });
    const m = roomMatrix(r.room, columns, t.tenants, t.stacks, r.packs, findings);
    matrix.push(...m.rows);
    chains.push(...m.chains);
  }
  return { scope: { sites, columns, matrix, chains }, findings: perRoom.flatMap((r) => r.tenants.findings) };
}
