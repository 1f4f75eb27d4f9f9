import type { Country } from "../../contracts/facility-objects";

/**
 * A pack selects rules by id: data, not code, so the same rule reads the same in every pack (its
 * metadata lives in the rule). Every-site packs run for every site; a national pack runs for a site
 * when one of its tenants is of that country.
 */
export interface Pack {
  id: string;
  title: string;
  /** Why the pack applies and what it stands for. */
  description: string;
  appliesTo: "every-site" | { country: Country };
  rules: readonly string[];
}
