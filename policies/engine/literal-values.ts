import type { TfObject } from "./room";

/**
 * What a resource argument is before `terraform plan`, for the config rules:
 * - `absent`: not written (the provider's default applies);
 * - `literal`: a value written out (`"normal"`, `true`, `20`, a list or block of such);
 * - `reference`: nothing but references to other resources or data sources of the configuration
 *   (`${vsphere_tag.x.id}`, `${fortios_system_vdomlink.l.name}0`): joins, which the room resolves;
 * - `unresolved`: anything Terraform knows only at plan: a variable, a local, a module output, a
 *   function call, `count`/`each`, a conditional. A rule never passes or fails on it: it is
 *   not-evaluable, and `reason` says why ("lockdown is ${var.lockdown}: known only at plan").
 */
export type PlanValue =
  | { kind: "absent" }
  | { kind: "literal"; value: unknown }
  | { kind: "reference"; expr: string }
  | { kind: "unresolved"; expr: string; reason: string };

/** Roots of a reference that are not resources: their values come from outside the configuration or from plan. */
const NOT_RESOURCES = new Set(["var", "local", "module", "count", "each", "path", "terraform", "self"]);
const RESOURCE_REFERENCE = /^(?:data\.)?([A-Za-z_][A-Za-z0-9_-]*)\.[A-Za-z_][A-Za-z0-9_-]*(?:[.[][A-Za-z0-9_.[\]"*-]*)?$/;

/** The `${...}` interpolations of a string, by a brace-counting scan (a function call may hold `{`). */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  let i = text.indexOf("${");
  while (i >= 0) {
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      const c = text.charAt(j);
      if (c === "{") depth++;
      else if (c === "}") depth--;
    }
    out.push(text.slice(i + 2, j - 1).trim());
    i = text.indexOf("${", j);
  }
  return out;
}

/** Whether one interpolation is a plain reference to a resource or data source (a join, not a plan-time value). */
export function isResourceReference(inner: string): boolean {
  const m = RESOURCE_REFERENCE.exec(inner);
  return m !== null && !NOT_RESOURCES.has(m[1] ?? "");
}

/** A value as it stands before plan: see PlanValue. Lists and blocks are unresolved when anything in them is. */
export function planValue(v: unknown, name = "the value"): PlanValue {
  if (v === undefined || v === null) return { kind: "absent" };
  const hidden = unresolvedIn(v);
  const [first] = hidden;
  if (first !== undefined) return { kind: "unresolved", expr: first, reason: `${name} is ${first}: known only at plan` };
  if (typeof v === "string" && v.includes("${")) return { kind: "reference", expr: v };
  return { kind: "literal", value: v };
}

/** A resource argument before plan: `literal(host, "lockdown")`. */
export const literal = (o: TfObject, key: string): PlanValue => planValue(o.values[key], key);

/** The strings inside a value (at any depth) that hold a plan-time expression, in order. */
export function unresolvedIn(v: unknown): string[] {
  const out: string[] = [];
  collectUnresolved(v, out);
  return out;
}

function collectUnresolved(v: unknown, out: string[]): void {
  if (typeof v === "string") {
    if (v.includes("${") && isPlanTime(v)) out.push(v);
  } else if (Array.isArray(v)) for (const x of v) collectUnresolved(x, out);
  else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) collectUnresolved(x, out);
}

/** Whether a string with interpolations holds more than resource references; once per distinct text (the same reference recurs across a room). */
function isPlanTime(text: string): boolean {
  let known = planTime.get(text);
  if (known === undefined) {
    if (planTime.size >= PLAN_TIME_CACHE) planTime.clear(); // a long-lived process (the tests) reads many rooms
    planTime.set(text, (known = !interpolations(text).every(isResourceReference)));
  }
  return known;
}

const planTime = new Map<string, boolean>();
const PLAN_TIME_CACHE = 100_000;
