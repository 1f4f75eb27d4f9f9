/**
 * Generates the FortiOS provider bindings into .gen/providers/fortios from providers/fortios/schema.json,
 * offline (no `cdktf get`, no provider download). Skips the work when the schema has not changed since
 * the last run (the schema's hash is kept beside the output). Runs before test, synth and bench.
 *
 * Deep imports on purpose: the package's main entry requires jsii-pacmak, which it does not declare.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type * as Commons from "@cdktf/commons";
import type { ProviderSchema } from "@cdktf/commons";
import type * as ProviderGenerator from "@cdktf/provider-generator/lib/get/generator/provider-generator";
import type * as Codemaker from "codemaker";
import { FORTIOS_PROVIDER } from "./provider-constraint";

/** The provider the bindings are for: registry source and version constraint written into required_providers. */
export { FORTIOS_PROVIDER };

const ROOT = join(__dirname, "..", "..");
const SCHEMA = join(__dirname, "schema.json");
const OUT = join(ROOT, ".gen");
const TARGET = join(OUT, "providers", "fortios");
const STAMP = join(TARGET, ".schema-sha256");

export async function generateFortiosBindings(force = false): Promise<"generated" | "up to date"> {
  const text = readFileSync(SCHEMA, "utf8");
  const hash = createHash("sha256").update(text).update(JSON.stringify(FORTIOS_PROVIDER)).digest("hex");
  if (!force && existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash) return "up to date";

  // @cdktf/commons runs `terraform version` when loaded and prints a warning without ~/.terraformrc;
  // generation needs no Terraform, so load it with an empty CLI configuration and only when needed.
  process.env.TF_CLI_CONFIG_FILE = "/dev/null";
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ConstructsMakerProviderTarget, Language, TerraformProviderConstraint } = require("@cdktf/commons") as typeof Commons;
  const { TerraformProviderGenerator } =
    require("@cdktf/provider-generator/lib/get/generator/provider-generator") as typeof ProviderGenerator;
  const { CodeMaker } = require("codemaker") as typeof Codemaker;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const schema = JSON.parse(text) as ProviderSchema;
  const tmp = join(OUT, `.fortios-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  generator.generate(new ConstructsMakerProviderTarget(new TerraformProviderConstraint(FORTIOS_PROVIDER), Language.TYPESCRIPT));
  await code.save(tmp);
  // Generated into <tmp>/providers/fortios; swap it in whole so a failed run leaves the old bindings.
  mkdirSync(join(OUT, "providers"), { recursive: true });
  rmSync(TARGET, { recursive: true, force: true });
  renameSync(join(tmp, "providers", "fortios"), TARGET);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(STAMP, hash);
  return "generated";
}

if (require.main === module) {
  generateFortiosBindings(process.argv.includes("--force")).then(
    (result) => result === "generated" && console.log("FortiOS bindings generated in .gen/providers/fortios"),
    (err: unknown) => {
      console.error(`FortiOS binding generation failed: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 3;
    },
  );
}
