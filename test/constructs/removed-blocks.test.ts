import { TerraformStack, Testing } from "cdktf";
import { DataVsphereDatacenter } from "@cdktf/provider-vsphere/lib/data-vsphere-datacenter";
import { Folder } from "@cdktf/provider-vsphere/lib/folder";
import { Tag } from "@cdktf/provider-vsphere/lib/tag";
import type { Construct } from "constructs";
import { removedBlocksFor } from "../../constructs/removed-blocks";
import { pinAddress } from "../../constructs/stable-address";
import { parse } from "./fixtures";

/** What a small object had: a folder, a tag and a data source (data sources are never "removed"). */
function drawThing(scope: Construct, name: string, withTag = true): void {
  const dc = pinAddress(new DataVsphereDatacenter(scope, `dc-${name}`, { name: "dc" }), "datacenter");
  pinAddress(new Folder(scope, `folder-${name}`, { path: name, type: "vm", datacenterId: dc.id }), name);
  if (withTag) pinAddress(new Tag(scope, `tag-${name}`, { name, categoryId: "cat" }), "tag", name);
}

const stackWith = (build: (stack: TerraformStack) => void) => {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return parse(Testing.synth(stack));
};

describe("removedBlocksFor", () => {
  test("removedBlocksFor lists exactly the rendered resources", () => {
    const json = stackWith((stack) => removedBlocksFor(stack, false, (scratch) => drawThing(scratch, "old")));
    expect(json.removed).toEqual([
      { from: "vsphere_folder.old", lifecycle: { destroy: false } },
      { from: "vsphere_tag.tag_old", lifecycle: { destroy: false } },
    ]);
  });

  test("removedBlocksFor lists exactly the rendered resources, except what stays", () => {
    const json = stackWith((stack) =>
      removedBlocksFor(stack, false, (scratch) => drawThing(scratch, "old"), { except: (scratch) => drawThing(scratch, "old", false) }),
    );
    expect(json.removed).toEqual([{ from: "vsphere_tag.tag_old", lifecycle: { destroy: false } }]);
  });

  test("objects are forgotten by default and destroyed only when the caller says so", () => {
    const json = stackWith((stack) => removedBlocksFor(stack, true, (scratch) => drawThing(scratch, "old", false)));
    expect(json.removed).toEqual([{ from: "vsphere_folder.old", lifecycle: { destroy: true } }]);
  });

  test("nothing drawn lands in the stack itself: only the removed blocks", () => {
    const json = stackWith((stack) => removedBlocksFor(stack, false, (scratch) => drawThing(scratch, "old")));
    expect(json.resource).toBeUndefined();
    expect(json.data).toBeUndefined();
  });

  test("blocks from several calls accumulate, sorted by address, each address once", () => {
    const json = stackWith((stack) => {
      removedBlocksFor(stack, false, (scratch) => drawThing(scratch, "zeta", false));
      removedBlocksFor(stack, false, (scratch) => drawThing(scratch, "alpha", false));
      removedBlocksFor(stack, false, (scratch) => drawThing(scratch, "alpha", false));
    });
    expect(json.removed.map((b: { from: string }) => b.from)).toEqual(["vsphere_folder.alpha", "vsphere_folder.zeta"]);
  });

  test("each stack keeps its own removed blocks", () => {
    const app = Testing.app();
    const one = new TerraformStack(app, "one");
    const two = new TerraformStack(app, "two");
    removedBlocksFor(one, false, (scratch) => drawThing(scratch, "a", false));
    removedBlocksFor(two, false, (scratch) => drawThing(scratch, "b", false));
    expect(parse(Testing.synth(one)).removed).toEqual([{ from: "vsphere_folder.a", lifecycle: { destroy: false } }]);
    expect(parse(Testing.synth(two)).removed).toEqual([{ from: "vsphere_folder.b", lifecycle: { destroy: false } }]);
  });

  test("nothing to remove: no removed key at all", () => {
    const json = stackWith((stack) => removedBlocksFor(stack, false, () => undefined));
    expect(json).not.toHaveProperty("removed");
  });
});
