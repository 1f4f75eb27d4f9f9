import type { WaiverObject } from "../contracts/facility-objects";
import type { Rule } from "../policies/engine/rule";
import { buildRooms } from "../policies/engine/room";
import type { StackDocument } from "../policies/engine/terraform-input";
import type { ExtraWaiver } from "../policies/engine/waivers";
import { ALL_RULES } from "../policies/rules";
import type { WaiversFile } from "../spec/generated/waivers-file";
import { SchemaValidator } from "../spec/schema-validator";
import { pointerOf, SpecErrors, type SpecError } from "../spec/spec-error";
import { SpecFile } from "../spec/spec-file";
import { waiverFacts } from "../spec/waiver-facts";

/**
 * Reads a waivers file given to the audit command (`--waivers <file>`): the schema of
 * sites/<site>/waivers.yaml, with a top-level `site:` naming the site it applies to (required when the
 * input has several sites). Returns the waivers to add to the artifact's (`runCompliance`'s
 * `extraWaivers`), or throws SpecErrors (exit 2) naming file, line and column for a malformed file, an
 * unknown site or rule, a waiver id used twice (in the file or by the artifact's own waiver) and an
 * approver the artifact's roster lacks.
 *
 * The file cannot bring approvers of its own: who may accept a site's risks is the site's decision,
 * recorded in its approvers.yaml and written into the artifact by synth, and a file handed to an
 * auditor must not widen it. Whether the approver's authority covers each waiver is the engine's
 * question (ENGINE-WAIVER), as for the artifact's waivers.
 */
export function readExtraWaivers(
  path: string,
  docs: readonly StackDocument[],
  rules: readonly Rule[] = ALL_RULES,
  display: string = path,
): ExtraWaiver[] {
  const file = SpecFile.read(path, display);
  if (file.syntaxErrors.length) throw new SpecErrors(file.syntaxErrors);
  if (file.data === null)
    throw new SpecErrors([file.error("", "expected a mapping with waivers: (see schema/waivers.schema.json), found an empty document")]);
  const schemaErrors = new SchemaValidator().validateWaivers(file);
  if (schemaErrors.length) throw new SpecErrors(schemaErrors);
  const data = file.data as WaiversFile;
  const rooms = buildRooms(docs);
  const sites = rooms.map((r) => r.site).sort();
  const errors: SpecError[] = [];
  let site = data.site;
  if (site === undefined) {
    if (sites.length === 1) site = sites[0];
    else
      errors.push(
        file.error(
          "",
          `the input has ${sites.length === 0 ? "no site" : `sites ${sites.join(", ")}`}: name the one these waivers apply to with a top-level site:`,
        ),
      );
  } else if (!sites.includes(site))
    errors.push(file.error("/site", `no site ${site} in the input; expected one of ${sites.join(", ") || "(none)"}`));
  const room = rooms.find((r) => r.site === site);
  const ruleIds = new Set(rules.map((r) => r.meta.id));
  const roster = new Set(room?.facility("approver").map((a) => a.id) ?? []);
  const artifactIds = new Set(room?.facility("waiver").map((w) => w.id) ?? []);
  const seen = new Set<string>();
  data.waivers.forEach((w, i) => {
    const at = (field: string) => pointerOf(["waivers", i, field]);
    if (!ruleIds.has(w.rule)) errors.push(file.error(at("rule"), `no rule ${w.rule}; expected a rule id of the catalogue (RULES.md)`));
    if (seen.has(w.id)) errors.push(file.error(at("id"), `a second waiver with id ${w.id}; give each waiver its own id`));
    else if (artifactIds.has(w.id))
      errors.push(file.error(at("id"), `site ${site} already has a waiver ${w.id} in the artifact; give this one its own id`));
    seen.add(w.id);
    if (room && !roster.has(w.approver))
      errors.push(
        file.error(
          at("approver"),
          `no approver ${w.approver} in site ${site}'s roster (the artifact's approver objects: ${[...roster].sort().join(", ") || "none"}); a --waivers file cannot add approvers`,
        ),
      );
  });
  if (errors.length || site === undefined) throw new SpecErrors(errors);
  const siteId = site;
  return data.waivers.map((w, i) => {
    const waiver: WaiverObject = { kind: "waiver", id: w.id, site: siteId, ...waiverFacts(w) };
    return { waiver, file: display, line: file.position(pointerOf(["waivers", i])).line };
  });
}
