import { CLASSIFICATIONS } from "../../contracts/classifications";
import type { FacilityOf, Sensitivity } from "../../contracts/facility-objects";
import { regimesFor } from "../../contracts/legal-regimes";
import type { Pack } from "../packs/pack";
import type { Finding } from "../engine/rule";
import type { Room } from "../engine/room";
import { workloadsOf } from "../rules/governance/tenancy";
import { dataWords, regimeTrigger } from "./scope-columns";
import type { ScopeCell, ScopeChain, ScopeColumn, ScopeLink, ScopeRow, ScopeStack, ScopeTenant, ScopeWorkload } from "./scope-types";

type Workload = FacilityOf<"workload">;
type Regime = Extract<ScopeColumn, { basis: "tenant-regime" }>;
type Standard = Extract<ScopeColumn, { basis: "site-standard" }>;

/** A tenant of the room with what the matrix needs: its object (if declared), its live workloads, its regimes. */
interface TenantFacts {
  scope: ScopeTenant;
  object: FacilityOf<"tenant"> | undefined;
  workloads: Workload[];
}

export interface RoomMatrix {
  rows: ScopeRow[];
  chains: ScopeChain[];
}

const SHARED: ReadonlySet<string> = new Set(["vsphere", "facility", "firewall"]);

const workloadOf = (w: Workload): ScopeWorkload => ({ id: w.id, system: w.system });
const isLive = (t: TenantFacts) => t.object !== undefined && t.object.lifecycle !== "removed";

/**
 * The regime matrix of one room: a row per stack, per tenant and per workload class (a tenant's live
 * workloads of one sensitivity), a cell per column. A tenant regime applies to a tenant and to its
 * workload classes that bring it (contracts/legal-regimes.ts decides), applies to the tenant's own
 * stacks, and is inherited by the site's shared stacks (vSphere, facility, firewall host every tenant:
 * the strictest regime of any tenant on them), with the chain of tenants and workloads that bring it.
 * A site standard (an every-site pack) applies to a stack its rules checked an object in, and is
 * inherited by the tenants and workloads those stacks host.
 */
export function roomMatrix(
  room: Room,
  columns: readonly ScopeColumn[],
  tenants: readonly ScopeTenant[],
  stacks: readonly ScopeStack[],
  ran: readonly Pack[],
  findings: readonly Finding[],
): RoomMatrix {
  const facts: TenantFacts[] = tenants.map((scope) => {
    const object = room.facilityById("tenant", scope.id);
    return { scope, object, workloads: object ? workloadsOf(room, object.id).sort((a, b) => (a.id < b.id ? -1 : 1)) : [] };
  });
  const checked = checkedStacks(room, ran, findings);
  const hosting = (tenant: string) => stacks.filter((s) => SHARED.has(s.kind) || s.tenant === tenant).map((s) => s.name);
  const standardCell = (c: Standard, stackNamesHosting: string[]): ScopeCell => {
    if (!ran.some((p) => p.id === c.pack))
      return { column: c.id, state: "not-applicable", reason: `pack ${c.pack} did not run for site ${room.site}` };
    const via = stackNamesHosting.filter((s) => (checked.get(s)?.get(c.pack) ?? 0) > 0);
    return via.length > 0
      ? { column: c.id, state: "inherited", reason: `the stacks it runs on are checked against the pack: ${via.join(", ")}` }
      : { column: c.id, state: "not-applicable", reason: "no stack it runs on has an object the pack's rules check" };
  };

  const rows: ScopeRow[] = [];
  const chains: ScopeChain[] = [];
  for (const s of stacks) {
    const cells = columns.map((c): ScopeCell => {
      if (c.basis === "site-standard") {
        if (!ran.some((p) => p.id === c.pack))
          return { column: c.id, state: "not-applicable", reason: `pack ${c.pack} did not run for site ${room.site}` };
        const n = checked.get(s.name)?.get(c.pack) ?? 0;
        return n > 0
          ? { column: c.id, state: "applies", reason: `${n} finding(s) of the pack's rules on its objects` }
          : { column: c.id, state: "not-applicable", reason: "no rule of the pack checks an object in this stack" };
      }
      if (SHARED.has(s.kind)) return sharedCell(room.site, c, facts);
      if (s.tenant !== undefined) {
        const t = facts.find((f) => f.scope.id === s.tenant);
        const cell = t ? tenantCell(c, t) : undefined;
        return cell
          ? { ...cell, reason: cell.state === "applies" ? `stack of tenant ${s.tenant}: ${cell.reason}` : cell.reason }
          : { column: c.id, state: "not-applicable", reason: `tenant ${s.tenant} is not declared, so its regimes are unknown` };
      }
      return { column: c.id, state: "not-applicable", reason: "neither a tenant's stack nor one of the site's shared stacks" };
    });
    rows.push({
      site: room.site,
      kind: "stack",
      id: s.name,
      stackKind: s.kind,
      ...(s.tenant !== undefined ? { tenant: s.tenant } : {}),
      cells,
    });
    for (const cell of cells)
      if (cell.state === "inherited" && cell.because !== undefined && SHARED.has(s.kind)) {
        const column = columns.find((c) => c.id === cell.column);
        chains.push({
          site: room.site,
          stack: s.name,
          column: cell.column,
          because: cell.because,
          text: chainText(s.name, column?.title ?? cell.column, cell.because),
        });
      }
  }
  for (const t of facts) {
    rows.push({
      site: room.site,
      kind: "tenant",
      id: t.scope.id,
      tenant: t.scope.id,
      cells: columns.map((c) =>
        c.basis === "site-standard"
          ? standardCell(c, hosting(t.scope.id))
          : (tenantCell(c, t) ?? {
              column: c.id,
              state: "not-applicable",
              reason: `tenant ${t.scope.id} is not declared (only its stacks or VM tags name it)`,
            }),
      ),
    });
  }
  for (const t of facts) {
    if (t.object === undefined) continue;
    for (const sensitivity of CLASSIFICATIONS) {
      const ws = t.workloads.filter((w) => w.sensitivity === sensitivity);
      if (ws.length === 0) continue;
      rows.push({
        site: room.site,
        kind: "workload-class",
        id: `${t.scope.id}/${sensitivity}`,
        tenant: t.scope.id,
        sensitivity,
        workloads: ws.map(workloadOf),
        cells: columns.map((c) => (c.basis === "site-standard" ? standardCell(c, hosting(t.scope.id)) : classCell(c, t, sensitivity, ws))),
      });
    }
  }
  return { rows, chains };
}

