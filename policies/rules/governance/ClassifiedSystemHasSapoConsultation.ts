import type { FacilityOf } from "../../../contracts/facility-objects";
import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room } from "../../engine/room";
import { SE_PMFS_2022_1, SE_SAKERHETSSKYDDSFORORDNING } from "../../controls/references";
import { enforcementOf, missingPrerequisite } from "./onboarding";
import { clusterOfVm, keyOf, managedVms, present, tenantTagOf, tenantsHolding, vmsOfWorkload } from "./tenancy";

/** The other tenants whose VMs share a compute cluster with the workload's VMs. */
function sharingTenants(room: Room, w: FacilityOf<"workload">): string[] {
  const clusters = new Set(
    vmsOfWorkload(room, w)
      .map((vm) => clusterOfVm(room, vm).target)
      .filter((c) => c !== undefined)
      .map(keyOf),
  );
  const others = new Set<string>();
  const tenantsOn = room.memo(tenantsByCluster, undefined);
  for (const c of clusters) for (const tenant of tenantsOn.get(c) ?? []) if (tenant !== w.tenantId) others.add(tenant);
  return [...others].sort();
}

/** Cluster (keyOf) -> the tenant tags of the VMs placed on it (room.memo: one pass over the VMs). */
function tenantsByCluster(room: Room): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  for (const vm of managedVms(room)) {
    const c = clusterOfVm(room, vm).target;
    const tenant = tenantTagOf(room, vm);
    if (c === undefined || tenant === undefined) continue;
    const set = out.get(keyOf(c)) ?? new Set<string>();
    set.add(tenant);
    out.set(keyOf(c), set);
  }
  return out;
}

/**
 * SE-SSKL-IS-SAMRAD: each security-classified workload of a Swedish tenant has the written
 * consultation with Säkerhetspolisen that säkerhetsskyddsförordningen requires before an information
 * system processing information classified konfidentiell or higher goes into operation or is changed:
 * the tenant's `sapoSamradRef` (its own fact; `samradRef` is the samråd with the supervisory authority
 * under 4 kap. 9 §, another act with another authority). It is checked for every such workload, and the
 * finding says when the workload shares a cluster with other tenants (the catalogue's "blocked from the
 * shared cluster unless" case). An output written before the field existed is not-evaluable. A missing
 * consultation is advisory only while the tenant declares that its data is not processed in the room
 * yet (`processingStarted: false`); its onboarding window never defers it.
 */
export const ClassifiedSystemHasSapoConsultation = defineRule({
  meta: {
    id: "SE-SSKL-IS-SAMRAD",
    name: "ClassifiedSystemHasSapoConsultation",
    version: "1.2.0",
    area: "law",
    title: "Security-classified Swedish information systems were consulted with Säkerhetspolisen before operation",
    rationale:
      "An information system for information classified konfidentiell or higher may only go into operation after written consultation with Säkerhetspolisen; on a cluster shared with other municipalities the consultation is where the shared platform is assessed.",
    remediation:
      "Consult Säkerhetspolisen in writing about the information system (and the shared platform it runs on) and record the reference as legal.sapoSamradRef; until then keep the system off the room.",
    severity: "critical",
    enforcement: "mandatory",
    legalPrerequisite: "the written consultation with Säkerhetspolisen as the tenant's legal.sapoSamradRef (tenant file)",
    evidence: "declared",
    params: {},
    controls: [
      SE_SAKERHETSSKYDDSFORORDNING("information security: consultation with Säkerhetspolisen (section: verify)", false),
      SE_PMFS_2022_1("ch. 4 IS security"),
    ],
  },
  check(room, { asOf }) {
    if (room.facility("tenant").length === 0)
      return missingFacts({
        observed: "no tenant objects",
        expected: "tenant and workload objects",
        message: "The input has no tenant objects, so no consultation can be checked.",
      });
    const checks: Check[] = [];
    for (const { tenant: t, workloads } of tenantsHolding(room, "SE", "security-classified")) {
      for (const w of workloads) {
        const shared = sharingTenants(room, w);
        const placement = shared.length > 0 ? `on a cluster shared with ${shared.join(", ")}` : "on no cluster shared with another tenant";
        const observed = `sapoSamradRef ${t.sapoSamradRef ?? "-"}; ${placement}`;
        const expected = "sapoSamradRef: written consultation with Säkerhetspolisen before operation";
        if (t.sapoSamradRef === undefined)
          checks.push(
            check("declared", "not-evaluable", w, {
              observed: `the tenant object has no sapoSamradRef field; ${placement}`,
              expected,
              message: `Workload ${w.id}: the output predates the sapoSamradRef field.`,
            }),
          );
        else {
          const missing = missingPrerequisite(t, asOf, "the written consultation with Säkerhetspolisen");
          checks.push(
            check("declared", present(t.sapoSamradRef) ? "pass" : "fail", w, {
              observed,
              expected,
              message: `Workload ${w.id} (${w.system}): ${present(t.sapoSamradRef) ? `consulted (${t.sapoSamradRef})` : `no consultation with Säkerhetspolisen recorded, ${placement}${missing.note}`}`,
              ...(present(t.sapoSamradRef) ? {} : enforcementOf(missing)),
            }),
          );
        }
      }
    }
    return checks;
  },
});
