import { buildRooms } from "../../../policies/engine/room";
import { exampleDocs } from "../example-output";
import { RoomBuilder } from "../room-builder";

describe("the room model", () => {
  test("stacks are split into one room per site by their site prefix, longest site id first", () => {
    const docs = [
      ...new RoomBuilder("a").facility("room", { id: "r", roomType: "primary" }).resource("vsphere", "vsphere_host", "h", {}).docs(),
      ...new RoomBuilder("a-b").facility("room", { id: "r", roomType: "primary" }).resource("vsphere", "vsphere_host", "h", {}).docs(),
    ];
    const rooms = buildRooms(docs);
    expect(rooms.map((r) => [r.site, r.stacks])).toEqual([
      ["a", ["a-facility", "a-vsphere"]],
      ["a-b", ["a-b-facility", "a-b-vsphere"]],
    ]);
  });

  test("Terraform without facility objects is one room of its own", () => {
    const docs = new RoomBuilder("x").resource("main", "vsphere_host", "h", { hostname: "h1" }).docs();
    const [room] = buildRooms(docs);
    expect(room.site).toBe("(no site)");
    expect(room.hasFacility).toBe(false);
    expect(room.resources("vsphere_host")).toHaveLength(1);
  });

  test("a data source joins the core resource of the same type and name in another stack", () => {
    const room = new RoomBuilder()
      .resource("vsphere", "vsphere_compute_cluster", "prod", { name: "prod" })
      .data("t1", "vsphere_compute_cluster", "c", { name: "prod" })
      .resource("t1", "vsphere_resource_pool", "p", { parent_resource_pool_id: "${data.vsphere_compute_cluster.c.resource_pool_id}" })
      .build();
    const pool = room.resources("vsphere_resource_pool")[0];
    expect(room.resolve(pool, pool.values.parent_resource_pool_id).target?.address).toBe("vsphere_compute_cluster.prod");
    expect(room.resolve(pool, "${data.vsphere_compute_cluster.nope.id}").problem).toMatch(/stack s-t1 does not have/);
    const dangling = new RoomBuilder()
      .facility("room", { id: "r", roomType: "primary" })
      .data("t1", "vsphere_compute_cluster", "c", { name: "gone" })
      .build();
    expect(dangling.joinData(dangling.dataSources("vsphere_compute_cluster")[0]).problem).toMatch(
      /reads vsphere_compute_cluster "gone", which no stack of site s creates/,
    );
  });

  test("tags resolve to category and name across stacks", () => {
    const room = new RoomBuilder()
      .resource("vsphere", "vsphere_tag_category", "tier", { name: "criticality" })
      .resource("vsphere", "vsphere_tag", "crit", { name: "critical", category_id: "${vsphere_tag_category.tier.id}" })
      .data("t1", "vsphere_tag_category", "tier", { name: "criticality" })
      .data("t1", "vsphere_tag", "crit", { name: "critical", category_id: "${data.vsphere_tag_category.tier.id}" })
      .resource("t1", "vsphere_virtual_machine", "vm", { tags: ["${data.vsphere_tag.crit.id}", "${vsphere_tag.missing.id}"] })
      .build();
    const { tags, problems } = room.tagsOf(room.resources("vsphere_virtual_machine")[0]);
    expect(tags).toEqual([{ category: "criticality", name: "critical" }]);
    expect(problems).toEqual([expect.stringMatching(/refers to vsphere_tag.missing/)]);
  });

  test("the example output: every host joins its device, every tenant data source its core resource", () => {
    for (const room of buildRooms(exampleDocs())) {
      for (const host of room.resources("vsphere_host")) expect(room.deviceOfHost(host)?.role).toBe("esxi-host");
      for (const type of [
        "vsphere_compute_cluster",
        "vsphere_distributed_virtual_switch",
        "vsphere_datastore_cluster",
        "vsphere_datacenter",
      ])
        for (const d of room.dataSources(type)) expect(room.joinData(d).problem).toBeUndefined();
    }
  });
});
