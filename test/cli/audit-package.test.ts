import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { basename, join } from "node:path";
import { schemaVersions, toolVersion } from "../../cli/compliance-output";
import { BIN_NAME, packAudit } from "../../cli/pack-audit";
import { AUDIT_MARKER } from "../../cli/report-file";
import { AS_OF, sharedSynth, tempDir } from "../helpers";

/**
 * The packed audit, run the way an auditor runs it: `npx --yes <tarball> audit <dir>` in a directory
 * far from this repository, with a private npm cache and --offline (the tarball has no dependencies,
 * so nothing is fetched). Built once for the file: bundling and packing take a few seconds.
 */
describe("the packed audit (npm run pack:audit): npx <tarball> audit, on Node alone", () => {
  let tarball = "";
  let work = "";
  let packageDir = "";

  beforeAll(async () => {
    const built = await packAudit(tempDir("audit-pack-"));
    packageDir = join(built, "..", "package");
    work = tempDir("auditor-");
    tarball = `./${basename(built)}`;
    copyFileSync(built, join(work, basename(built)));
  });

  /** npx in the auditor's directory: only PATH (for node and npm) from this environment, a cache of its own. */
  function npx(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync("npx", ["--yes", "--offline", tarball, ...args], {
      cwd: work,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: {
        PATH: process.env.PATH,
        HOME: join(work, "home"),
        npm_config_cache: join(work, "npm-cache"),
        npm_config_update_notifier: "false",
        npm_config_fund: "false",
        npm_config_audit: "false",
      },
    });
  }

  test("the package: one bundled file with a bin, the wasm and licences beside it, no dependencies; built in seconds", () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg.bin).toEqual({ [BIN_NAME]: `lib/${BIN_NAME}.js` });
    expect(pkg.dependencies).toBeUndefined();
    expect(readdirSync(packageDir).sort()).toEqual([
      "README.md",
      "THIRD-PARTY-LICENSES.txt",
      "lib",
      "main.wasm.gz",
      "package.json",
      "providers",
    ]);
    expect(readdirSync(join(packageDir, "lib"))).toEqual([`${BIN_NAME}.js`]);
    const bundle = readFileSync(join(packageDir, "lib", `${BIN_NAME}.js`), "utf8");
    expect(bundle.startsWith("#!/usr/bin/env node\n")).toBe(true);
    // Nothing left to resolve at run time but Node's own modules and the shim's unused "performance".
    // (ajv's code generator holds require("ajv/...") in strings, for standalone code: not calls.)
    const required = [...bundle.matchAll(/(?<!['`])\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? "");
    const packageOf = (r: string) =>
      r
        .split("/")
        .slice(0, r.startsWith("@") ? 2 : 1)
        .join("/");
    const left = required.filter((r) => !r.startsWith("node:") && !NODE_BUILTINS.has(r) && r !== "performance");
    expect([...new Set(left.map(packageOf))].sort()).toEqual([]);
  });

  test("the example output: exit 0 with the table; --format sarif --out writes the report", () => {
    const r = npx("audit", sharedSynth("examples").out, "--as-of", AS_OF);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^checks: \d+ rules over 2 site\(s\); /);
    expect(r.stdout).toMatch(/^no mandatory finding without a valid waiver in the stacks checked$/m);

    const sarif = npx("audit", sharedSynth("examples").out, "--format", "sarif", "--out", "audit.sarif", "--as-of", AS_OF);
    expect(sarif.status).toBe(0);
    const log = JSON.parse(readFileSync(join(work, "audit.sarif"), "utf8")) as { version: string; properties: { writtenBy: string } };
    expect(log.version).toBe("2.1.0");
    expect(log.properties.writtenBy).toBe(AUDIT_MARKER);
    // The same provenance as the repository's own run: the tool's version and the schemas it reads through.
    expect(npx("audit", sharedSynth("examples").out, "--out", "audit.json", "--as-of", AS_OF).status).toBe(0);
    const packed = JSON.parse(readFileSync(join(work, "audit.json"), "utf8")) as {
      provenance: { tool: unknown; schemas: unknown };
    };
    expect(packed.provenance.tool).toEqual(toolVersion());
    expect(packed.provenance.schemas).toEqual(schemaVersions());
  });

  test("foreign Terraform, .tf.json and .tf: the host without lockdown fails (exit 1) at its file and line", () => {
    mkdirSync(join(work, "vendor-json"));
    mkdirSync(join(work, "vendor-hcl"));
    writeFileSync(
      join(work, "vendor-json", "hosts.tf.json"),
      JSON.stringify({ resource: { vsphere_host: { "esx-01": { hostname: "esx-01.example.org", lockdown: "disabled" } } } }, null, 2),
    );
    writeFileSync(
      join(work, "vendor-hcl", "hosts.tf"),
      'resource "vsphere_host" "esx-01" {\n  hostname = "esx-01.example.org"\n  lockdown = "disabled"\n}\n',
    );
    for (const [dir, file, line] of [
      ["vendor-json", /(^|\/)hosts\.tf\.json$/, 4],
      ["vendor-hcl", /(^|\/)hosts\.tf$/, 1],
    ] as const) {
      const table = npx("audit", dir, "--as-of", AS_OF);
      expect(table.stderr).toBe("");
      expect(table.status).toBe(1);
      expect(table.stdout).toMatch(
        new RegExp(`^FAIL +VSP-LOCKDOWN +\\S+: vsphere_host\\.esx-01 at ${dir}/hosts\\.tf(\\.json)?:${line}$`, "m"),
      );
      const json = npx("audit", dir, "--format", "json", "--as-of", AS_OF);
      expect(json.status).toBe(1);
      const findings = (JSON.parse(json.stdout) as { findings: { rule: string; file?: string; line?: number }[] }).findings;
      const lockdown = findings.find((f) => f.rule === "VSP-LOCKDOWN");
      expect(lockdown?.line).toBe(line);
      expect(lockdown?.file).toMatch(file);
    }
    const broken = npx("audit", "no-such-dir");
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe("no-such-dir: no such file or directory\n");
  });

  test("Ctrl-C while the report is written: the run ends (exit 130), no temporary file stays, the report there keeps its contents", () => {
    const dir = join(work, "interrupted");
    mkdirSync(dir);
    const run = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        [join(packageDir, "lib", `${BIN_NAME}.js`), "audit", sharedSynth("examples").out, "--out", "report.md", "--as-of", AS_OF],
        {
          cwd: dir,
          encoding: "utf8",
          env: { PATH: process.env.PATH, ...env },
        },
      );
    expect(run({}).status).toBe(0);
    const before = readFileSync(join(dir, "report.md"), "utf8");
    expect(before.split("\n")[0]).toContain(AUDIT_MARKER);
    writeFileSync(join(dir, "report.md"), before + "<!-- the earlier run's report -->\n");
    const stopped = run({ ROOM_TEST_SIGNAL_AT: "report-temp-written" });
    expect(stopped.status).toBe(130);
    expect(readdirSync(dir)).toEqual(["report.md"]);
    expect(readFileSync(join(dir, "report.md"), "utf8")).toBe(before + "<!-- the earlier run's report -->\n");
  });
});

const NODE_BUILTINS = new Set(builtinModules);
