import { RoomBuilder } from "../room-builder";
import { tenant } from "../rules/governance-room";

/**
 * The room's memo and the indexes built on it (policies/engine/room.ts): each is computed once per room
 * and key, so a room built from edited input must get its own answers, and the answers must be those of
 * the scans they replace (order included).
 */
describe("facts derived once per room", () => {
  test("memo computes once per key and room; another room computes its own", () => {
    const builder = new RoomBuilder().resource("vsphere", "vsphere_host", "h", { hostname: "one" });
    const calls: string[] = [];
    const hostname = (room: ReturnType<RoomBuilder["build"]>, address: string) => {
      calls.push(address);
      return room.resources("vsphere_host").find((h) => h.address === address)?.values.hostname;
    };
    const room = builder.build();
    expect(room.memo(hostname, "vsphere_host.h")).toBe("one");
    expect(room.memo(hostname, "vsphere_host.h")).toBe("one");
    expect(room.memo(hostname, "vsphere_host.other")).toBeUndefined();
    expect(room.memo(hostname, "vsphere_host.other")).toBeUndefined();
    expect(calls).toEqual(["vsphere_host.h", "vsphere_host.other"]);
    const edited = builder.edit("vsphere", "vsphere_host", "h", (v) => (v.hostname = "two")).build();
    expect(edited.memo(hostname, "vsphere_host.h")).toBe("two");
    expect(room.memo(hostname, "vsphere_host.h")).toBe("one");
  });

  test("a data source joins by name through the index: one match, several, none, and the tag's category decides", () => {
    const room = new RoomBuilder()
      .facility("room", { id: "r", roomType: "primary" })
      .resource("vsphere", "vsphere_distributed_port_group", "a", { name: "dup" })
      .resource("vsphere", "vsphere_distributed_port_group", "b", { name: "dup" })
      .resource("vsphere", "vsphere_distributed_port_group", "c", { name: "one" })
      .resource("vsphere", "vsphere_tag_category", "tenant", { name: "tenant" })
      .resource("vsphere", "vsphere_tag_category", "tier", { name: "criticality" })
      .resource("vsphere", "vsphere_tag", "t1", { name: "high", category_id: "${vsphere_tag_category.tenant.id}" })
      .resource("vsphere", "vsphere_tag", "t2", { name: "high", category_id: "${vsphere_tag_category.tier.id}" })
      .data("t", "vsphere_distributed_port_group", "dup", { name: "dup" })
      .data("t", "vsphere_distributed_port_group", "one", { name: "one" })
      .data("t", "vsphere_distributed_port_group", "none", { name: "none" })
      .data("t", "vsphere_tag_category", "tier", { name: "criticality" })
      .data("t", "vsphere_tag", "high", { name: "high", category_id: "${data.vsphere_tag_category.tier.id}" })
      .build();
    const data = (type: string, name: string) => room.dataSources(type).find((d) => d.name === name)!;
    expect(room.resourcesNamed("vsphere_distributed_port_group", "dup").map((r) => r.address)).toEqual([
      "vsphere_distributed_port_group.a",
      "vsphere_distributed_port_group.b",
    ]);
    expect(room.joinData(data("vsphere_distributed_port_group", "one")).target?.address).toBe("vsphere_distributed_port_group.c");
    expect(room.joinData(data("vsphere_distributed_port_group", "dup")).problem).toMatch(/which 2 resources create/);
    expect(room.joinData(data("vsphere_distributed_port_group", "none")).problem).toMatch(/which no stack of site s creates/);
    expect(room.joinData(data("vsphere_tag", "high")).target?.address).toBe("vsphere_tag.t2");
    // Asked twice, the same answer (and the type still counts as read by a rule).
    expect(room.joinData(data("vsphere_tag", "high"))).toBe(room.joinData(data("vsphere_tag", "high")));
    expect(room.typesRead.has("vsphere_distributed_port_group")).toBe(true);
  });

  test("the tenant of an object follows its stack, once per stack; a facility object's own tenant comes first", () => {
    const room = new RoomBuilder()
      .facility("tenant", tenant("acme"))
      .resource("acme", "vsphere_folder", "f", { path: "acme" })
      .resource("acme", "vsphere_folder", "g", { path: "acme/x" })
      .resource("vsphere", "vsphere_folder", "shared", { path: "tenants" })
      .build();
    const [f, g, shared] = ["f", "g", "shared"].map((n) => room.resources("vsphere_folder").find((o) => o.name === n)!);
    expect([room.tenantOf(f), room.tenantOf(g), room.tenantOf(shared)]).toEqual(["acme", "acme", undefined]);
  });

  test("an object's tags are resolved once and shared: the same answer object each time", () => {
    const room = new RoomBuilder()
      .resource("vsphere", "vsphere_tag_category", "tier", { name: "criticality" })
      .resource("vsphere", "vsphere_tag", "crit", { name: "critical", category_id: "${vsphere_tag_category.tier.id}" })
      .resource("vsphere", "vsphere_virtual_machine", "vm", { tags: ["${vsphere_tag.crit.id}"] })
      .build();
    const [vm] = room.resources("vsphere_virtual_machine");
    expect(room.tagsOf(vm)).toBe(room.tagsOf(vm));
    expect(room.tagsOf(vm).tags).toEqual([{ category: "criticality", name: "critical" }]);
  });
});
