import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, copySites, edit, EXAMPLES, lineOf, runSynth, sharedSynth, tempDir } from "../helpers";

/**
 * End-to-end tests of synth's policy gate: it holds per stack, waivers.yaml and policy.yaml beside a
 * site change it (and show in the report), their mistakes are input errors naming file and line, and
 * the reports are deterministic.
 */

const KVI = "kvistrup/site.yaml";
/** kvistrup's backup-room UPS on path A: two 6 kW modules for a 1.2 kW load. */
const BACKUP_UPS_A = "board: backup-board-a, modules: [{ kw: 6 }, { kw: 6 }]";

interface ReportFinding {
  rule: string;
  site: string;
  outcome: string;
  blocking: boolean;
  stack: string;
  address: string;
  findingId?: string;
  observed: string;
  waiver?: { id: string };
}

/** The examples with one of the two modules of kvistrup's backup-ups-a in repair: RED-UPS-N1 fails there. */
function kvistrupWithAModuleInRepair(): string {
  const sites = copySites(EXAMPLES);
  edit(sites, KVI, BACKUP_UPS_A, "board: backup-board-a, modules: [{ kw: 6, status: in-repair }, { kw: 6 }]");
  return sites;
}

const synth = (sites: string, out: string, ...extra: string[]) => runSynth(["--sites", sites, "--out", out, "--as-of", AS_OF, ...extra]);
const reportMd = (out: string) => readFileSync(join(out, "compliance", "report.md"), "utf8");
const reportJson = (out: string) =>
  JSON.parse(readFileSync(join(out, "compliance", "report.json"), "utf8")) as { findings: ReportFinding[] };
const blockingRules = (out: string) =>
  [
    ...new Set(
      reportJson(out)
        .findings.filter((f) => f.blocking)
        .map((f) => `${f.site} ${f.rule}`),
    ),
  ].sort();
/** The markdown table rows of one section of report.md. */
const section = (md: string, title: string) => md.split(`\n## ${title}\n`)[1].split("\n## ")[0];

const UPS_ROW = /^FAIL +RED-UPS-N1 +kvistrup-facility: terraform_data\.ups_backup-ups-a$/m;
const NOT_BLOCKED = /no mandatory finding without a valid waiver/;

function waivers(sites: string, body: string): string {
  const file = join(sites, "kvistrup", "waivers.yaml");
  writeFileSync(file, `# yaml-language-server: $schema=../../schema/waivers.schema.json\nwaivers:\n${body}`);
  return file;
}

const waiver = (
  over: { rule?: string; reason?: string; approver?: string; approved?: string; expires?: string } = {},
) => `  - id: backup-ups-a-module-repair
    kind: risk-acceptance
    rule: ${over.rule ?? "RED-UPS-N1"}
    target: terraform_data.ups_backup-ups-a
    reason: ${over.reason ?? "One of the two 6 kW modules is at the supplier for repair; the other carries the 1.2 kW alone"}
    approver: ${over.approver ?? "hanne-madsen"}
    ticket: RFC-2026-077
    approved: "${over.approved ?? "2026-11-10"}"
    expires: "${over.expires ?? "2026-12-15"}"
`;

