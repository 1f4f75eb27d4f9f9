import type { TerraformStack } from "cdktf";

const blocks = new WeakMap<TerraformStack, { from: string; lifecycle: { destroy: boolean } }[]>();

/**
 * Adds a Terraform `removed` block: the object leaves the configuration; Terraform forgets it
 * (destroy = false) or, where the spec explicitly approves, destroys it. cdktf 0.21 has no construct
 * for `removed`, so the blocks are written as a stack-level override.
 */
export function addRemovedBlock(stack: TerraformStack, address: string, destroy: boolean): void {
  const list = blocks.get(stack) ?? [];
  list.push({ from: address, lifecycle: { destroy } });
  list.sort((a, b) => a.from.localeCompare(b.from));
  blocks.set(stack, list);
  stack.addOverride("removed", list);
}
