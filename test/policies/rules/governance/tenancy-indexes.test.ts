import { managedVms, tenantTagOf, vmsOfWorkload, vmTags, workloadOfVm, workloadsOf } from "../../../../policies/rules/governance/tenancy";
import { governanceRoom, tenant, vm, workload } from "../governance-room";

/**
 * The governance helpers answer from indexes built once per room (room.memo): the answers are the
 * definitions' (the first workload listing a VM, a tenant's workloads in the room's order), and a
 * list handed out is the caller's to sort.
 */
describe("the tenancy helpers' per-room indexes", () => {
  const build = () => {
    const b = governanceRoom([vm("web", { tenant: "ta" }), vm("db", { tenant: "ta" }), vm("web-b", { tenant: "tb" })]);
    b.facility("tenant", tenant("ta"))
      .facility("tenant", tenant("tb"))
      .facility("workload", workload("w2", "ta", ["web", "db"]))
      .facility("workload", workload("w1", "ta", ["web"]))
      .facility("workload", workload("wb", "tb", ["web", "web-b"]))
      .facility("workload", workload("gone", "ta", ["db"], { lifecycle: "removed" }));
    return b.build();
  };

  test("the workload of a VM is the first that lists it, of the tenant when one is given", () => {
    const room = build();
    const order = room.facility("workload").map((w) => w.id);
    const firstListing = (name: string, t?: string) =>
      order.find((id) => {
        const w = room.facilityById("workload", id)!;
        return w.vms.includes(name) && (t === undefined || w.tenantId === t);
      });
    for (const [name, t] of [
      ["web", undefined],
      ["web", "ta"],
      ["web", "tb"],
      ["db", "ta"],
      ["nope", undefined],
      ["web-b", "ta"],
    ] as const)
      expect(workloadOfVm(room, name, t)?.id).toBe(firstListing(name, t));
    expect(workloadOfVm(room, 42)).toBeUndefined();
  });

  test("a tenant's workloads leave out the removed ones, keep the room's order, and are a new list each time", () => {
    const room = build();
    const list = workloadsOf(room, "ta");
    expect(list.map((w) => w.id)).toEqual(
      room
        .facility("workload")
        .filter((w) => w.tenantId === "ta" && w.lifecycle !== "removed")
        .map((w) => w.id),
    );
    list.sort((a, b) => (a.id < b.id ? -1 : 1));
    list.pop();
    expect(workloadsOf(room, "ta").map((w) => w.id)).toEqual(["w2", "w1"]);
    expect(workloadsOf(room, "nobody")).toEqual([]);
  });

  test("a workload's VMs are its tenant's tagged VMs that it lists, in managedVms order", () => {
    const room = build();
    const names = (vms: readonly { values: Record<string, unknown> }[]) => vms.map((v) => v.values.name);
    const w2 = room.facilityById("workload", "w2")!;
    const wb = room.facilityById("workload", "wb")!;
    expect(names(vmsOfWorkload(room, w2))).toEqual(
      names(managedVms(room).filter((v) => ["web", "db"].includes(v.values.name as string) && tenantTagOf(room, v) === "ta")),
    );
    expect(names(vmsOfWorkload(room, wb))).toEqual(["web-b"]);
  });

  test("a VM's tags are read once: the same answer to every rule", () => {
    const room = build();
    const [first] = managedVms(room);
    expect(vmTags(room, first)).toBe(vmTags(room, first));
    expect(tenantTagOf(room, first)).toBe(vmTags(room, first).byCategory.get("tenant")?.[0]);
    expect(managedVms(room)).toBe(managedVms(room));
  });
});