describe("the gate is per stack", () => {
  test("a UPS module in repair at kvistrup fails a full synth and --site kvistrup, not --site fjordvik", () => {
    const sites = kvistrupWithAModuleInRepair();
    const out = join(tempDir(), "out");

    const all = synth(sites, out);
    expect(all.stderr).toBe("");
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(UPS_ROW);
    expect(blockingRules(out)).toEqual(["kvistrup RED-UPS-N1"]);
    const finding = reportJson(out).findings.find(
      (f) => f.rule === "RED-UPS-N1" && f.site === "kvistrup" && f.address === "terraform_data.ups_backup-ups-a",
    );
    expect(finding).toMatchObject({ outcome: "fail", observed: "1 x 6 kW in service minus the largest = 0 kW" });

    // fjordvik alone: kvistrup's stacks are kept from the last run, checked and reported, but do not gate.
    const fjordvik = synth(sites, out, "--site", "fjordvik");
    expect(fjordvik.stderr).toBe("");
    expect(fjordvik.code).toBe(0);
    expect(fjordvik.stdout).toMatch(NOT_BLOCKED);
    // The row is listed (today marked FAIL, although it does not gate this run: any mark is accepted here).
    expect(fjordvik.stdout).toMatch(/^\S+ +RED-UPS-N1 +kvistrup-facility: terraform_data\.ups_backup-ups-a$/m);
    expect(section(reportMd(out), "Findings to act on")).toMatch(
      /^\| RED-UPS-N1 \| high \| mandatory \| kvistrup-facility \| terraform_data\.ups_backup-ups-a \| 1 x 6 kW in service minus the largest = 0 kW \|/m,
    );

    const kvistrup = synth(sites, out, "--site", "kvistrup");
    expect(kvistrup.code).toBe(1);
    expect(kvistrup.stdout).toMatch(UPS_ROW);
    expect(kvistrup.stdout).toMatch(/1 mandatory finding\(s\) without a valid waiver in the stacks checked: exit 1/);
  });
});

