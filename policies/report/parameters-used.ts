import type { ParamOverrides } from "../engine/evaluate";
import type { ParamValue, Rule } from "../engine/rule";
import type { Room } from "../engine/room";

/** The parameter file given beside the input (the audit command's --params): its display path and each rule's reason. */
export interface ParamsSource {
  file: string;
  reasons: Record<string, string>;
}

/** One parameter of one rule at one site: its default, the value it ran with, and who changed it and why. */
export interface ParameterUse {
  rule: string;
  site: string;
  parameter: string;
  description: string;
  unit?: string;
  default: ParamValue;
  effective: ParamValue;
  /** "default", "site policy.yaml" (the site's policy-parameters object), or the --params file. */
  setBy: string;
  /** Why the override differs from the default; null where nothing overrides, or where an old artifact recorded no reason. */
  reason: string | null;
}

/** Every parameter of the rules that ran in a room, defaults and overrides, in the order defaults < site < --params. */
export function parametersUsed(room: Room, rules: readonly Rule[], params?: ParamOverrides, paramsSource?: ParamsSource): ParameterUse[] {
  const objects = room.facility("policy-parameters");
  const siteValues = objects.reduce<ParamOverrides>((acc, p) => ({ ...acc, ...p.rules }), {});
  const siteReasons = objects.reduce<Record<string, string>>((acc, p) => ({ ...acc, ...(p.reasons ?? {}) }), {});
  const uses: ParameterUse[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    for (const [name, spec] of Object.entries(rule.meta.params).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const use: ParameterUse = {
        rule: id,
        site: room.site,
        parameter: name,
        description: spec.description,
        ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
        default: spec.default,
        effective: spec.default,
        setBy: "default",
        reason: null,
      };
      const fromSite = siteValues[id]?.[name];
      if (fromSite !== undefined) Object.assign(use, { effective: fromSite, setBy: "site policy.yaml", reason: siteReasons[id] ?? null });
      const fromFile = params?.[id]?.[name];
      if (fromFile !== undefined)
        Object.assign(use, { effective: fromFile, setBy: paramsSource?.file ?? "--params", reason: paramsSource?.reasons[id] ?? null });
      uses.push(use);
    }
  }
  return uses;
}
