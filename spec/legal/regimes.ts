import { regimesFor } from "../../contracts/legal-regimes";
import type { TenantFile } from "../types";

/**
 * The legal regimes that apply to a tenant, derived from its country and the most sensitive data its
 * workloads hold: the table is contracts/legal-regimes.ts (docs/legal-regimes.md), which the rules
 * read too.
 */
export function regimesOf(tenant: TenantFile): string[] {
  return regimesFor(
    tenant.country,
    tenant.workloads.map((w) => w.classification),
  );
}
