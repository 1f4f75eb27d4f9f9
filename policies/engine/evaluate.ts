import type { Check, Finding, ParamSpecs, ParamValue, Rule, RuleContext } from "./rule";
import type { AttestationFields } from "../../contracts/facility-objects";
import type { FindingTarget, Room, TfObject } from "./room";

/** Parameter overrides: rule id -> parameter -> value (a site's policy file, or --params). */
export type ParamOverrides = Record<string, Record<string, ParamValue>>;

export interface EvaluationOptions {
  /** YYYY-MM-DD */
  asOf: string;
  /** Overrides for every room, applied after the site's own `policy-parameters` object. */
  params?: ParamOverrides;
  /**
   * The checks of one tenant (`synth --tenant`): rules of reach "tenant" run over the tenant's view of
   * the room (Room.focus), the others over the whole room. Undefined: every rule over the whole room.
   */
  focus?: string;
}

/** The id of the engine's own findings: input it could not read as the vocabulary says. */
export const INPUT_RULE = "ENGINE-INPUT";

/** The parameter values a rule runs with in a room: defaults, then the site's policy file, then overrides. */
export function effectiveParams(rule: Rule, room: Room, overrides: ParamOverrides = {}): Record<string, ParamValue> {
  const site = room.facility("policy-parameters").reduce<ParamOverrides>((acc, p) => ({ ...acc, ...p.rules }), {});
  const values: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(rule.meta.params)) values[name] = spec.default;
  for (const layer of [site[rule.meta.id], overrides[rule.meta.id]]) {
    for (const [name, value] of Object.entries(layer ?? {})) {
      const spec = rule.meta.params[name];
      if (spec === undefined) throw new Error(`rule ${rule.meta.id} has no parameter ${name}`);
      if (typeof value !== typeof spec.default)
        throw new Error(`rule ${rule.meta.id} parameter ${name} takes a ${typeof spec.default}, found ${JSON.stringify(value)}`);
      values[name] = value;
    }
  }
  return values;
}

/**
 * Runs every rule over every room. A rule that throws, and input that does not match the vocabulary,
 * become `error` findings (never a pass), so a broken rule or file cannot hide a failure.
 */
export function evaluate(rooms: readonly Room[], rules: readonly Rule[], options: EvaluationOptions): Finding[] {
  const findings: Finding[] = [];
  for (const room of rooms) {
    for (const p of room.problems) {
      findings.push({
        rule: INPUT_RULE,
        title: "Facility objects match the vocabulary",
        severity: "high",
        enforcement: "mandatory",
        outcome: "error",
        evidence: "declared",
        site: room.site,
        address: p.target.address,
        stack: p.target.stack,
        stacks: [p.target.stack],
        addresses: [p.target.address],
        observed: p.message,
        expected: "an object as docs/facility-vocabulary.md describes it",
        message: `${p.target.stack}: ${p.target.address}: ${p.message}`,
        remediation: "Fix the facility object (or the construct that writes it) to match the vocabulary.",
      });
    }
    const focused = options.focus === undefined ? undefined : room.focus(options.focus);
    for (const rule of rules) {
      let checks: Check[];
      try {
        const params = effectiveParams(rule, room, options.params);
        checks = rule.check(rule.meta.reach === "tenant" && focused ? focused : room, {
          params: params as RuleContext<ParamSpecs>["params"],
          asOf: options.asOf,
        });
      } catch (e) {
        findings.push(ruleError(rule, room, e));
        continue;
      }
      for (const c of checks) findings.push(toFinding(rule, room, c));
    }
  }
  return sortFindings(findings);
}

function toFinding(rule: Rule, room: Room, c: Check): Finding {
  const resources = c.targets.map((t) => room.resourceOf(t));
  const first: Pick<TfObject, "address" | "stack" | "file" | "line"> = resources[0] ?? {
    address: `site.${room.site}`,
    stack: room.stacks[0] ?? room.site,
  };
  const tenant = firstOf(c.targets, (t) => room.tenantOf(t));
  const source = firstOf(c.targets, (t) => ("kind" in t ? t.source : undefined));
  const attestation = c.evidence === "attested" ? firstOf(c.targets, attestationOf) : undefined;
  // Optional fields are assigned in the order the reports write them (key order is the JSON's):
  // assignments, not conditional spreads, which cost an object each per finding.
  const f = {
    rule: rule.meta.id,
    title: rule.meta.title,
    severity: rule.meta.severity,
    enforcement: c.enforcement ?? rule.meta.enforcement,
    outcome: c.outcome,
    evidence: c.evidence,
    site: room.site,
    address: first.address,
    stack: first.stack,
    stacks: resources.length <= 1 ? [first.stack] : [...new Set(resources.map((r) => r.stack))].sort(),
    addresses: resources.length === 1 ? [first.address] : [...new Set(resources.map((r) => r.address))],
  } as Finding;
  if (c.findingId !== undefined) f.findingId = c.findingId;
  f.observed = c.observed;
  f.expected = c.expected;
  f.message = c.message;
  f.remediation = rule.meta.remediation;
  if (first.file !== undefined) f.file = first.file;
  if (first.line !== undefined) f.line = first.line;
  if (tenant !== undefined) f.tenant = tenant;
  if (source !== undefined && c.evidence === "declared") f.source = source;
  if (attestation !== undefined) f.attestation = attestation;
  return f;
}

/** The first defined value of `f` over the targets, in order (f is not called past it). */
function firstOf<T>(targets: readonly FindingTarget[], f: (t: FindingTarget) => T | undefined): T | undefined {
  for (const t of targets) {
    const v = f(t);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The record of an attested target (a restore test, an evidence object): who, when, what, next due. */
function attestationOf(t: FindingTarget): AttestationFields | undefined {
  if (!("kind" in t) || (t.kind !== "restore-test" && t.kind !== "evidence")) return undefined;
  return { date: t.date, result: t.result, by: t.by, documentRef: t.documentRef, nextDue: t.nextDue ?? null };
}

function ruleError(rule: Rule, room: Room, e: unknown): Finding {
  const message = e instanceof Error ? e.message : String(e);
  return {
    rule: rule.meta.id,
    title: rule.meta.title,
    severity: rule.meta.severity,
    enforcement: rule.meta.enforcement,
    outcome: "error",
    evidence: rule.meta.evidence,
    site: room.site,
    address: `site.${room.site}`,
    stack: room.stacks[0] ?? room.site,
    // A rule that cannot run holds back every stack of the site: it might have failed any of them.
    stacks: [...room.stacks].sort(),
    addresses: [],
    observed: `the rule could not run: ${message}`,
    expected: "the rule runs",
    message: `${rule.meta.id} could not be evaluated for site ${room.site}: ${message}`,
    remediation: rule.meta.remediation,
  };
}

const key = (f: Finding) => [f.site, f.rule, f.stack, f.address, f.findingId ?? ""].join("\u0000");

/** Sorts by site, rule, stack, address, finding id, then message; each finding's key built once, not per comparison. */
function sortFindings(findings: Finding[]): Finding[] {
  const keys = new Map(findings.map((f) => [f, key(f)]));
  return findings.sort((a, b) => {
    const ka = keys.get(a) ?? key(a);
    const kb = keys.get(b) ?? key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}
