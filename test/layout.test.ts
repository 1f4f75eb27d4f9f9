import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ROOT } from "./helpers";

/**
 * Data flows one way: spec -> plan -> constructs -> stacks -> cli (README "Layout"). Each folder may
 * import only itself and the folders before it; spec/ and plan/ are pure data and never load cdktf.
 * contracts/ (what constructs write and policies read) imports nothing; policies/ reads only
 * synthesized JSON, so it imports neither spec/ nor constructs/, only the contracts.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  contracts: ["contracts"],
  spec: ["contracts", "spec", "schema"],
  plan: ["contracts", "spec", "plan"],
  constructs: ["contracts", "spec", "plan", "constructs", ".gen"],
  stacks: ["contracts", "spec", "plan", "constructs", "stacks", ".gen"],
  policies: ["contracts", "policies"],
  // cli/ also reads the package manifest (the tool's version) and the FortiOS provider constraint.
  cli: ["contracts", "spec", "plan", "constructs", "stacks", "policies", "cli", ".gen", "providers", "package.json"],
};
const PURE = new Set(["contracts", "spec", "plan", "policies"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** Every module a file imports or requires, as written. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, "utf8");
  return [...text.matchAll(/(?:from\s+|require\(|import\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
}

describe("layout: contracts; spec -> plan -> constructs -> stacks -> cli; policies read only contracts", () => {
  test.each(Object.entries(MAY_IMPORT))("%s/ imports only from %j", (folder, allowed) => {
    const wrong: string[] = [];
    const files = sourceFiles(join(ROOT, folder));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const spec of importsOf(file)) {
        const at = `${relative(ROOT, file)} imports ${spec}`;
        if (spec.startsWith(".")) {
          const top = relative(ROOT, resolve(dirname(file), spec)).split(/[\\/]/)[0];
          if (!allowed.includes(top)) wrong.push(at);
          // @cdktf/hcl2json is HashiCorp's HCL parser (wasm), no part of cdktf: the audit reads .tf with it.
        } else if (PURE.has(folder) && /^(cdktf|constructs|@cdktf\/(?!hcl2json$))/.test(spec)) {
          wrong.push(at);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
