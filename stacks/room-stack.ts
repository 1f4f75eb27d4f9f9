/**
 * The stacks of a room: cdktf's TerraformStack, synthesized with two of its passes left out. Both are
 * whole walks of every value of every resource through cdktf's token resolver, and neither changes a
 * byte of our stacks:
 *
 * 1. `prepareStack` resolves every element once in "preparing" mode before the real synthesis. That
 *    pass exists for cross-stack references (a token of one stack used in another, which cdktf turns
 *    into an output and a remote-state data source). Our stacks never share tokens: each reads what it
 *    needs of the others through data sources by name. The pass is skipped; a reference that would
 *    have needed it fails synth loudly (see `refuseCrossStackReferences`) instead of being written
 *    wrong.
 * 2. `toTerraform` resolves each element, merges the fragments, and then resolves the merged document
 *    once more. That last pass only matters for tokens in stack-level overrides (`addOverride` on the
 *    stack) or outputs. A stack without overrides is written as merged; one with them (the S3
 *    backend's `use_lockfile`, `removed` blocks) is resolved once more as a whole, as cdktf does; a
 *    stack with outputs (ours have none) is synthesized by cdktf's own code.
 *
 * The one pass left resolves only where a value holds a token (stacks/resolve-tokens-only.ts).
 *
 * Read in cdktf 0.21.0 (lib/terraform-stack.js, lib/tfExpression.js, lib/tokens/private/resolve.js); the shortcuts apply to that
 * exact version only. test/stacks/cdktf-shortcuts.test.ts synthesizes the example sites both ways and
 * compares every byte, and fails on any other cdktf version.
 */
import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { CDKTF_VERSION_READ, installedCdktfVersion } from "./cdktf-version";
import { resolveTokensOnly } from "./resolve-tokens-only";

/* eslint-disable @typescript-eslint/no-require-imports */
const { deepMerge } = require("cdktf/lib/util") as { deepMerge: (target: unknown, ...sources: unknown[]) => unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

let shortcuts = true;

/** Whether room stacks leave out the two passes (true by default; false: cdktf's own synthesis). */
export function useStackShortcuts(on: boolean): void {
  shortcuts = on;
  if (on) refuseCrossStackReferences();
}

const shortcutsApply = () => shortcuts && installedCdktfVersion() === CDKTF_VERSION_READ;

/** The private state of cdktf's TerraformStack that its toTerraform reads (0.21.0). */
interface StackInternals {
  rawOverrides: Record<string, unknown>;
  cdktfVersion: string;
}

export class RoomStack extends TerraformStack {
  prepareStack(): void {
    if (!shortcutsApply()) return super.prepareStack();
    this.ensureBackendExists(); // the other half of cdktf's prepareStack
  }

  toTerraform(): Record<string, unknown> {
    const internals = this as unknown as StackInternals;
    const elements = terraformElements(this);
    if (!shortcutsApply() || elements.some((e) => TerraformOutput.isTerraformOutput(e)))
      return super.toTerraform() as Record<string, unknown>;
    // cdktf 0.21.0's TerraformStack.toTerraform, step by step, resolving the merged result again only
    // where stack-level overrides were merged into it (the S3 backend's lock file, removed blocks).
    const overrides = Object.keys(internals.rawOverrides);
    const metadata = {
      version: internals.cdktfVersion,
      stackName: this.node.id,
      backend: "local",
      cloud: undefined,
      ...(overrides.length > 0 ? { overrides: { stack: overrides } } : {}),
    };
    for (const element of elements) deepMerge(metadata, resolveTokensOnly(this, element.toMetadata()));
    const tf: Record<string, unknown> = { "//": { metadata, outputs: {} } };
    for (const element of elements) deepMerge(tf, resolveTokensOnly(this, element.toTerraform()));
    if (overrides.length === 0) return tf;
    deepMerge(tf, internals.rawOverrides);
    return resolveTokensOnly(this, tf) as Record<string, unknown>;
  }
}

/** The stack's Terraform elements in construct order, not descending into nested stacks (as cdktf walks them). */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) terraformElements(child, into);
  return into;
}

interface ReferenceInternals {
  originStack?: TerraformStack;
  crossStackIdentifier: Record<string, string>;
}
interface ResolveContext {
  preparing: boolean;
  scope: IConstruct;
}

let refusing = false;

/**
 * Without the preparing pass, a token of one stack resolved in another would be written as a plain
 * reference to a resource that stack does not hold. Make that an error at synth, naming both stacks.
 */
function refuseCrossStackReferences(): void {
  if (refusing || installedCdktfVersion() !== CDKTF_VERSION_READ) return;
  refusing = true;
  // The class is not exported; `ref` makes one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ref } = require("cdktf/lib/tfExpression") as { ref: (identifier: string) => object };
  const reference = Object.getPrototypeOf(ref("probe")) as { resolve: (this: ReferenceInternals, context: ResolveContext) => unknown };
  const cdktfResolve = reference.resolve;
  reference.resolve = function (this: ReferenceInternals, context: ResolveContext) {
    if (shortcutsApply() && !context.preparing && this.originStack) {
      const here = TerraformStack.of(context.scope);
      if (here !== this.originStack && !(here.toString() in this.crossStackIdentifier))
        throw new Error(
          `a value of stack ${this.originStack.node.id} is used in stack ${here.node.id}: room stacks do not share tokens (read it through a data source)`,
        );
    }
    return cdktfResolve.call(this, context);
  };
}