describe("waivers.yaml beside site.yaml", () => {
  test("a valid waiver for the finding lets synth exit 0 and shows in the report", () => {
    const sites = kvistrupWithAModuleInRepair();
    waivers(sites, waiver());
    const out = join(tempDir(), "out");
    const r = synth(sites, out, "--site", "kvistrup");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WAIVED +RED-UPS-N1 +kvistrup-facility: terraform_data\.ups_backup-ups-a$/m);
    expect(r.stdout).toMatch(NOT_BLOCKED);
    const md = reportMd(out);
    expect(section(md, "Waivers")).toMatch(
      /^\| backup-ups-a-module-repair \| kvistrup \| risk-acceptance \| RED-UPS-N1 \| terraform_data\.ups_backup-ups-a \(1 finding\(s\)\) \| Hanne Madsen, IT-chef, Kvistrup Kommune \| RFC-2026-077 \| 2026-11-10 \| 2026-12-15 \(23 days left, expiring soon\) \| 0 \| valid \|/m,
    );
    expect(section(md, "Findings to act on")).toMatch(
      /terraform_data\.ups_backup-ups-a \|.*\| waived by backup-ups-a-module-repair \(Hanne Madsen, IT-chef, RFC-2026-077, until 2026-12-15\) \|$/m,
    );
    const finding = reportJson(out).findings.find(
      (f) => f.rule === "RED-UPS-N1" && f.site === "kvistrup" && f.address === "terraform_data.ups_backup-ups-a",
    );
    expect(finding).toMatchObject({ outcome: "fail", blocking: false, waiver: { id: "backup-ups-a-module-repair" } });
  });

  test("an expired waiver accepts nothing and is itself a mandatory finding (ENGINE-WAIVER): exit 1", () => {
    const sites = kvistrupWithAModuleInRepair();
    waivers(sites, waiver({ approved: "2026-10-20", expires: "2026-11-01" }));
    const out = join(tempDir(), "out");
    const r = synth(sites, out, "--site", "kvistrup");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL +ENGINE-WAIVER +kvistrup-facility: \S+#backup-ups-a-module-repair$/m);
    expect(r.stdout).toMatch(/waiver backup-ups-a-module-repair for RED-UPS-N1 on terraform_data\.ups_backup-ups-a: expired on 2026-11-01/);
    expect(r.stdout).toMatch(UPS_ROW);
    expect(blockingRules(out)).toEqual(["kvistrup ENGINE-WAIVER", "kvistrup RED-UPS-N1"]);
    expect(section(reportMd(out), "Waivers")).toMatch(
      /\| 2026-11-01 \(21 days ago\) \| 0 \| expired: within its validity: expired on 2026-11-01 \(evaluation date 2026-11-22\) \(expected expires on or after 2026-11-22\) \|/,
    );
  });

  test.each([
    [
      "a waiver for an unknown rule",
      { rule: "RED-UPS-N9" },
      "rule: RED-UPS-N9",
      /\/waivers\/0\/rule: no rule RED-UPS-N9; expected one of /,
    ],
    [
      "a reason under 20 characters",
      { reason: "module at repair" },
      "reason: module at repair",
      /\/waivers\/0\/reason: .*20 characters, found "module at repair"/,
    ],
    [
      "a waiver naming an approver the roster does not have",
      { approver: "kari-nordmann" },
      "approver: kari-nordmann",
      /\/waivers\/0\/approver: no approver kari-nordmann in \S+approvers\.yaml; expected one of hanne-madsen/,
    ],
  ])("%s is bad input: exit 2 naming the file and line, nothing written", (_name, over, line, message = /./) => {
    const sites = kvistrupWithAModuleInRepair();
    const file = waivers(sites, waiver(over));
    const out = join(tempDir(), "out");
    const r = synth(sites, out, "--site", "kvistrup");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${lineOf(sites, "kvistrup/waivers.yaml", line)}:\\d+: `, "m"),
    );
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was written/);
  });
});

describe("policy.yaml beside site.yaml", () => {
  const policy = (sites: string, body: string) => {
    const file = join(sites, "kvistrup", "policy.yaml");
    writeFileSync(file, `# yaml-language-server: $schema=../../schema/policy.schema.json\nparameters:\n${body}`);
    return file;
  };

  test("an unknown parameter is bad input: exit 2 naming the file and line", () => {
    const sites = copySites(EXAMPLES);
    const file = policy(
      sites,
      "  PHY-OFFSITE:\n    minDistanceKm: 30\n    reason: The county's risk assessment asks for 30 km between copies.\n",
    );
    const r = synth(sites, join(tempDir(), "out"), "--site", "kvistrup");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:${lineOf(sites, "kvistrup/policy.yaml", "minDistanceKm")}:`);
    expect(r.stderr).toMatch(/rule PHY-OFFSITE has no parameter minDistanceKm; expected one of minOffsiteKm/);
  });

  test("a raised threshold changes the outcome and shows in the report's Parameters section", () => {
    // Kvistrup's off-site copies are 27 km away: enough for the default 10 km, not for 30 km.
    expect(section(readFileSync(join(sharedSynth("examples").out, "compliance", "report.md"), "utf8"), "Parameters")).toMatch(
      /^\| PHY-OFFSITE \| kvistrup \| minOffsiteKm \| 10 km \| 10 km \| default \| - \|$/m,
    );
    const sites = copySites(EXAMPLES);
    policy(sites, "  PHY-OFFSITE:\n    minOffsiteKm: 30\n    reason: The county's risk assessment asks for 30 km between copies.\n");
    const out = join(tempDir(), "out");
    const r = synth(sites, out, "--site", "kvistrup");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL +PHY-OFFSITE +kvistrup-facility: /m);
    expect(section(reportMd(out), "Findings to act on")).toMatch(
      /\| PHY-OFFSITE \| .* \| kvistrup-facility \| terraform_data\.backup-copy_platinum-offsite#distance \|/,
    );
    expect(blockingRules(out)).toEqual(["kvistrup PHY-OFFSITE"]);
    expect(section(reportMd(out), "Parameters")).toMatch(
      /^\| PHY-OFFSITE \| kvistrup \| minOffsiteKm \| 10 km \| 30 km \| site policy\.yaml \| The county's risk assessment asks for 30 km between copies\. \|$/m,
    );
  });
});

test("reports are deterministic: the same sites synthesized twice, into different directories, give byte-identical report.md and report.json", () => {
  // Both runs in this worker (the same rules loaded), over one copy of the sites: the second sees the locks the first wrote.
  const sites = copySites(EXAMPLES);
  const [first, second] = [join(tempDir(), "first"), join(tempDir(), "second")];
  expect(synth(sites, first).code).toBe(0);
  expect(synth(sites, second).code).toBe(0);
  for (const file of ["report.md", "report.json"]) {
    const a = readFileSync(join(first, "compliance", file), "utf8");
    expect(a.length).toBeGreaterThan(1000);
    expect(readFileSync(join(second, "compliance", file), "utf8")).toBe(a);
  }
});
