import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";

const blocks = new WeakMap<TerraformStack, { from: string; lifecycle: { destroy: boolean } }[]>();

/**
 * Adds a Terraform `removed` block: the object leaves the configuration; Terraform forgets it
 * (destroy = false) or, where the spec explicitly approves, destroys it. cdktf 0.21 has no construct
 * for `removed`, so the blocks are written as a stack-level override.
 */
function addRemovedBlock(stack: TerraformStack, address: string, destroy: boolean): void {
  const list = blocks.get(stack) ?? [];
  if (list.some((b) => b.from === address)) return;
  list.push({ from: address, lifecycle: { destroy } });
  list.sort((a, b) => a.from.localeCompare(b.from));
  blocks.set(stack, list);
  stack.addOverride("removed", list);
}

/**
 * Every resource address `render` draws into a scratch stack. The scratch app gets a temporary
 * directory of its own: a cdktf App creates its outdir (default ./cdktf.out) when it is constructed.
 */
function renderedAddresses(render: (scratch: TerraformStack) => void): Set<string> {
  const outdir = mkdtempSync(join(tmpdir(), "room-scratch-"));
  try {
    const scratch = new TerraformStack(new App({ outdir, skipValidation: true }), "scratch");
    render(scratch);
    const resources = (scratch.toTerraform() as { resource?: Record<string, Record<string, unknown>> }).resource ?? {};
    return new Set(Object.entries(resources).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The one way something leaves the configuration: `render` draws what the object had (with the same
 * code that draws it while it is managed) into a scratch stack, and every resource address that
 * rendering produces gets a `removed` block in `stack`; `except` draws what stays (a tenant without
 * the removed VM), whose addresses are left out. Nothing is listed by hand, so the addresses cannot
 * drift from the ones the object had.
 */
export function removedBlocksFor(
  stack: TerraformStack,
  destroy: boolean,
  render: (scratch: TerraformStack) => void,
  options: { except?: (scratch: TerraformStack) => void } = {},
): void {
  const stays = options.except ? renderedAddresses(options.except) : new Set<string>();
  for (const address of renderedAddresses(render)) if (!stays.has(address)) addRemovedBlock(stack, address, destroy);
}
