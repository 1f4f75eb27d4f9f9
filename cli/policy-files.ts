import type { Site } from "../plan/model";
import type { ParamSpecs, Rule } from "../policies/engine/rule";
import type { PolicyFile } from "../spec/generated/policy-file";
import { pointerOf, type SpecError } from "../spec/spec-error";
import type { SpecFile } from "../spec/spec-file";

/**
 * Checks a site's policy.yaml and waivers.yaml against the rules themselves (the schemas cannot know
 * rule ids and parameters): every rule id exists, every parameter is one the rule has and of its type,
 * waiver ids are unique. Errors point at the line, like every other spec error.
 */
export function checkPolicyFiles(site: Site, rules: readonly Rule[]): SpecError[] {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const errors: SpecError[] = site.policy ? checkPolicyParameters(site.policy.file, site.policy.data, rules) : [];
  const known = () => [...byId.keys()].sort().join(", ");
  if (site.waivers) {
    const { file, data } = site.waivers;
    const seen = new Set<string>();
    data.waivers.forEach((w, i) => {
      if (!byId.has(w.rule)) errors.push(file.error(pointerOf(["waivers", i, "rule"]), `no rule ${w.rule}; expected one of ${known()}`));
      if (seen.has(w.id))
        errors.push(file.error(pointerOf(["waivers", i, "id"]), `a second waiver with id ${w.id}; give each waiver its own id`));
      seen.add(w.id);
    });
  }
  return errors;
}

/**
 * Checks the parameters of a policy.yaml (or an audit's --params file: the same schema) against the
 * rules: every rule id exists, every parameter is one the rule has and of its type.
 */
export function checkPolicyParameters(file: SpecFile, data: PolicyFile, rules: readonly Rule[]): SpecError[] {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const errors: SpecError[] = [];
  const known = () => [...byId.keys()].sort().join(", ");
  for (const [id, values] of Object.entries(data.parameters)) {
    const rule = byId.get(id);
    if (!rule) {
      errors.push(file.error(pointerOf(["parameters", id]), `no rule ${id}; expected one of ${known()}`, true));
      continue;
    }
    const specs: ParamSpecs = rule.meta.params;
    for (const [name, value] of Object.entries(values)) {
      if (name === "reason") continue; // why the site overrides, not a parameter (the schema checks it)
      const spec = specs[name];
      const at = pointerOf(["parameters", id, name]);
      if (!spec) {
        const names = Object.keys(specs);
        errors.push(
          file.error(
            at,
            `rule ${id} has no parameter ${name}; ${names.length ? `expected one of ${names.join(", ")}` : "it takes none"}`,
            true,
          ),
        );
      } else if (typeof value !== typeof spec.default) {
        errors.push(
          file.error(
            at,
            `rule ${id} parameter ${name} (${spec.description}) takes a ${typeof spec.default}, found ${JSON.stringify(value)}`,
          ),
        );
      }
    }
  }
  return errors;
}
