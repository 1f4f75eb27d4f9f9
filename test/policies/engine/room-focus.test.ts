import type { Room } from "../../../policies/engine/room";
import { governanceRoom, tenant, vm, workload } from "../rules/governance-room";

/**
 * Room.focus (policies/engine/room.ts): the view the checks of one tenant run rules of reach "tenant"
 * over. Its enumerations hold that tenant's objects and the shared ones; look-ups, tenants and the
 * whole room's memos stay the whole room's; the view's own memos are built from what it enumerates.
 */
function twoTenants(): Room {
  return governanceRoom([vm("a-app01", { tenant: "a" }), vm("a-app02", { tenant: "a" }), vm("b-app01", { tenant: "b" })])
    .facility("tenant", tenant("a"))
    .facility("tenant", tenant("b"))
    .facility("workload", workload("a-app", "a", ["a-app01", "a-app02"]))
    .facility("workload", workload("b-app", "b", ["b-app01"]))
    .facility("room", { id: "r", roomType: "primary" })
    .build();
}

const names = (objects: readonly { address: string }[]) => objects.map((o) => o.address);

test("the view enumerates the tenant's objects and the shared ones, none of another tenant's", () => {
  const room = twoTenants();
  const a = room.focus("a");
  expect(names(a.resources("vsphere_virtual_machine"))).toEqual(["vsphere_virtual_machine.a-app01", "vsphere_virtual_machine.a-app02"]);
  expect(names(room.focus("b").resources("vsphere_virtual_machine"))).toEqual(["vsphere_virtual_machine.b-app01"]);
  // Shared stacks stay whole: the vSphere stack's clusters, categories and port groups.
  expect(a.resources("vsphere_compute_cluster")).toEqual(room.resources("vsphere_compute_cluster"));
  expect(a.resources("vsphere_tag_category")).toEqual(room.resources("vsphere_tag_category"));
  // Data sources of tenant stacks, too.
  expect(new Set(a.dataSources("vsphere_tag_category").map((d) => d.stack))).toEqual(new Set(["s-a"]));
  // Facility objects by their tenant; objects no tenant owns stay.
  expect(a.facility("tenant").map((t) => t.id)).toEqual(["a"]);
  expect(a.facility("workload").map((w) => w.id)).toEqual(["a-app"]);
  expect(a.facility("room").map((r) => r.id)).toEqual(["r"]);
  expect(a.objects.every((o) => o.stack !== "s-b")).toBe(true);
  expect(a.objects.length).toBeLessThan(room.objects.length);
  // The whole room is untouched.
  expect(room.resources("vsphere_virtual_machine")).toHaveLength(3);
  expect(room.facility("tenant")).toHaveLength(2);
});

test("look-ups stay the whole room's: references, facility ids, tenants, resources of findings", () => {
  const room = twoTenants();
  const a = room.focus("a");
  const other = room.resources("vsphere_virtual_machine").find((v) => v.stack === "s-b")!;
  expect(a.tenantOf(other)).toBe("b");
  expect(a.facilityById("tenant", "b")?.id).toBe("b");
  const workloadB = room.facility("workload").find((w) => w.id === "b-app")!;
  expect(a.resourceOf(workloadB)).toBe(room.resourceOf(workloadB));
  const own = a.resources("vsphere_virtual_machine")[0];
  expect(a.reference(own, own.values.resource_pool_id).target?.address).toBe("vsphere_resource_pool.pool_prod");
  // A data source of the tenant joins to the shared resource it reads; joins by name and tags are the whole room's.
  const category = a.dataSources("vsphere_tag_category").find((d) => d.name === "tenant")!;
  expect(a.joinData(category).target?.stack).toBe("s-vsphere");
  expect(a.joinData(category)).toBe(room.joinData(category));
  expect(a.resourcesNamed("vsphere_virtual_machine", "b-app01")).toEqual([other]);
  expect(a.tagsOf(other)).toBe(room.tagsOf(other));
  expect(a.whole).toBe(room);
  expect(room.whole).toBe(room);
});

test("the view's memos are its own, built from what it enumerates; the whole room's are not touched", () => {
  const room = twoTenants();
  const count = (r: Room) => r.resources("vsphere_virtual_machine").length;
  expect(room.focus("a").memo(count, "vms")).toBe(2);
  expect(room.memo(count, "vms")).toBe(3);
  expect(room.focus("b").memo(count, "vms")).toBe(1);
  expect(room.memo(count, "vms")).toBe(3);
});

test("a tenant the room does not have sees only the shared objects", () => {
  const room = twoTenants();
  const none = room.focus("nobody");
  expect(none.resources("vsphere_virtual_machine")).toEqual([]);
  expect(none.facility("tenant")).toEqual([]);
  expect(none.resources("vsphere_compute_cluster")).toEqual(room.resources("vsphere_compute_cluster"));
});