/** Per stack, per pack that ran: how many findings of the pack's rules name an object in it. */
function checkedStacks(room: Room, ran: readonly Pack[], findings: readonly Finding[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const packsOf = new Map<string, Pack[]>();
  for (const p of ran)
    for (const rule of new Set(p.rules)) {
      const packs = packsOf.get(rule);
      if (packs) packs.push(p);
      else packsOf.set(rule, [p]);
    }
  for (const f of findings) {
    // A finding without objects (a rule that had no facts to check) says nothing about a stack.
    if (f.site !== room.site || f.addresses.length === 0) continue;
    for (const p of packsOf.get(f.rule) ?? []) {
      for (const s of f.stacks) {
        const perPack = out.get(s) ?? new Map<string, number>();
        perPack.set(p.id, (perPack.get(p.id) ?? 0) + 1);
        out.set(s, perPack);
      }
    }
  }
  return out;
}

/** Why a regime does not reach a tenant of a country, or undefined when the country is one it applies in. */
function countryReason(c: Regime, country: string, who: string): string | undefined {
  if (c.countries.length === 0) return `${who} does not declare it`;
  return c.countries.includes(country as Regime["countries"][number]) ? undefined : `${who} is in ${country}`;
}

/** The workloads of a tenant that bring a regime (empty when the tenant itself is subject). */
function bringing(c: Regime, t: TenantFacts): Workload[] | undefined {
  const o = t.object;
  if (o === undefined || o.lifecycle === "removed") return undefined;
  const trigger = regimeTrigger(c.id);
  if (trigger.countries.includes(o.country) && trigger.always(o.country)) return [];
  const data = trigger.countries.includes(o.country) ? trigger.data(o.country) : [];
  const ws = t.workloads.filter((w) => data.includes(w.sensitivity));
  if (ws.length > 0) return ws;
  return t.scope.declared?.regimes.includes(c.id) ? [] : undefined;
}

/** A tenant (or its own stack) against a regime; undefined for a tenant no object declares. */
function tenantCell(c: Regime, t: TenantFacts): ScopeCell | undefined {
  const o = t.object;
  if (o === undefined) return undefined;
  if (o.lifecycle === "removed") return { column: c.id, state: "not-applicable", reason: `tenant ${o.id} is removed` };
  const ws = bringing(c, t);
  if (ws !== undefined) {
    const trigger = regimeTrigger(c.id);
    const reason =
      ws.length > 0
        ? `${dataWords(trigger.data(o.country))} data in ${ws.map((w) => w.id).join(", ")}`
        : trigger.countries.includes(o.country) && trigger.always(o.country)
          ? `every tenant in ${o.country}`
          : "the tenant object declares it";
    return { column: c.id, state: "applies", reason, because: [{ tenant: o.id, workloads: ws.map(workloadOf) }] };
  }
  const reason = countryReason(c, o.country, `tenant ${o.id}`) ?? `no ${dataWords(regimeTrigger(c.id).data(o.country))} workload`;
  return { column: c.id, state: "not-applicable", reason };
}

/** A workload class of a tenant against a regime. */
function classCell(c: Regime, t: TenantFacts, sensitivity: Sensitivity, ws: Workload[]): ScopeCell {
  const o = t.object as FacilityOf<"tenant">;
  const because = [{ tenant: o.id, workloads: ws.map(workloadOf) }];
  if (regimesFor(o.country, [sensitivity]).includes(c.id)) {
    const trigger = regimeTrigger(c.id);
    const reason = trigger.always(o.country) ? `every workload of a tenant in ${o.country}` : `${sensitivity} data`;
    return { column: c.id, state: "applies", reason, because };
  }
  const byCountry = countryReason(c, o.country, `tenant ${o.id}`);
  if (byCountry === undefined || c.countries.length === 0) {
    const data = regimeTrigger(c.id).data(o.country);
    if (data.length > 0)
      return {
        column: c.id,
        state: "not-applicable",
        reason: `${sensitivity} data does not bring it (it follows ${dataWords(data)} data)`,
      };
  }
  if (t.scope.declared?.regimes.includes(c.id))
    return { column: c.id, state: "inherited", reason: `declared for tenant ${o.id} as a whole (its tenant object's regimes)`, because };
  return { column: c.id, state: "not-applicable", reason: byCountry ?? "not a regime of the tenant" };
}

/** A shared stack (vSphere, facility, firewall) hosts every tenant of the site: it inherits each regime of any of them. */
function sharedCell(site: string, c: Regime, facts: readonly TenantFacts[]): ScopeCell {
  const because: ScopeLink[] = [];
  for (const t of facts.filter(isLive)) {
    const ws = bringing(c, t);
    if (ws !== undefined) because.push({ tenant: t.scope.id, workloads: ws.map(workloadOf) });
  }
  if (because.length > 0) return { column: c.id, state: "inherited", reason: `hosts ${linksInWords(because)}`, because };
  const live = facts.filter(isLive);
  if (live.length === 0) return { column: c.id, state: "not-applicable", reason: `site ${site} declares no tenant` };
  const inCountry = live.filter((t) => c.countries.includes((t.object as FacilityOf<"tenant">).country));
  if (inCountry.length === 0)
    return {
      column: c.id,
      state: "not-applicable",
      reason: c.countries.length === 0 ? "no tenant of the site declares it" : `no tenant of the site is in ${c.countries.join(", ")}`,
    };
  const data = [...new Set(inCountry.flatMap((t) => regimeTrigger(c.id).data((t.object as FacilityOf<"tenant">).country)))];
  return { column: c.id, state: "not-applicable", reason: `no tenant of the site has a ${dataWords(data)} workload` };
}

/** "tenants fjordvik and haugnes; tenant lauvstad, workloads lauvstad-profil-app, lauvstad-sql": tenants subject as such first. */
export function linksInWords(links: readonly ScopeLink[]): string {
  const whole = links.filter((l) => l.workloads.length === 0).map((l) => l.tenant);
  const parts = whole.length === 0 ? [] : [`tenant${whole.length === 1 ? "" : "s"} ${andList(whole)}`];
  for (const l of links.filter((x) => x.workloads.length > 0))
    parts.push(`tenant ${l.tenant}, workload${l.workloads.length === 1 ? "" : "s"} ${l.workloads.map((w) => w.id).join(", ")}`);
  return parts.join("; ");
}

const andList = (xs: readonly string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

function chainText(stack: string, title: string, because: readonly ScopeLink[]): string {
  return `${stack} is in scope of ${title} because of ${linksInWords(because)}`;
}
