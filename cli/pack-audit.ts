import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build, type Metafile } from "esbuild";

/**
 * `npm run pack:audit`: the audit command as a package that needs nothing but Node. esbuild bundles
 * cli/room-as-code.ts (the audit and everything it imports, the JSON schemas included) into
 * lib/room-as-code.js; the files the bundle reads at run time are copied beside it, with the licences
 * of the bundled packages; the package.json has a `bin` and no dependencies. `npm pack` writes the
 * tarball into dist/audit/ (gitignored) and its path is printed.
 */

const ROOT = join(__dirname, "..");
/** Where `npm run pack:audit` assembles the package and writes the tarball. */
export const PACK_DIR = join(ROOT, "dist", "audit");
/** The command's name: `npx room-as-code audit <dir>`. */
export const BIN_NAME = "room-as-code";

/** Packages the bundle must not contain: it runs without them (the binding generator is no part of the audit either). */
const NOT_AT_RUN_TIME = [
  "cdktf",
  "constructs",
  "typescript",
  "tsx",
  "esbuild",
  "@cdktf/provider-vsphere",
  "@cdktf/provider-random",
  "@cdktf/commons",
  "@cdktf/provider-generator",
  "codemaker",
];

/**
 * Files the bundle reads beside its code at run time, each at the path its reader expects relative to
 * lib/ (where `__dirname` points in the bundle): @cdktf/hcl2json reads `join(__dirname, "..",
 * "main.wasm.gz")`; the reports' provenance hashes `<root>/providers/fortios/schema.json` (so a packed
 * audit names the same FortiOS schema as the repository's). `package`: shipped only when the bundle holds it.
 */
const RUNTIME_FILES: { package?: string; from: string; to: string }[] = [
  { package: "@cdktf/hcl2json", from: "node_modules/@cdktf/hcl2json/main.wasm.gz", to: "main.wasm.gz" },
  { from: "providers/fortios/schema.json", to: "providers/fortios/schema.json" },
];

/** Builds the package in `<dir>/package` and packs it into `dir`; returns the tarball's path. */
export async function packAudit(dir = PACK_DIR): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; license: string; engines: unknown };
  const packageDir = join(dir, "package");
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(join(packageDir, "lib"), { recursive: true });
  const { metafile } = await build({
    entryPoints: [join(__dirname, "room-as-code.ts")],
    outfile: join(packageDir, "lib", `${BIN_NAME}.js`),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    banner: { js: "#!/usr/bin/env node\n/* eslint-disable */" },
    // Each command file runs itself when it is the main module; in one bundle only the entry may.
    define: { "require.main": "undefined" },
    // hcl2json's Go wasm shim requires "performance" only where Node has no globalThis.performance (Node 20 has).
    external: ["performance"],
    metafile: true,
    logLevel: "warning",
  });
  const packages = bundledPackages(metafile);
  const unwanted = NOT_AT_RUN_TIME.filter((p) => packages.has(p));
  if (unwanted.length) throw new Error(`the bundle must not contain ${unwanted.join(", ")}: it has to run on Node alone`);
  const shipped = RUNTIME_FILES.filter((f) => f.package === undefined || packages.has(f.package));
  for (const f of shipped) {
    mkdirSync(dirname(join(packageDir, f.to)), { recursive: true });
    copyFileSync(join(ROOT, f.from), join(packageDir, f.to));
  }
  writeFileSync(join(packageDir, "THIRD-PARTY-LICENSES.txt"), licences(packages));
  writeFileSync(
    join(packageDir, "package.json"),
    JSON.stringify(
      {
        name: BIN_NAME,
        version: pkg.version,
        description: "The room-as-code policy audit of vSphere and FortiOS Terraform (HCL and JSON): one bundled file, needs only Node",
        license: pkg.license,
        engines: pkg.engines,
        bin: { [BIN_NAME]: `lib/${BIN_NAME}.js` },
        files: ["lib", "THIRD-PARTY-LICENSES.txt", ...shipped.map((f) => f.to)],
      },
      null,
      2,
    ) + "\n",
  );
  writeFileSync(
    join(packageDir, "README.md"),
    `# ${BIN_NAME}\n\n\`npx ${BIN_NAME} audit <path...>\` checks vSphere and FortiOS Terraform; \`npx ${BIN_NAME} audit --help\` lists the options.\n`,
  );
  const out = execFileSync("npm", ["pack", packageDir, "--pack-destination", dir, "--json", "--ignore-scripts"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  return join(dir, filename);
}

/** The npm packages the bundle was made of, by name (the innermost node_modules of each input). */
function bundledPackages(metafile: Metafile): Map<string, string> {
  const packages = new Map<string, string>();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.set(m[2], join(ROOT, m[1], m[2]));
  }
  return packages;
}

/** Each bundled package's licence text (its LICENSE file, else the license field of its package.json). */
function licences(packages: Map<string, string>): string {
  const parts = [...packages.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, dir]) => {
      const file = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"].map((f) => join(dir, f)).find((f) => existsSync(f));
      const text = file
        ? readFileSync(file, "utf8").trim()
        : `license: ${(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { license?: string }).license ?? "see the package"}`;
      return `== ${name}\n\n${text}\n`;
    });
  return `Packages bundled into lib/${BIN_NAME}.js, with their licences.\n\n${parts.join("\n")}`;
}

if (require.main === module) {
  packAudit().then(
    (tarball) => process.stdout.write(`${relative(process.cwd(), tarball) || tarball}\n`),
    (e: Error) => {
      process.stderr.write(`pack:audit failed: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
