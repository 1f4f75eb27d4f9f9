/**
 * The yardstick for synth's speed: a bare cdktf program that re-creates the resources of a synthesized
 * output generically, one `TerraformResource` (data source, provider) per block with the same
 * configuration, and lets cdktf as it comes (none of synth's shortcuts) synthesize it. What synth does
 * beyond this is our own cost: loading and checking the specs, the constructs, the policy checks.
 *
 *   tsx bench/bare-cdktf.ts <synthesized output> <new output>   prints one JSON line of figures
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";

type Block = Record<string, unknown>;
type ByName = Record<string, Block>;

/** The configuration each generic element writes, set once it is made. */
const attributesOf = new WeakMap<object, Block>();

class GenericResource extends TerraformResource {
  protected synthesizeAttributes(): Block {
    return attributesOf.get(this) ?? {};
  }
}

class GenericDataSource extends TerraformDataSource {
  protected synthesizeAttributes(): Block {
    return attributesOf.get(this) ?? {};
  }
}

class GenericProvider extends TerraformProvider {
  protected synthesizeAttributes(): Block {
    return attributesOf.get(this) ?? {};
  }
}

/** An element of the given type with `attributes` as its configuration. */
function generic<T extends TerraformResource | TerraformDataSource | TerraformProvider>(element: T, attributes: Block): T {
  attributesOf.set(element, attributes);
  return element;
}

/** The configuration without cdktf's own metadata key, which cdktf writes anew. */
function withoutMetadata(block: Block): Block {
  return Object.fromEntries(Object.entries(block).filter(([key]) => key !== "//"));
}

export interface BareInput {
  stack: string;
  json: Record<string, unknown>;
}

/** Reads every stack of a synthesized output (the input of the bare program, not timed as synth). */
export function readSynthesizedStacks(outdir: string): BareInput[] {
  const stacksDir = join(outdir, "stacks");
  return readdirSync(stacksDir)
    .sort()
    .map((stack) => ({ stack, json: JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as Record<string, unknown> }));
}

/** Builds the same blocks generically and synthesizes them into `outdir`; returns the resource count. */
export function bareSynth(inputs: readonly BareInput[], outdir: string): number {
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, stackTraces: false, skipValidation: true });
  let resources = 0;
  for (const { stack: name, json } of inputs) {
    const stack = new TerraformStack(app, name);
    for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, ByName>))
      for (const [id, block] of Object.entries(byName)) {
        generic(new GenericResource(stack, `${type}.${id}`, { terraformResourceType: type }), withoutMetadata(block)).overrideLogicalId(id);
        resources++;
      }
    for (const [type, byName] of Object.entries((json.data ?? {}) as Record<string, ByName>))
      for (const [id, block] of Object.entries(byName))
        generic(
          new GenericDataSource(stack, `data.${type}.${id}`, { terraformResourceType: type }),
          withoutMetadata(block),
        ).overrideLogicalId(id);
    for (const [type, blocks] of Object.entries((json.provider ?? {}) as Record<string, Block[]>))
      blocks.forEach((block, i) => generic(new GenericProvider(stack, `provider.${type}.${i}`, { terraformResourceType: type }), block));
    // Everything else (backend, required providers, variables, outputs, import and removed blocks) as written.
    for (const [key, value] of Object.entries(json))
      if (!["//", "resource", "data", "provider"].includes(key)) stack.addOverride(key, value);
  }
  app.synth();
  return resources;
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    process.stderr.write("usage: bare-cdktf.ts <synthesized output> <new output>\n");
    process.exit(2);
  }
  const t0 = performance.now();
  const stacks = readSynthesizedStacks(input);
  const t1 = performance.now();
  // maxrss counts from the start of the process: the peak at the end of reading, then at the end of synth.
  const readPeakRssBytes = process.resourceUsage().maxRSS * 1024;
  const resources = bareSynth(stacks, output);
  const t2 = performance.now();
  process.stdout.write(
    JSON.stringify({
      resources,
      readMs: t1 - t0,
      synthMs: t2 - t1,
      readPeakRssBytes,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }) + "\n",
  );
}
