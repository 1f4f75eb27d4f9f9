import type { FacilityOf } from "../../contracts/facility-objects";
import { stackKindOf, stackNames } from "../../contracts/stack-names";
import type { Finding } from "../engine/rule";
import type { Room } from "../engine/room";
import { applicableRegimes, managedVms, tenantTagOf } from "../rules/governance/tenancy";
import type { OperatorScope, ScopeStack, ScopeTenant } from "./scope-types";

/** The id of the engine's findings about the scope itself: tenants declared and found disagree. */
export const SCOPE_RULE = "ENGINE-SCOPE";

export interface TenantsInScope {
  operator: OperatorScope | null;
  tenants: ScopeTenant[];
  stacks: ScopeStack[];
  notDeclared: string[];
  /** Mandatory error findings: a tenant stack without a tenant object, a declared tenant's stack missing, an operator that names no host. */
  findings: Finding[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The operator and the tenants of a room, declared (facility objects) against found (stacks named
 * `<site>-<tenant>` and `<site>-<tenant>-fw`, VM tenant tags). A tenant stack no tenant object
 * declares, and a declared tenant whose stacks are missing, are ENGINE-SCOPE error findings. Which
 * stacks a tenant must have: the operator object's list of the site's stacks where there is one (synth
 * writes it), else `<site>-<tenant>` (synth writes it for every tenant, also one without VMs or
 * removed; the `-fw` stack only for a tenant with a VDOM). VM tags of an undeclared tenant are counted
 * but not a finding here: GOV-ASSET-TAGS reports each such VM.
 */
export function tenantsInScope(room: Room): TenantsInScope {
  const site = room.site;
  const declared = [...room.facility("tenant")].sort(byId);
  const ids = declared.map((t) => t.id);
  const operatorObject = [...room.facility("operator")].sort(byId)[0];
  const findings: Finding[] = [];
  const notDeclared: string[] = [];
  const inInput = new Set(room.stacks);

  const stacks: ScopeStack[] = [...room.stacks].sort().map((name) => {
    if (!room.hasFacility) return { name, kind: "other" };
    const kind = stackKindOf(site, name, ids);
    if (kind !== undefined) return kind.tenant === undefined ? { name, kind: kind.kind } : { name, kind: kind.kind, tenant: kind.tenant };
    const guess = stackKindOf(site, name);
    if (guess?.tenant !== undefined) {
      findings.push(
        scopeFinding(room, {
          stack: name,
          address: `site.${site}`,
          findingId: `stack-${name}`,
          tenant: guess.tenant,
          observed: `stack ${name}; tenant objects: ${ids.join(", ") || "none"}`,
          expected: `a tenant object ${guess.tenant} in ${stackNames.facility(site)} for every tenant stack`,
          message: `${name}: the stack is named as tenant ${guess.tenant}'s (${stackNames.tenant(site, "<tenant>")} or ${stackNames.tenantFirewall(site, "<tenant>")}), but ${stackNames.facility(site)} declares no tenant ${guess.tenant} (it declares ${ids.join(", ") || "none"}): its regimes, agreements and reporting routes are unknown.`,
        }),
      );
      return { name, kind: "tenant", tenant: guess.tenant };
    }
    return { name, kind: "other" };
  });

  let operator: OperatorScope | null = null;
  if (!room.hasFacility) notDeclared.push("operator: not declared (the input has no facility objects)");
  else if (operatorObject === undefined)
    notDeclared.push(
      `operator: not declared (no operator object in ${stackNames.facility(site)}: output of an older synth, or written by hand)`,
    );
  else {
    const listed = operatorObject.stacks === undefined ? null : [...operatorObject.stacks].sort();
    const missing = (listed ?? []).filter((s) => !inInput.has(s));
    operator = {
      legalEntity: operatorObject.legalEntity,
      country: operatorObject.country,
      hostTenant: operatorObject.hostTenant,
      stacks: listed,
      missingStacks: missing,
    };
    const sharedMissing = missing.filter((s) => stackKindOf(site, s, ids)?.tenant === undefined);
    if (sharedMissing.length > 0)
      findings.push(
        scopeFinding(room, {
          target: operatorObject,
          findingId: "shared-stacks",
          observed: `missing from the input: ${sharedMissing.join(", ")}`,
          expected: `every stack the operator object lists: ${(listed ?? []).join(", ")}`,
          message: `Site ${site}: the input is not the whole site: ${sharedMissing.join(", ")}, which synth wrote for it, ${sharedMissing.length === 1 ? "is" : "are"} not in the input, so the scope and the checks over ${sharedMissing.length === 1 ? "it" : "them"} are missing.`,
        }),
      );
    findings.push(...hostProblems(room, operatorObject, declared));
  }
  if (room.hasFacility && declared.length === 0) notDeclared.push("tenants: not declared (no tenant objects)");
  if (!room.hasFacility) notDeclared.push("tenants and workloads: not declared (the input has no facility objects)");
  else if (room.facility("workload").length === 0) notDeclared.push("workloads: not declared (no workload objects)");

  const tagged = new Map<string, number>();
  for (const vm of managedVms(room)) {
    const t = tenantTagOf(room, vm);
    if (t !== undefined) tagged.set(t, (tagged.get(t) ?? 0) + 1);
  }

  const tenantIds = [...new Set([...ids, ...stacks.flatMap((s) => (s.tenant === undefined ? [] : [s.tenant])), ...tagged.keys()])].sort();
  const tenants: ScopeTenant[] = tenantIds.map((id) => {
    const t = declared.find((d) => d.id === id);
    const own = stacks.filter((s) => s.tenant === id).map((s) => s.name);
    const expected = operator?.stacks
      ? operator.stacks.filter((s) => stackKindOf(site, s, ids)?.tenant === id)
      : t === undefined
        ? []
        : [stackNames.tenant(site, id)];
    const missing = expected.filter((s) => !inInput.has(s));
    if (t !== undefined && missing.length > 0)
      findings.push(
        scopeFinding(room, {
          target: t,
          findingId: "stacks",
          observed: `tenant ${id} declared; missing from the input: ${missing.join(", ")}`,
          expected: operator?.stacks
            ? `its stacks as the operator object lists them: ${expected.join(", ")}`
            : `its stack ${expected.join(", ")}`,
          message: `Tenant ${id} is declared in ${stackNames.facility(site)}, but ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not in the input (${operator?.stacks ? "the operator object lists it as a stack of the site" : "synth writes a stack for every tenant"}): what runs for ${id} was not checked.`,
        }),
      );
    return {
      id,
      declared:
        t === undefined
          ? null
          : {
              name: t.name,
              country: t.country,
              hostMunicipality: t.hostMunicipality,
              lifecycle: t.lifecycle,
              legalEntity: t.legalEntity,
              regimes: applicableRegimes(room, t),
            },
      stacks: own,
      missingStacks: missing,
      taggedVms: tagged.get(id) ?? 0,
    };
  });
  return { operator, tenants, stacks, notDeclared, findings };
}

/** The operator's host tenant must be the one tenant object marked hostMunicipality. */
function hostProblems(room: Room, operator: FacilityOf<"operator">, declared: readonly FacilityOf<"tenant">[]): Finding[] {
  const hosts = declared.filter((t) => t.hostMunicipality).map((t) => t.id);
  const named = operator.hostTenant;
  const consistent = named === null ? hosts.length === 0 : hosts.length === 1 && hosts[0] === named;
  if (consistent) return [];
  return [
    scopeFinding(room, {
      target: operator,
      findingId: "host-tenant",
      observed: `operator hostTenant ${named ?? "null"}; tenants marked hostMunicipality: ${hosts.join(", ") || "none"}`,
      expected: "hostTenant names the one tenant object marked hostMunicipality (null when none is)",
      message: `Site ${room.site}: the operator object names ${named === null ? "no host tenant" : `host tenant ${named}`}, but ${hosts.length === 0 ? "no tenant object is" : `tenant ${hosts.join(", ")} ${hosts.length === 1 ? "is" : "are"}`} marked hostMunicipality: who may accept risk for whom depends on it.`,
    }),
  ];
}

interface ScopeProblem {
  /** The facility object the finding is about; else stack and address. */
  target?: FacilityOf<"tenant"> | FacilityOf<"operator">;
  stack?: string;
  address?: string;
  findingId: string;
  tenant?: string;
  observed: string;
  expected: string;
  message: string;
}

function scopeFinding(room: Room, p: ScopeProblem): Finding {
  const resource = p.target === undefined ? undefined : room.resourceOf(p.target);
  const stack = resource?.stack ?? p.stack ?? room.site;
  const tenant = p.tenant ?? (p.target?.kind === "tenant" ? p.target.id : undefined);
  return {
    rule: SCOPE_RULE,
    title: "The tenants the facility declares are the tenants the stacks hold",
    severity: "high",
    enforcement: "mandatory",
    outcome: "error",
    evidence: "declared",
    site: room.site,
    address: resource?.address ?? p.address ?? `site.${room.site}`,
    stack,
    stacks: [stack],
    addresses: resource ? [resource.address] : [],
    findingId: p.findingId,
    observed: p.observed,
    expected: p.expected,
    message: p.message,
    remediation:
      "Synthesize the whole site again (every stack of it in the input), or declare the tenant in its tenant file; a stack left over from a removed tenant file belongs in a removal, not in the input.",
    ...(resource?.file !== undefined ? { file: resource.file } : {}),
    ...(resource?.line !== undefined ? { line: resource.line } : {}),
    ...(tenant !== undefined ? { tenant } : {}),
    ...(p.target?.source !== undefined ? { source: p.target.source } : {}),
  };
}
