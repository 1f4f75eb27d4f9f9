import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCompliance } from "../../../../policies/compliance";
import { isBlocking } from "../../../../policies/engine/gate";
import type { Finding } from "../../../../policies/engine/rule";
import { readTerraformInput, type StackDocument } from "../../../../policies/engine/terraform-input";
import { AS_OF, ROOT, edit, runSynth, tempDir } from "../../../helpers";

/**
 * End to end, from a tenant file to the gate: Fjordvik's partner Haugnes as a clone leaves it, its
 * analysis date and its hosting, data-processing and NHN agreements cleared, with an onboarding window
 * and `processingStarted: false`. It loads, synthesizes and passes the gate (the findings advisory).
 * The same output then checked after the window, and with processing declared, blocks.
 */

const HAUGNES = "fjordvik/tenants/haugnes.yaml";
/** The rules whose findings onboarding changes (Haugnes has advisory fails of its own: adopted BIOS VMs). */
const ONBOARDING_RULES = new Set(["GDPR-DPA", "GOV-ONBOARDING", "NO-NORMEN-ZONE", "SE-SSKL-ANALYSIS", "DK-NIS2-6-MEASURES"]);

/** A copy of the Fjordvik example with Haugnes being onboarded until 2027-02-20. */
function onboardingHaugnes(): string {
  const sites = join(tempDir(), "sites");
  cpSync(join(ROOT, "sites", "fjordvik"), join(sites, "fjordvik"), { recursive: true });
  for (const field of ["analysisDate", "agreementRef", "dpaRef", "nhnAgreementRef"])
    edit(sites, HAUGNES, new RegExp(`\\n  ${field}: .*`), "");
  edit(sites, HAUGNES, /\n {2}legalEntity: .*/, '$&\n  onboardingUntil: "2027-02-20"\n  processingStarted: false');
  return sites;
}

/** Haugnes's fails of the onboarding rules, as `rule#finding enforcement`. */
const summary = (findings: readonly Finding[]) =>
  findings
    .filter((f) => f.tenant === "haugnes" && f.outcome === "fail" && ONBOARDING_RULES.has(f.rule))
    .map((f) => `${f.rule}${f.findingId ? `#${f.findingId}` : ""} ${f.enforcement}`)
    .sort();

/** The output's stacks checked again at `asOf`, after `change` to Haugnes's tenant object. */
function recheck(out: string, asOf: string, change: (tenant: Record<string, unknown>) => void = () => undefined): Finding[] {
  const docs: StackDocument[] = readTerraformInput([out]);
  const facility = docs.find((d) => d.stack === "fjordvik-facility");
  const data = facility?.json.resource?.terraform_data as Record<string, { input: Record<string, unknown> }> | undefined;
  const tenant = data?.tenant_haugnes?.input;
  if (!tenant) throw new Error("no tenant object for haugnes in the facility stack");
  change(tenant);
  return runCompliance(docs, { asOf }).findings;
}

describe("a partner being onboarded, through synth and the gate", () => {
  const out = join(tempDir("out-"), "out");
  let code: number;
  let findings: Finding[];
  beforeAll(() => {
    code = runSynth(["--sites", onboardingHaugnes(), "--out", out, "--as-of", AS_OF]).code;
    findings = (JSON.parse(readFileSync(join(out, "compliance", "report.json"), "utf8")) as { findings: Finding[] }).findings;
  });

  test("in the window with no processing declared: it loads and synthesizes, every missing item advisory (exit 0)", () => {
    expect(summary(findings)).toEqual(["GDPR-DPA advisory", "GOV-ONBOARDING#agreement advisory", "NO-NORMEN-ZONE#nhn-agreement advisory"]);
    expect(findings.find((f) => f.rule === "GDPR-DPA" && f.tenant === "haugnes")?.message).toContain("due before processing starts");
    expect(readFileSync(join(out, "stacks", "fjordvik-facility", "cdk.tf.json"), "utf8")).toContain('"processingStarted": false');
    expect(code).toBe(0);
  });

  test("processing declared in the window: the legal prerequisites block, the agreement still waits", () => {
    const checked = recheck(out, AS_OF, (t) => (t.processingStarted = true));
    expect(summary(checked)).toEqual(["GDPR-DPA mandatory", "GOV-ONBOARDING#agreement advisory", "NO-NORMEN-ZONE#nhn-agreement mandatory"]);
    expect(checked.filter((f) => f.tenant === "haugnes" && isBlocking(f)).map((f) => f.rule)).toEqual(["GDPR-DPA", "NO-NORMEN-ZONE"]);
  });

  test("the day after the window: the agreement and the stale declaration block; the prerequisites stay advisory while no processing is declared", () => {
    expect(summary(recheck(out, "2027-02-21"))).toEqual([
      "GDPR-DPA advisory",
      "GOV-ONBOARDING#agreement mandatory",
      "GOV-ONBOARDING#processing mandatory",
      "NO-NORMEN-ZONE#nhn-agreement advisory",
    ]);
  });
});
