import type { TfObject } from "../../engine/room";

/**
 * Reading vSphere provider values out of synthesized Terraform JSON for the vsphere rules. A value is
 * a literal, absent (the provider's default applies), or an expression Terraform resolves only at plan
 * time (`${var.x}`, `${data.y.id}`): such a value is no evidence either way.
 */
export type Literal<T> = { kind: "value"; value: T } | { kind: "absent" } | { kind: "expression"; expr: string };

/** Whether a value is (or contains) a Terraform expression rather than a literal. */
export const isExpression = (v: unknown): v is string => typeof v === "string" && v.includes("${");

/** A boolean argument: JSON true/false, or the strings "true"/"false" Terraform also accepts. */
export function boolValue(v: unknown): Literal<boolean> | { kind: "invalid"; raw: unknown } {
  if (v === undefined || v === null) return { kind: "absent" };
  if (typeof v === "boolean") return { kind: "value", value: v };
  if (isExpression(v)) return { kind: "expression", expr: v };
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return { kind: "value", value: v.toLowerCase() === "true" };
  return { kind: "invalid", raw: v };
}

/** A string argument. */
export function stringValue(v: unknown): Literal<string> | { kind: "invalid"; raw: unknown } {
  if (v === undefined || v === null) return { kind: "absent" };
  if (isExpression(v)) return { kind: "expression", expr: v };
  if (typeof v === "string") return { kind: "value", value: v };
  return { kind: "invalid", raw: v };
}

/** A number argument (Terraform JSON also accepts numeric strings). */
export function numberValue(v: unknown): Literal<number> | { kind: "invalid"; raw: unknown } {
  if (v === undefined || v === null) return { kind: "absent" };
  if (typeof v === "number") return { kind: "value", value: v };
  if (isExpression(v)) return { kind: "expression", expr: v };
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return { kind: "value", value: Number(v) };
  return { kind: "invalid", raw: v };
}

/**
 * A nested block: Terraform JSON writes one block as an object or as a list of objects; cdktf writes
 * lists. Returns the blocks in order (an empty list when absent), or the expression that computes them.
 */
export function blocks(v: unknown): { list: Record<string, unknown>[]; expr?: undefined } | { list?: undefined; expr: string } {
  if (v === undefined || v === null) return { list: [] };
  if (isExpression(v)) return { expr: v };
  const items = Array.isArray(v) ? (v as unknown[]) : [v];
  return { list: items.filter((i): i is Record<string, unknown> => typeof i === "object" && i !== null && !Array.isArray(i)) };
}

/** Whether `lifecycle.ignore_changes` on a resource names an attribute (Terraform then never sets it). */
export function ignoresChanges(o: TfObject, attribute: string): boolean {
  const lifecycle = o.values.lifecycle;
  const ignore =
    typeof lifecycle === "object" && lifecycle !== null ? (lifecycle as { ignore_changes?: unknown }).ignore_changes : undefined;
  return ignore === "all" || (Array.isArray(ignore) && ignore.includes(attribute));
}

/** An adopted VM: a stack's `import` block takes over a running VM, which keeps its reboot-sensitive settings. */
export const isAdopted = (o: TfObject): boolean => o.importId !== undefined;

/** A short, safe rendering of a value in a finding. */
export function show(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
