import type { Country } from "../contracts/facility-objects";
import { NOT_COVERED, type NotCovered } from "./controls/not-covered";
import { PACKS } from "./packs";
import type { Pack } from "./packs/pack";
import { ALL_RULES } from "./rules";
import { effectiveParams, evaluate, type ParamOverrides } from "./engine/evaluate";
import type { ControlRef, EvidenceType, Finding, Outcome, ParamValue, Rule } from "./engine/rule";
import { buildRooms, type Room } from "./engine/room";
import type { StackDocument } from "./engine/terraform-input";
import { moduleFindings, summarizeInput, type InputSummary } from "./engine/input-summary";
import {
  applyWaivers,
  waiverLimits,
  type ExtraWaiver,
  type WaiverLimitOverrides,
  type WaiverLimits,
  type WaiverStatus,
} from "./engine/waivers";
import { coverageMatrix, type ControlCoverage } from "./report/coverage-matrix";
import { isoAnnexes, type TenantAnnex } from "./report/iso-annex";
import { parametersUsed, type ParameterUse, type ParamsSource } from "./report/parameters-used";
import { buildProvenance, type Provenance, type ProvenanceInput } from "./report/provenance";
import { buildScope, type RoomRun } from "./scope/site-scope";
import type { ComplianceScope } from "./scope/scope-types";

export interface TenantScope {
  id: string;
  name: string;
  country: Country;
  hostMunicipality: boolean;
  regimes: string[];
}

export interface SiteScope {
  site: string;
  stacks: string[];
  tenants: TenantScope[];
  packs: string[];
}

export interface RuleSummary {
  id: string;
  name: string;
  area: string;
  title: string;
  version: string;
  rationale: string;
  remediation: string;
  severity: Rule["meta"]["severity"];
  enforcement: Rule["meta"]["enforcement"];
  evidence: EvidenceType;
  controls: readonly ControlRef[];
  /** The parameter values per site the rule ran in. */
  params: Record<string, Record<string, ParamValue>>;
  counts: Partial<Record<Outcome, number>>;
}

export interface ComplianceResult {
  asOf: string;
  sites: SiteScope[];
  /** What was checked under which law: per site the operator and tenants (declared and found), the regime matrix, the chains of shared stacks. */
  scope: ComplianceScope;
  packs: (Pack & { sites: string[] })[];
  rules: RuleSummary[];
  findings: Finding[];
  waivers: WaiverStatus[];
  /** The waiver limits applied (severity caps, emergency cap, renewals), shown beside the waivers. */
  waiverLimits?: WaiverLimits;
  notCovered: readonly NotCovered[];
  /** The input: files read (path, format, sha256), and per stack its resources, unknown types, module calls and plan-time values. */
  input: InputSummary;
  /** Tool, catalogue and rule versions, the date and its source, the input's commit, providers, schemas, file hashes. */
  provenance: Provenance;
  /** Rule x control: for every control reference, the rules citing it with counts per outcome and evidence type. */
  coverage: ControlCoverage[];
  /** Per tenant of each site: every ISO/IEC 27001:2022 Annex A control and the rules that contribute evidence to it. */
  isoAnnex: TenantAnnex[];
  /** Every rule's parameters per site: default, effective value, and each override's origin and reason. */
  parameters: ParameterUse[];
}

export interface ComplianceOptions {
  asOf: string;
  params?: ParamOverrides;
  /** Where `params` came from (the --params file) and each rule's reason. */
  paramsSource?: ParamsSource;
  /** What the caller knows of the run: tool version, where the date came from, the input's commit and file hashes. */
  provenance?: ProvenanceInput;
  /** The rules to choose from (default: all); packs select among them. */
  rules?: readonly Rule[];
  /** Waivers besides the artifact's (the audit command's --waivers), governed by the artifact's roster. */
  extraWaivers?: readonly ExtraWaiver[];
  /** Waiver limits other than the defaults (policies/engine/waivers/waiver-limits.ts). */
  waiverLimits?: WaiverLimitOverrides;
  /** Run only these packs (ids; `--pack`), where they apply to a room; default: every pack that applies. */
  packs?: readonly string[];
  /** The checks of one tenant (EvaluationOptions.focus); its site's room must be the only room. */
  focus?: string;
}

/** The packs that apply to a room: every-site packs, and the national pack of each tenant's country. */
export function packsFor(room: Room): Pack[] {
  const countries = new Set(room.facility("tenant").map((t) => t.country));
  return PACKS.filter((p) => p.appliesTo === "every-site" || countries.has(p.appliesTo.country));
}

/** What the gate and the terminal need of a run: the findings with the waivers applied, per site and per rule. */
export type RoomChecks = Pick<
  ComplianceResult,
  "asOf" | "sites" | "scope" | "packs" | "rules" | "findings" | "waivers" | "waiverLimits" | "parameters"
