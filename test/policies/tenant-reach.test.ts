import { buildRooms } from "../../policies/engine/room";
import { ALL_RULES } from "../../policies/rules";
import { exampleDocs } from "./example-output";
import { tenantViewDifferences } from "./tenant-view";

/**
 * Rules of reach "tenant" (RuleMeta.reach) run over one tenant's view of the room in `synth --tenant`.
 * Over every example site and every tenant (the county's in test/sites/norrmarkslan.test.ts), each such rule's findings in the view are exactly the
 * whole room's findings that concern the tenant or the shared objects; the mutation tests check the
 * same after each edit that makes such a rule fail (example-output.ts expectMutationFails).
 */
const rooms = buildRooms(exampleDocs());
const tenantRules = ALL_RULES.filter((r) => r.meta.reach === "tenant");

test("the rules of reach tenant are the per-VM and per-tenant rules the view makes cheap", () => {
  expect(tenantRules.map((r) => r.meta.id).sort()).toEqual([
    "BKP-VM-SELECTED",
    "GOV-ASSET-TAGS",
    "NET-TENANT-SEG",
    "RED-ANTI-AFFINITY",
    "RED-HA-RESTART",
    "SEC-ENDPOINT",
    "TEN-DATA-STORE",
    "TEN-ROLE-SCOPE",
    "VSP-ENCRYPT",
    "VSP-SECUREBOOT",
    "VSP-VM-ISOLATION",
  ]);
});

test.each(tenantRules.map((r) => [r.meta.id, r] as const))("%s: each tenant's view finds what the whole room finds of it", (_id, rule) => {
  expect(rooms.map((r) => r.site)).toEqual(["fjordvik", "kvistrup"]);
  for (const room of rooms) expect(tenantViewDifferences(room, rule)).toEqual([]);
});

// The check has teeth: rules that weigh tenants against each other, run over one tenant's view, lose
// or change findings (so they keep the default reach, the whole room).
test.each([
  ["TEN-RANGES", "ranges and VLANs compared across tenants"],
  ["RED-HOST-N1", "every tenant's VMs on a cluster's hosts"],
  ["TEN-FLOW-JUSTIFIED", "flows between two tenants"],
])("%s (%s) differs in a tenant's view", (id) => {
  const rule = ALL_RULES.find((r) => r.meta.id === id);
  expect(rule?.meta.reach).toBeUndefined();
  const differences = rooms.flatMap((room) => (rule ? tenantViewDifferences(room, rule) : []));
  expect(differences.length).toBeGreaterThan(0);
});
