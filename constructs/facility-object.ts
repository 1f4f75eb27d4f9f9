import { DataResource } from "cdktf";
import type { Construct } from "constructs";
import type { FacilityKind, FacilityOf } from "../contracts/facility-objects";
import type { Source } from "../spec/types";
import { addressName } from "./stable-address";

/**
 * Fields of a facility object of kind K besides kind, id and site, as contracts/facility-objects.ts
 * types them (docs/facility-vocabulary.md lists them per kind). An optional field may be given as
 * undefined: it is left out of the object.
 */
export type FacilityFields<K extends FacilityKind> = Omit<FacilityOf<K>, "kind" | "id" | "site">;

/**
 * One physical or evidence object of the room as a `terraform_data` resource: no provider download,
 * changes show in `terraform plan`, and the policy engine reads `input`. References between objects
 * are plain id strings, never tokens, so a dangling reference stays visible to the rules.
 * Address: `terraform_data.<kind>_<id>`.
 */
export class FacilityObject<K extends FacilityKind> extends DataResource {
  constructor(scope: Construct, site: string, kind: K, id: string, fields: FacilityFields<K>) {
    const name = addressName(kind, id);
    const input = Object.fromEntries(Object.entries({ kind, id, site, ...fields }).filter(([, v]) => v !== undefined));
    super(scope, name, { input });
    this.overrideLogicalId(name);
  }
}

/** The `source` field of a typed fact: its own source, else the facility's default; none if neither. */
export function sourcedFields(defaultSource: Source | undefined, own?: Source): { source?: Source } {
  const src = own ?? defaultSource;
  return src ? { source: { document: src.document, verified: src.verified } } : {};
}