> & {
  rooms: Room[];
};

/**
 * Runs the checks over synthesized Terraform: one room per site, the rules of the packs that apply to
 * it, the site's waivers applied. Everything in the result is sorted, so reports are deterministic.
 */
export function runCompliance(docs: readonly StackDocument[], options: ComplianceOptions): ComplianceResult {
  const rules = options.rules ?? ALL_RULES;
  const c = checkRooms(docs, options);
  // The keys in the order they always had: whoever prints the result as it is gets the same bytes.
  return {
    asOf: c.asOf,
    sites: c.sites,
    scope: c.scope,
    packs: c.packs,
    rules: c.rules,
    findings: c.findings,
    waivers: c.waivers,
    waiverLimits: c.waiverLimits,
    notCovered: NOT_COVERED,
    input: summarizeInput(docs, c.rooms),
    provenance: buildProvenance(docs, rules, options.asOf, options.provenance),
    coverage: coverageMatrix(c.rules, c.findings, NOT_COVERED),
    isoAnnex: isoAnnexes(c.sites, c.rules, c.findings, NOT_COVERED),
    parameters: c.parameters,
  };
}

/** The checks without the report's parts (input summary, provenance, coverage, ISO annex): what synth --tenant needs. */
export function checkRooms(docs: readonly StackDocument[], options: ComplianceOptions): RoomChecks {
  const rules = options.rules ?? ALL_RULES;
  const rooms = buildRooms(docs);
  const findings: Finding[] = [];
  const sites: SiteScope[] = [];
  const runs: RoomRun[] = [];
  const packSites = new Map<string, string[]>();
  const ruleParams = new Map<string, Record<string, Record<string, ParamValue>>>();
  const parameters: ParameterUse[] = [];
  for (const room of rooms) {
    const packs = packsFor(room).filter((p) => options.packs === undefined || options.packs.includes(p.id));
    runs.push({ room, packs });
    for (const p of packs) packSites.set(p.id, [...(packSites.get(p.id) ?? []), room.site]);
    const selected = new Set(packs.flatMap((p) => p.rules));
    const roomRules = rules.filter((r) => selected.has(r.meta.id));
    findings.push(...evaluate([room], roomRules, options), ...moduleFindings(room, docs));
    parameters.push(...parametersUsed(room, roomRules, options.params, options.paramsSource));
    for (const r of roomRules) {
      const perSite = ruleParams.get(r.meta.id) ?? {};
      try {
        perSite[room.site] = effectiveParams(r, room, options.params);
      } catch {
        perSite[room.site] = {}; // the evaluation reported the bad parameter as an error finding
      }
      ruleParams.set(r.meta.id, perSite);
    }
    sites.push({
      site: room.site,
      stacks: [...room.stacks].sort(),
      tenants: room
        .facility("tenant")
        .map((t) => ({ id: t.id, name: t.name, country: t.country, hostMunicipality: t.hostMunicipality, regimes: t.regimes }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
      packs: packs.map((p) => p.id),
    });
  }
  const scoped = buildScope(runs, findings);
  findings.push(...scoped.findings);
  const waived = applyWaivers(rooms, findings, {
    asOf: options.asOf,
    rules,
    limits: options.waiverLimits,
    extraWaivers: options.extraWaivers,
  });
  const countsOf = new Map<string, Partial<Record<Outcome, number>>>();
  for (const f of waived.findings) {
    const counts = countsOf.get(f.rule) ?? {};
    counts[f.outcome] = (counts[f.outcome] ?? 0) + 1;
    countsOf.set(f.rule, counts);
  }
  const summaries: RuleSummary[] = rules
    .filter((r) => ruleParams.has(r.meta.id))
    .map((r) => {
      const counts = { ...countsOf.get(r.meta.id) };
      const m = r.meta;
      return {
        id: m.id,
        name: m.name,
        area: m.area,
        title: m.title,
        version: m.version,
        rationale: m.rationale,
        remediation: m.remediation,
        severity: m.severity,
        enforcement: m.enforcement,
        evidence: m.evidence,
        controls: m.controls,
        params: ruleParams.get(m.id) ?? {},
        counts,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    rooms,
    asOf: options.asOf,
    sites,
    scope: scoped.scope,
    packs: PACKS.filter((p) => packSites.has(p.id)).map((p) => ({ ...p, sites: packSites.get(p.id) ?? [] })),
    rules: summaries,
    findings: waived.findings,
    waivers: waived.waivers,
    waiverLimits: waiverLimits(options.waiverLimits),
    parameters: parameters.sort((a, b) =>
      a.rule !== b.rule ? (a.rule < b.rule ? -1 : 1) : a.site !== b.site ? (a.site < b.site ? -1 : 1) : a.parameter < b.parameter ? -1 : 1,
    ),
  };
}
