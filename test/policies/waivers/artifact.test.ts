import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main as checkMain } from "../../../cli/check";
import { AS_OF, copySites, edit, EXAMPLES, runSynth, stackJson, tempDir } from "../../helpers";

/**
 * End to end: synth writes the effective waivers and the roster into `<site>-facility` (`waiver` and
 * `approver` objects), so `npm run check` on the output alone reaches synth's verdict: a mandatory
 * finding waived passes both; the same waiver expired fails both.
 */
function check(...args: string[]): { code: number; stdout: string } {
  const chunks: string[] = [];
  const stream = { write: (c: string) => (chunks.push(String(c)), true) } as unknown as NodeJS.WritableStream;
  const code = checkMain(args, stream, stream);
  return { code, stdout: chunks.join("") };
}

/** The examples with one of kvistrup's backup-ups-a modules in repair (RED-UPS-N1, mandatory, high, fails) and a waiver for it. */
function waivedSites(approved: string, expires: string): string {
  const sites = copySites(EXAMPLES);
  edit(
    sites,
    "kvistrup/site.yaml",
    "board: backup-board-a, modules: [{ kw: 6 }, { kw: 6 }]",
    "board: backup-board-a, modules: [{ kw: 6, status: in-repair }, { kw: 6 }]",
  );
  writeFileSync(
    join(sites, "kvistrup", "waivers.yaml"),
    `waivers:
  - id: backup-ups-a-module-repair
    kind: compensating-control
    rule: RED-UPS-N1
    target: terraform_data.ups_backup-ups-a
    reason: One of the two 6 kW modules is at the supplier; the other carries the 1.2 kW alone
    approver: hanne-madsen
    ticket: RFC-2026-077
    approved: "${approved}"
    expires: "${expires}"
    evidence: { description: "the backup room runs from path B alone for the repair", document: "DRIFT-2026-101", verified: "2026-11-18" }
`,
  );
  return sites;
}

describe("waivers and roster in the artifact", () => {
  test("a mandatory finding waived: synth exit 0, check of the output exit 0; the objects are in kvistrup-facility", () => {
    const out = join(tempDir(), "out");
    const synth = runSynth(["--sites", waivedSites("2026-11-10", "2026-12-15"), "--out", out, "--as-of", AS_OF]);
    expect(synth.stderr).toBe("");
    expect(synth.code).toBe(0);
    expect(synth.stdout).toMatch(/^WAIVED +RED-UPS-N1 +kvistrup-facility: terraform_data\.ups_backup-ups-a$/m);
    const data = stackJson(out, "kvistrup-facility").resource.terraform_data;
    expect(data["waiver_backup-ups-a-module-repair"].input).toMatchObject({
      kind: "waiver",
      waiverKind: "compensating-control",
      approver: "hanne-madsen",
      approved: "2026-11-10",
      renewals: 0,
      evidence: { document: "DRIFT-2026-101" },
    });
    expect(data["approver_hanne-madsen"].input).toMatchObject({
      kind: "approver",
      name: "Hanne Madsen",
      tenant: "kvistrup",
      authority: { tenants: ["kvistrup", "shared"] },
    });
    const c = check(out, "--as-of", AS_OF);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^WAIVED +RED-UPS-N1 +kvistrup-facility: terraform_data\.ups_backup-ups-a$/m);
    // The report lists the compensating control's evidence.
    expect(readFileSync(join(out, "compliance", "report.md"), "utf8")).toMatch(
      /^\| backup-ups-a-module-repair \| the backup room runs from path B alone for the repair \| DRIFT-2026-101 \| 2026-11-18 \|$/m,
    );
    // The same output checked after the waiver ends: exit 1.
    expect(check(out, "--as-of", "2026-12-16").code).toBe(1);
  });

  test("the waiver expired: synth exit 1, check of the output exit 1, both naming ENGINE-WAIVER", () => {
    const out = join(tempDir(), "out");
    const synth = runSynth(["--sites", waivedSites("2026-10-20", "2026-11-01"), "--out", out, "--as-of", AS_OF]);
    expect(synth.code).toBe(1);
    expect(synth.stdout).toMatch(/^FAIL +ENGINE-WAIVER +kvistrup-facility: \S+#backup-ups-a-module-repair$/m);
    const c = check(out, "--as-of", AS_OF);
    expect(c.code).toBe(1);
    expect(c.stdout).toMatch(/^FAIL +ENGINE-WAIVER +kvistrup-facility: \S+#backup-ups-a-module-repair$/m);
    expect(c.stdout).toMatch(/^FAIL +RED-UPS-N1 +kvistrup-facility: terraform_data\.ups_backup-ups-a$/m);
  });
});
