import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli/audit";
import { AUDIT_MARKER, AUDIT_MARKER_LINE } from "../../cli/report-file";
import { PACKS } from "../../policies/packs";
import { REPORT_FORMATS } from "../../policies/report/formats";
import { AS_OF, escapeRegExp as escape, outputCollector, sharedSynth, tempDir } from "../helpers";

/** `npm run audit`, in-process: its exit code and what it printed. */
async function audit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = outputCollector();
  const err = outputCollector();
  const code = await main(args, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

interface JsonReport {
  writtenBy: string;
  evaluationDate: string;
  packs: { id: string; rules: string[] }[];
  rules: { id: string; params: Record<string, Record<string, unknown>> }[];
  findings: { rule: string; outcome: string; address: string; file?: string; line?: number; blocking: boolean }[];
  waivers: { id: string }[];
}

/** What each file format looks like when the audit wrote it: the marker where that format carries it. */
const MARKED: Record<Exclude<(typeof REPORT_FORMATS)[number], "table">, (text: string) => void> = {
  md: (text) => expect(text.split("\n")[0]).toBe(AUDIT_MARKER_LINE),
  json: (text) => expect((JSON.parse(text) as JsonReport).writtenBy).toBe(AUDIT_MARKER),
  sarif: (text) => {
    const log = JSON.parse(text) as { version: string; properties: { writtenBy: string }; runs: unknown[] };
    expect(log.version).toBe("2.1.0");
    expect(log.properties.writtenBy).toBe(AUDIT_MARKER);
    expect(log.runs).toHaveLength(1);
  },
  junit: (text) => {
    const [declaration, marker, suites] = text.split("\n");
    expect(declaration).toMatch(/^<\?xml version="1\.0"/);
    expect(marker).toBe(AUDIT_MARKER_LINE);
    // An XML comment may not hold "--".
    expect(marker?.slice(4, -3)).not.toContain("--");
    expect(suites).toMatch(/^<testsuites /);
  },
};
const FILE_FORMATS = REPORT_FORMATS.filter((f) => f !== "table");

/** A vsphere_host as the provider's documentation writes one, lockdown disabled, in JSON and in HCL. */
const HOST_JSON = JSON.stringify(
  {
    resource: {
      vsphere_host: { "esx-01": { hostname: "esx-01.example.org", username: "root", password: "${var.pw}", lockdown: "disabled" } },
    },
  },
  null,
  2,
);
const HOST_HCL = `variable "pw" {
  type      = string
  sensitive = true
}

resource "vsphere_host" "esx-01" {
  hostname = "esx-01.example.org"
  username = "root"
  password = var.pw
  lockdown = "disabled"
}
`;

describe("npm run audit", () => {
  const examples = () => sharedSynth("examples").out;
  const printed = new Map<string, string>();

  test("the example output passes in every format (exit 0): the table by default, each report on stdout with its marker", async () => {
    const table = await audit(examples(), "--as-of", AS_OF);
    expect(table.stderr).toBe("");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^checks: \d+ rules over 2 site\(s\); /);
    expect(table.stdout).toMatch(/^no mandatory finding without a valid waiver in the stacks checked$/m);
    expect(table.stdout).toMatch(new RegExp(`^evaluation date ${AS_OF}$`, "m"));
    for (const format of FILE_FORMATS) {
      const r = await audit(examples(), "--format", format, "--as-of", AS_OF);
      expect({ format, code: r.code, stderr: r.stderr }).toEqual({ format, code: 0, stderr: "" });
      MARKED[format](r.stdout);
      printed.set(format, r.stdout);
    }
    expect((JSON.parse(printed.get("json") ?? "") as JsonReport).evaluationDate).toBe(AS_OF);
  });

  test("--out writes each format whole, the same bytes it prints, leaves no temporary file, and prints the table", async () => {
    const dir = tempDir("audit-out-");
    for (const format of FILE_FORMATS) {
      const file = join(dir, `report-${format}`);
      const r = await audit(examples(), "--format", format, "--out", file, "--as-of", AS_OF);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(`^no mandatory finding without a valid waiver in the stacks checked; report in ${escape(file)}$`, "m"),
      );
      expect(readFileSync(file, "utf8")).toBe(printed.get(format));
    }
    expect(readdirSync(dir).sort()).toEqual(FILE_FORMATS.map((f) => `report-${f}`).sort());
  });

  test("--out replaces a report the audit wrote (in any format), and the name gives the format when --format is not given", async () => {
    const dir = tempDir("audit-again-");
    const file = join(dir, "audit.sarif");
    expect((await audit(examples(), "--out", file, "--as-of", AS_OF)).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(printed.get("sarif"));
    expect((await audit(examples(), "--out", file, "--format", "md", "--as-of", AS_OF)).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(printed.get("md"));
    const xml = join(dir, "junit.xml");
    expect((await audit(examples(), "--out", xml, "--as-of", AS_OF)).code).toBe(0);
    expect(readFileSync(xml, "utf8")).toBe(printed.get("junit"));
    const unnamed = await audit(examples(), "--out", join(dir, "report.txt"), "--as-of", AS_OF);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/^--out .*report\.txt: give --format \(the name does not end in \.md, \.json, \.sarif or \.xml\)$/m);
  });

  test("--out never overwrites a file the audit did not write, follows no link, and needs its directory: exit 2, nothing changed", async () => {
    const dir = tempDir("audit-refuse-");
    const notes = join(dir, "notes.md");
    writeFileSync(notes, "# My notes\n\nNot a report.\n");
    const refused = await audit(examples(), "--format", "md", "--out", notes, "--as-of", AS_OF);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `--out ${notes}: the file exists and was not written by the audit (it does not carry the line or field "${AUDIT_MARKER}"); it was left unchanged: choose another file or remove it\n`,
    );
    expect(readFileSync(notes, "utf8")).toBe("# My notes\n\nNot a report.\n");
    // A JSON file that merely mentions the marker somewhere else is not one of ours either.
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ note: AUDIT_MARKER }));
    expect((await audit(examples(), "--out", other, "--as-of", AS_OF)).code).toBe(2);
    expect(readFileSync(other, "utf8")).toBe(JSON.stringify({ note: AUDIT_MARKER }));

    const link = join(dir, "link.md");
    symlinkSync(notes, link);
    const viaLink = await audit(examples(), "--out", link, "--as-of", AS_OF);
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toMatch(/is a symbolic link, not a report file/);
    expect(readFileSync(notes, "utf8")).toBe("# My notes\n\nNot a report.\n");

    const missingDir = await audit(examples(), "--out", join(dir, "no-such-dir", "r.md"), "--as-of", AS_OF);
    expect(missingDir.code).toBe(2);
    expect(missingDir.stderr).toBe(
      `--out ${join(dir, "no-such-dir", "r.md")}: directory ${join(dir, "no-such-dir")} does not exist; create it first\n`,
    );
    expect(readdirSync(dir).sort()).toEqual(["link.md", "notes.md", "other.json"]);
  });

  test("--pack runs only the packs named (repeatable or comma-separated); an unknown pack is a usage error listing the packs", async () => {
    const one = JSON.parse(
      (await audit(examples(), "--format", "json", "--pack", "fortigate-baseline", "--as-of", AS_OF)).stdout,
    ) as JsonReport;
    expect(one.packs.map((p) => p.id)).toEqual(["fortigate-baseline"]);
    const fortigate = PACKS.find((p) => p.id === "fortigate-baseline")?.rules ?? [];
    expect(one.rules.map((r) => r.id).sort()).toEqual([...fortigate].sort());
    expect(one.findings.filter((f) => !f.rule.startsWith("ENGINE-") && !fortigate.includes(f.rule))).toEqual([]);

    const two = JSON.parse(
      (await audit(examples(), "--format", "json", "--pack", "redundancy", "--pack", "denmark,fortigate-baseline", "--as-of", AS_OF))
        .stdout,
    ) as JsonReport;
    expect(two.packs.map((p) => p.id).sort()).toEqual(["denmark", "fortigate-baseline", "redundancy"]);

    const unknown = await audit(examples(), "--pack", "redundancy", "--pack", "gdpr", "--as-of", AS_OF);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr.split("\n")[0]).toBe(`--pack gdpr: no such pack; expected one of ${PACKS.map((p) => p.id).join(", ")}`);
  });

  test("--as-of is the evaluation date: a year on, the restore tests on record are overdue (exit 1); a bad date is exit 2", async () => {
    const later = await audit(examples(), "--format", "json", "--as-of", "2027-11-22");
    expect(later.code).toBe(1);
    const report = JSON.parse(later.stdout) as JsonReport;
    expect(report.evaluationDate).toBe("2027-11-22");
    expect(report.findings.some((f) => f.rule === "BKP-RESTORE-TEST" && f.outcome === "fail" && f.blocking)).toBe(true);
    const bad = await audit(examples(), "--as-of", "22.11.2026");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--as-of: expected a date as YYYY-MM-DD, found "22\.11\.2026"$/m);
  });

  test("--params overrides rule parameters for every site, with a reason; a parameter no rule has is exit 2 at its line", async () => {
    const dir = tempDir("audit-params-");
    const params = join(dir, "params.yaml");
    writeFileSync(
      params,
      "parameters:\n  BKP-RESTORE-TEST:\n    maxAgeDays: 1\n    reason: The auditor's sample asks for a restore test every day.\n",
    );
    const r = await audit(examples(), "--format", "json", "--params", params, "--as-of", AS_OF);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const rule = report.rules.find((x) => x.id === "BKP-RESTORE-TEST");
    expect(Object.values(rule?.params ?? {}).map((p) => p.maxAgeDays)).toEqual([1, 1]);
    expect(report.findings.some((f) => f.rule === "BKP-RESTORE-TEST" && f.outcome === "fail")).toBe(true);

    writeFileSync(
      params,
      "parameters:\n  BKP-RESTORE-TEST:\n    maxAgeDayz: 1\n    reason: The auditor's sample asks for a restore test every day.\n",
    );
    const bad = await audit(examples(), "--params", params, "--as-of", AS_OF);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(
      new RegExp(`^${escape(params)}:3:5: .*rule BKP-RESTORE-TEST has no parameter maxAgeDayz; expected one of maxAgeDays`, "m"),
    );
  });

  test("--waivers adds waivers to the artifact's (every report lists them); a waivers file naming an unknown site is exit 2", async () => {
    const dir = tempDir("audit-waivers-");
    const file = join(dir, "waivers.yaml");
    writeFileSync(
      file,
      [
        "site: fjordvik",
        "waivers:",
        "  - id: auditor-sample",
        "    kind: risk-acceptance",
        "    rule: VSP-SECUREBOOT",
        '    target: "vsphere_virtual_machine.not-in-the-room"',
        "    reason: Written by the test to show that a --waivers file is read.",
        "    approver: ingrid-solberg",
        "    ticket: IKT-2026-0999",
        '    approved: "2026-11-20"',
        '    expires: "2027-01-15"',
        "    renewals: 0",
        "",
      ].join("\n"),
    );
    const r = await audit(examples(), "--format", "json", "--waivers", file, "--as-of", AS_OF);
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as JsonReport).waivers.map((w) => w.id)).toContain("auditor-sample");
    writeFileSync(file, readFileSync(file, "utf8").replace("site: fjordvik", "site: nowhere"));
    const bad = await audit(examples(), "--waivers", file, "--as-of", AS_OF);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${escape(file)}:1:\\d+: .*no site nowhere in the input`, "m"));
  });

  test("exit 1: the tiny fixture's output, and a mutated example file (the backup room moved into the primary room's fire cell)", async () => {
    const tiny = await audit(sharedSynth("tiny").out, "--as-of", AS_OF);
    expect(tiny.code).toBe(1);
    expect(tiny.stdout).toMatch(/^\d+ mandatory finding\(s\) without a valid waiver in the stacks checked: exit 1$/m);

    const copy = join(tempDir(), "out");
    cpSync(examples(), copy, { recursive: true });
    const file = join(copy, "stacks", "kvistrup-facility", "cdk.tf.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"fireCell": "BC-C4"', '"fireCell": "BC-A2"'));
    const mutated = await audit(copy, "--format", "json", "--as-of", AS_OF);
    expect(mutated.code).toBe(1);
    const fail = (JSON.parse(mutated.stdout) as JsonReport).findings.find((f) => f.rule === "PHY-FIRE-SEP" && f.blocking);
    expect(fail?.address).toBe("terraform_data.room_serverrum-b");
  });

  test("foreign Terraform, JSON and HCL: the host without lockdown fails at its file and line (exit 1)", async () => {
    const dir = tempDir("audit-foreign-");
    mkdirSync(join(dir, "json"));
    mkdirSync(join(dir, "hcl"));
    writeFileSync(join(dir, "json", "hosts.tf.json"), HOST_JSON);
    writeFileSync(join(dir, "hcl", "hosts.tf"), HOST_HCL);
    for (const [path, line] of [
      [join(dir, "json", "hosts.tf.json"), 4],
      [join(dir, "hcl"), 6],
    ] as const) {
      const r = await audit(path, "--format", "json", "--as-of", AS_OF);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      const lockdown = (JSON.parse(r.stdout) as JsonReport).findings.find((f) => f.rule === "VSP-LOCKDOWN");
      expect(lockdown).toMatchObject({ outcome: "fail", address: "vsphere_host.esx-01", line });
      expect(lockdown?.file).toMatch(/hosts\.tf(\.json)?$/);
    }
  });

  test("exit 2 with one clear line: unknown format, missing path, broken JSON and HCL named with file and line, unknown site, no path", async () => {
    const format = await audit(examples(), "--format", "pdf");
    expect(format.code).toBe(2);
    expect(format.stderr.split("\n")[0]).toBe("--format pdf: expected one of table, md, json, sarif, junit");

    const dir = tempDir("audit-bad-");
    const missing = await audit(join(dir, "nothing-here"), "--as-of", AS_OF);
    expect(missing).toEqual({ code: 2, stdout: "", stderr: `${join(dir, "nothing-here")}: no such file or directory\n` });

    const broken = join(dir, "broken.tf.json");
    writeFileSync(broken, '{\n  "resource": {\n    "vsphere_host": {\n      oops\n    }\n  }\n}\n');
    const json = await audit(broken, "--as-of", AS_OF);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe("");
    expect(json.stderr).toMatch(new RegExp(`^${escape(broken)}: not valid JSON \\(line 4, column 7: .+\\)\\n$`));

    const hclDir = join(dir, "hcl");
    mkdirSync(hclDir);
    writeFileSync(join(hclDir, "main.tf"), 'resource "vsphere_host" "h" {\n  hostname = "a\n}\n');
    const hcl = await audit(hclDir, "--as-of", AS_OF);
    expect(hcl.code).toBe(2);
    expect(hcl.stdout).toBe("");
    expect(hcl.stderr).toMatch(new RegExp(`^${escape(join(hclDir, "main.tf"))}:2:\\d+: .+\\n$`));
    expect(hcl.stderr).not.toMatch(/\n +at /);

    const site = await audit(examples(), "--site", "atlantis", "--as-of", AS_OF);
    expect(site).toEqual({ code: 2, stdout: "", stderr: "--site atlantis: the input has no site atlantis (it has fjordvik, kvistrup)\n" });

    const none = await audit();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^expected the Terraform to audit/);
    expect(none.stderr).toMatch(/^usage: npm run audit -- <path\.\.\.>/m);
  });

  test("--help shows the options and an example on foreign Terraform", async () => {
    const r = await audit("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run audit -- <path\.\.\.> \[--format table\|md\|json\|sarif\|junit\]/);
    expect(r.stdout).toMatch(/^Example, on Terraform someone else wrote:$/m);
    expect(r.stdout).toContain(`--pack     run only this pack (repeatable, or comma-separated): ${PACKS.map((p) => p.id).join(", ")}`);
  });
});
