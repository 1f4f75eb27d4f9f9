import { App, TerraformOutput } from "cdktf";
import { Pet } from "@cdktf/provider-random/lib/pet";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { Intrinsic } from "cdktf/lib/tokens/private/intrinsic";
import { newApp, synthesizeSites } from "../../cli/synthesize";
import { CDKTF_VERSION_READ, installedCdktfVersion } from "../../stacks/cdktf-version";
import { useCdktfShortcuts } from "../../stacks/cdktf-shortcuts";
import { RoomStack } from "../../stacks/room-stack";
import { EXAMPLES, load, tempDir, treeOf } from "../helpers";

/**
 * Synth's cdktf shortcuts (stacks/cdktf-shortcuts.ts) rely on cdktf internals read in one version. These
 * tests pin that version and check, against it, that the shortcuts change no byte of the output.
 */
afterEach(() => useCdktfShortcuts(true));

function synthTree(shortcuts: boolean): Map<string, Buffer> {
  const out = tempDir("shortcuts-");
  const loaded = load(EXAMPLES);
  process.env.ROOM_CDKTF_SHORTCUTS = shortcuts ? "on" : "off";
  try {
    synthesizeSites(newApp(out), loaded);
  } finally {
    delete process.env.ROOM_CDKTF_SHORTCUTS;
  }
  return treeOf(out);
}

test(`cdktf is the version the shortcuts were read in (${CDKTF_VERSION_READ}); after an upgrade read stacks/room-stack.ts and stacks/cdktf-creation-stacks.ts again`, () => {
  expect(installedCdktfVersion()).toBe(CDKTF_VERSION_READ);
});

test("the example sites synthesize to the same bytes with and without the shortcuts", () => {
  const plain = synthTree(false);
  const fast = synthTree(true);
  expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
  expect(plain.size).toBeGreaterThan(10);
  for (const [file, bytes] of plain) expect({ file, same: fast.get(file)?.equals(bytes) }).toEqual({ file, same: true });
});

test("with the shortcuts a token records no creation stack; without, it records where it was made", () => {
  useCdktfShortcuts(true);
  expect(new Intrinsic("x").creationStack).toEqual([]);
  useCdktfShortcuts(false);
  expect(new Intrinsic("x").creationStack.join("\n")).toContain("cdktf-shortcuts.test");
});

/** Two room stacks, `b` using a value of a resource in `a`. */
function crossStackApp(): App {
  const app = new App({ outdir: tempDir("cross-"), skipValidation: true });
  const a = new RoomStack(app, "a");
  new RandomProvider(a, "random");
  const source = new Pet(a, "source", {});
  const b = new RoomStack(app, "b");
  new RandomProvider(b, "random");
  new Pet(b, "user", { keepers: { from: source.id } });
  return app;
}

test("a value of one room stack used in another fails synth with the shortcuts, naming both stacks", () => {
  useCdktfShortcuts(true);
  expect(() => crossStackApp().synth()).toThrow("a value of stack a is used in stack b");
});

test("without the shortcuts cdktf wires the same cross-stack value through an output (what the shortcut refuses)", () => {
  useCdktfShortcuts(false);
  const app = crossStackApp();
  app.synth();
  const a = app.node.findChild("a") as RoomStack;
  expect(a.node.children.some((c) => TerraformOutput.isTerraformOutput(c))).toBe(true);
});

test.each([
  ["stack-level overrides, resolved once more as a whole", false],
  ["overrides and an output, synthesized by cdktf's own code", true],
])("a stack with %s: the document cdktf makes", (_what, withOutput) => {
  const build = (shortcuts: boolean) => {
    useCdktfShortcuts(shortcuts);
    const app = new App({ outdir: tempDir("override-"), skipValidation: true });
    const stack = new RoomStack(app, "s");
    new RandomProvider(stack, "random");
    const r = new Pet(stack, "r", {});
    stack.addOverride("locals.id", r.id);
    stack.addOverride("terraform.backend.s3.use_lockfile", true);
    stack.addOverride("removed", [{ from: "random_pet.gone", lifecycle: { destroy: false } }]);
    if (withOutput) new TerraformOutput(stack, "out", { value: r.id });
    return stack.toTerraform();
  };
  const fast = build(true);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(build(false)));
  expect(fast.locals).toEqual({ id: "${random_pet.r.id}" });
  expect((fast["//"] as { metadata: { overrides?: unknown } }).metadata.overrides).toEqual({ stack: ["locals", "terraform", "removed"] });
});
