import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluationDateWithSource } from "../../../cli/as-of";
import { checkSynthesized, REPORT_FILES, writeReports } from "../../../cli/compliance-output";
import { sourceRevision } from "../../../cli/source-revision";
import { ALL_RULES } from "../../../policies/rules";
import { catalogueVersion, providerVersions } from "../../../policies/report/provenance";
import { formatReport } from "../../../policies/report/formats";
import { AS_OF } from "../../shared-synth";
import { exampleOut, FIXED_REVISION, kvistrupDocs, kvistrupResult } from "./kvistrup-report";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const temp = () => mkdtempSync(join(tmpdir(), "room-reports-"));

describe("provenance", () => {
  const result = kvistrupResult();
  const p = result.provenance;

  test("every input file is listed relative to the input, and its sha256 is the file's", () => {
    expect(p.inputFiles.map((f) => f.path).sort()).toEqual(
      kvistrupDocs()
        .map((d) => `stacks/${d.stack}/cdk.tf.json`)
        .sort(),
    );
    for (const f of p.inputFiles) expect(f.sha256).toBe(sha256(readFileSync(join(exampleOut(), f.path))));
  });

  test("tool, catalogue, date and its source, the pinned revision, providers and schemas", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { name: string; version: string };
    expect(p.tool).toEqual({ name: pkg.name, version: pkg.version });
    expect(p.catalogue).toEqual({ version: catalogueVersion(ALL_RULES), rules: ALL_RULES.length });
    expect(p.evaluationDate).toEqual({ date: AS_OF, source: "--as-of" });
    expect(p.source).toEqual(FIXED_REVISION);
    expect(p.providers.map((v) => v.name)).toEqual(expect.arrayContaining(["fortios", "vsphere"]));
    expect(p.providers.find((v) => v.name === "fortios")).toEqual(
      expect.objectContaining({ source: "fortinetdev/fortios", version: "~> 1.25", stacks: expect.arrayContaining(["kvistrup-firewall"]) }),
    );
    expect(p.schemas.map((s) => s.name)).toEqual(["FortiOS provider schema subset", "facility vocabulary"]);
    expect(p.schemas.every((s) => /^[0-9a-f]{64}$/.test(s.sha256 ?? ""))).toBe(true);
    // Every format carries it.
    expect(JSON.parse(formatReport(result, "json")).provenance).toEqual(JSON.parse(JSON.stringify(p)));
    expect(formatReport(result, "md")).toContain(p.catalogue.version);
    expect(formatReport(result, "junit")).toContain(p.catalogue.version);
  });

  test("the catalogue version changes when any rule's version, severity, parameters or controls change", () => {
    const base = catalogueVersion(ALL_RULES);
    expect(catalogueVersion([...ALL_RULES].reverse())).toBe(base);
    const [first, ...rest] = ALL_RULES;
    const bumped = { ...first, meta: { ...first.meta, version: "9.9.9" } };
    expect(catalogueVersion([bumped, ...rest])).not.toBe(base);
    const severer = { ...first, meta: { ...first.meta, severity: first.meta.severity === "low" ? "high" : "low" } } as typeof first;
    expect(catalogueVersion([severer, ...rest])).not.toBe(base);
    const fewer = { ...first, meta: { ...first.meta, controls: first.meta.controls.slice(1) } };
    expect(catalogueVersion([fewer, ...rest])).not.toBe(base);
  });

  test("providers: the legacy version-string form and a requirement without source", () => {
    const docs = [
      { stack: "a", file: "a.tf.json", json: { terraform: { required_providers: { vsphere: "~> 2.0", random: { version: "3.7.2" } } } } },
      { stack: "b", file: "b.tf.json", json: { terraform: { required_providers: { vsphere: "~> 2.0" } } } },
    ];
    expect(providerVersions(docs)).toEqual([
      { name: "random", source: "hashicorp/random (implied)", version: "3.7.2", stacks: ["a"] },
      { name: "vsphere", source: "hashicorp/vsphere (implied)", version: "~> 2.0", stacks: ["a", "b"] },
    ]);
  });
});

describe("the evaluation date and where it came from", () => {
  const clock = () => new Date("2031-05-06T12:00:00Z");
  test("--as-of, else ROOM_AS_OF, else today's date", () => {
    expect(evaluationDateWithSource("2026-01-02", { ROOM_AS_OF: "2027-03-04" }, clock)).toEqual({ date: "2026-01-02", source: "--as-of" });
    expect(evaluationDateWithSource(undefined, { ROOM_AS_OF: "2027-03-04" }, clock)).toEqual({ date: "2027-03-04", source: "ROOM_AS_OF" });
    expect(evaluationDateWithSource(undefined, {}, clock)).toEqual({ date: "2031-05-06", source: "today's date" });
  });
});

describe("the input's revision (cli/source-revision.ts)", () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", ...args], {
      stdio: "pipe",
    });

  test("outside a repository it says so", () => {
    expect(sourceRevision(temp())).toEqual({ repository: "none", reason: "not in a git repository" });
  });

  test("in a repository: the commit, clean, then dirty once a file changes", () => {
    const dir = temp();
    git(dir, "init", "-q");
    writeFileSync(join(dir, "main.tf.json"), "{}\n");
    git(dir, "add", "main.tf.json");
    git(dir, "commit", "-q", "-m", "x");
    const commit = git(dir, "rev-parse", "HEAD").toString().trim();
    expect(sourceRevision(dir)).toEqual({ repository: "git", commit, dirty: false, changedPaths: 0 });
    writeFileSync(join(dir, "main.tf.json"), '{ "resource": {} }\n');
    expect(sourceRevision(dir)).toEqual({ repository: "git", commit, dirty: true, changedPaths: 1 });
  });

  test("git missing is no error", () => {
    expect(sourceRevision(temp(), join(temp(), "git"))).toEqual({
      repository: "none",
      reason: "git is not installed (the commit was not read)",
    });
  });
});

describe("writeReports", () => {
  test("writes report.md, report.json, report.sarif and junit.xml into <out>/compliance, and no temporary file", () => {
    const run = checkSynthesized([exampleOut()], { date: AS_OF, source: "--as-of" }, undefined, undefined, { revision: FIXED_REVISION });
    const out = temp();
    writeReports(out, run.result);
    const dir = join(out, "compliance");
    expect(readdirSync(dir).sort()).toEqual(REPORT_FILES.map(([name]) => name).sort());
    for (const [name, format] of REPORT_FILES) expect(readFileSync(join(dir, name), "utf8")).toBe(formatReport(run.result, format));
  });
});
