import type { ApproversFile } from "./generated/approvers-file";
import type { WaiversFile } from "./generated/waivers-file";
import { pointerOf, type SpecError } from "./spec-error";
import type { SpecFile } from "./spec-file";

type Loaded<T> = { file: SpecFile; data?: T } | undefined;

/**
 * The references of a site's waivers.yaml and approvers.yaml that a schema cannot check: the `site:`
 * of waivers.yaml is the site it lies in, every waiver names an approver of the roster beside it,
 * approver ids are unique, and each approver acts for a tenant of the site (authority tenants are
 * tenants of the site or `shared`). Rule ids are checked against the rules by cli/policy-files.ts.
 * Whether an approver's authority covers a waiver is for the engine to say (ENGINE-WAIVER).
 */
export function checkWaiverReferences(
  site: string,
  waivers: Loaded<WaiversFile>,
  approvers: Loaded<ApproversFile>,
  tenantIds: readonly string[],
): SpecError[] {
  const errors: SpecError[] = [];
  const roster = new Set<string>();
  if (approvers?.data) {
    const { file, data } = approvers;
    const known = [...tenantIds].sort().join(", ");
    data.approvers.forEach((a, i) => {
      if (roster.has(a.id))
        errors.push(file.error(pointerOf(["approvers", i, "id"]), `a second approver with id ${a.id}; give each approver their own id`));
      roster.add(a.id);
      if (!tenantIds.includes(a.tenant))
        errors.push(file.error(pointerOf(["approvers", i, "tenant"]), `no tenant ${a.tenant} at site ${site}; expected one of ${known}`));
      a.authority.tenants.forEach((t, j) => {
        if (t !== "shared" && !tenantIds.includes(t))
          errors.push(
            file.error(
              pointerOf(["approvers", i, "authority", "tenants", j]),
              `no tenant ${t} at site ${site}; expected one of ${known}, or shared (the site's shared stacks)`,
            ),
          );
      });
    });
  }
  if (waivers?.data) {
    const { file, data } = waivers;
    if (data.site !== undefined && data.site !== site)
      errors.push(file.error("/site", `this file lies beside site ${site}'s site.yaml, found site: ${data.site}`));
    if (approvers === undefined && data.waivers.length > 0)
      errors.push(file.error("/waivers", `waivers name approvers from approvers.yaml beside this file, which site ${site} does not have`));
    else if (approvers?.data)
      data.waivers.forEach((w, i) => {
        if (!roster.has(w.approver))
          errors.push(
            file.error(
              pointerOf(["waivers", i, "approver"]),
              `no approver ${w.approver} in ${approvers.file.file}; expected one of ${[...roster].sort().join(", ") || "(the roster is empty)"}`,
            ),
          );
      });
  }
  return errors;
}
