import type { Finding } from "../../../policies/engine/rule";
import { isoAnnexes } from "../../../policies/report/iso-annex";
import { reportPath } from "../../../policies/report/report-paths";

/**
 * What the reports compute once instead of per finding: a file's report path per list of input files,
 * and the ISO annex's counts per tenant from one pass over the findings (outcomes in the order they
 * first appear, as the JSON report writes them).
 */
describe("report indexes", () => {
  test("a file's report path is resolved against the list it is asked with, each list its own", () => {
    const a = [{ path: "stacks/s-vsphere/cdk.tf.json", format: "cdk.tf.json" as const, sha256: "x" }];
    const b = [{ path: "s-vsphere/cdk.tf.json", format: "cdk.tf.json" as const, sha256: "y" }];
    const file = "/tmp/out/stacks/s-vsphere/cdk.tf.json";
    expect(reportPath(file, a)).toBe("stacks/s-vsphere/cdk.tf.json");
    expect(reportPath(file, b)).toBe("s-vsphere/cdk.tf.json");
    expect(reportPath(file, a)).toBe("stacks/s-vsphere/cdk.tf.json");
    expect(reportPath("elsewhere\\x.tf.json", a)).toBe("elsewhere/x.tf.json");
  });

  test("a tenant's annex counts its own findings and the shared ones, outcomes in first-appearance order", () => {
    const f = (rule: string, outcome: Finding["outcome"], tenant?: string): Finding =>
      ({ rule, outcome, site: "s", ...(tenant !== undefined ? { tenant } : {}) }) as Finding;
    const findings = [
      f("R", "pass", "ta"),
      f("R", "fail"),
      f("R", "pass", "tb"),
      f("R", "error", "tb"),
      f("R", "fail", "ta"),
      f("Q", "pass"),
    ];
    const rules = [{ id: "R", controls: [{ framework: "ISO/IEC 27001:2022 Annex A", ref: "8.14" }], params: { s: {} } }] as never;
    const annex = isoAnnexes([{ site: "s", tenants: [{ id: "ta" }, { id: "tb" }] }], rules, findings, []);
    const countsOf = (tenant: string) => annex.find((a) => a.tenant === tenant)?.controls.find((c) => c.ref === "8.14")?.rules[0]?.outcomes;
    expect(JSON.stringify(countsOf("ta"))).toBe(JSON.stringify({ pass: 1, fail: 2 }));
    expect(JSON.stringify(countsOf("tb"))).toBe(JSON.stringify({ fail: 1, pass: 1, error: 1 }));
  });
});
