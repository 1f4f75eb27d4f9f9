// The matcher validates against the SARIF 2.1.0 schema it carries (lib/schemas/sarif-2.1.0-rtm.5.json): no network.
import "@microsoft/jest-sarif/lib/matchers/to-be-valid-sarif-log";
import type * as Sarif from "sarif";
import type { ComplianceResult } from "../../../policies/compliance";
import type { Finding } from "../../../policies/engine/rule";
import { formatReport } from "../../../policies/report/formats";
import { fingerprint } from "../../../policies/report/sarif-report";
import { kvistrupResult } from "./kvistrup-report";

const sarifOf = (result: ComplianceResult): Sarif.Log => JSON.parse(formatReport(result, "sarif")) as Sarif.Log;

/** A copy of the result with one mandatory finding failed and waived, and one failed at a file and line. */
function withWaivedAndLocated(result: ComplianceResult): ComplianceResult {
  const copy = structuredClone(result);
  const passes = copy.findings.filter((f) => f.outcome === "pass" && f.enforcement === "mandatory");
  const [waived, located] = passes;
  if (!waived || !located) throw new Error("expected passing mandatory findings");
  Object.assign(waived, {
    outcome: "fail",
    waiver: {
      id: "W-1",
      kind: "risk-acceptance",
      approver: "ciso",
      ticket: "CHG-1",
      expires: "2027-01-31",
      reason: "accepted until the new UPS is in",
    },
  } satisfies Partial<Finding>);
  Object.assign(located, { outcome: "fail", file: "stacks/x/main.tf", line: 12 } satisfies Partial<Finding>);
  return copy;
}

describe("report.sarif", () => {
  const result = kvistrupResult();
  const log = sarifOf(result);
  const run = log.runs[0];

  test("validates against the SARIF 2.1.0 schema (the official JSON Schema, carried by @microsoft/jest-sarif: no network)", () => {
    expect(log).toBeValidSarifLog();
    expect(sarifOf(withWaivedAndLocated(result))).toBeValidSarifLog();
    expect(log.version).toBe("2.1.0");
    // The matcher does reject what the schema forbids.
    expect({ ...log, runs: [{ ...run, results: [{ ...run.results?.[0], kind: "passed" }] }] }).not.toBeValidSarifLog();
  });

  test("the driver names the tool and its version; every rule has its descriptions, help, version and control refs", () => {
    expect(run.tool.driver.version).toBe(result.provenance.tool.version);
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(result.rules.map((r) => r.id)));
    for (const r of rules) {
      expect(r.shortDescription?.text).toBeTruthy();
      expect(r.fullDescription?.text).toBeTruthy();
      expect(r.help?.text).toBeTruthy();
      expect(r.help?.markdown).toBeTruthy();
      expect(["error", "warning"]).toContain(r.defaultConfiguration?.level);
      expect(r.properties).toEqual(
        expect.objectContaining({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), severity: expect.any(String) }),
      );
    }
    const ups = rules.find((r) => r.id === "RED-UPS-N1");
    expect(ups?.properties?.controls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ framework: "ISO/IEC 27001:2022 Annex A", ref: expect.any(String), edition: "2022", verified: true }),
      ]),
    );
  });

  test("results: fail, error, not-evaluable and attested, never passes; kind and level follow the outcome", () => {
    const results = run.results ?? [];
    const expected = result.findings.filter((f) => ["fail", "error", "not-evaluable", "attested"].includes(f.outcome));
    expect(results).toHaveLength(expected.length);
    expect(results.some((r) => r.kind === "pass")).toBe(false);
    const rules = run.tool.driver.rules ?? [];
    results.forEach((r, i) => {
      const f = expected[i];
      expect(r.ruleId).toBe(f.rule);
      expect(rules[r.ruleIndex!]?.id).toBe(f.rule);
      const kind = { fail: "fail", error: "fail", "not-evaluable": "open", attested: "review" }[f.outcome as "fail"];
      expect(r.kind).toBe(kind);
      expect(r.level).toBe(kind === "fail" ? (f.enforcement === "mandatory" ? "error" : "warning") : "none");
      expect(r.locations?.[0]?.logicalLocations).toEqual([
        { name: f.address, fullyQualifiedName: `${f.stack}/${f.address}`, kind: "resource" },
        { name: f.stack, fullyQualifiedName: f.stack, kind: "module" },
      ]);
    });
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(["fail", "open", "review"]));
    // Passes are counted, not listed.
    expect((run.properties?.counts as Record<string, number>).pass).toBe(result.findings.filter((f) => f.outcome === "pass").length);
  });

  test("a waiver is a suppression: external, accepted, its reason the justification, approver, ticket and expiry in properties", () => {
    const changed = sarifOf(withWaivedAndLocated(result)).runs[0];
    const waived = (changed.results ?? []).filter((r) => r.suppressions);
    expect(waived).toHaveLength(1);
    expect(waived[0].suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification: "accepted until the new UPS is in",
        properties: { waiver: "W-1", waiverKind: "risk-acceptance", approver: "ciso", ticket: "CHG-1", expires: "2027-01-31" },
      },
    ]);
    const located = (changed.results ?? []).filter((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === "stacks/x/main.tf");
    expect(located.map((r) => r.locations?.[0]?.physicalLocation?.region)).toEqual([{ startLine: 12 }]);
  });

  test("a finding's file is named relative to the input, as the provenance lists it, with its line", () => {
    const physical = (run.results ?? []).map((r) => r.locations?.[0]?.physicalLocation).filter((p) => p !== undefined);
    const listed = new Set(result.provenance.inputFiles.map((f) => f.path));
    expect(physical.length).toBeGreaterThan(0);
    for (const p of physical) {
      expect(listed.has(p.artifactLocation?.uri ?? "")).toBe(true);
      expect(p.region?.startLine).toBeGreaterThan(0);
    }
  });

  test("partialFingerprints are stable across line edits and distinct per finding", () => {
    const f = result.findings[0];
    expect(fingerprint({ ...f, line: 1 } as Finding)).toBe(fingerprint({ ...f, line: 99 } as Finding));
    expect(fingerprint(f)).not.toBe(fingerprint({ ...f, findingId: "other" }));
    const prints = (run.results ?? []).map((r) => r.partialFingerprints?.["roomFinding/v1"]);
    expect(prints.every((p) => /^[0-9a-f]{64}$/.test(p ?? ""))).toBe(true);
  });

  test("the run carries provenance, scope, the input files with their hashes, and the not-covered controls", () => {
    expect(run.properties?.provenance).toEqual(JSON.parse(JSON.stringify(result.provenance)));
    expect(run.properties?.scope).toBeDefined();
    expect(run.artifacts?.map((a) => a.hashes?.["sha-256"])).toEqual(result.provenance.inputFiles.map((f) => f.sha256));
    expect((run.properties?.notCovered as { id: string; evidence: string }[]).map((n) => [n.id, n.evidence])).toEqual(
      result.notCovered.map((n) => [n.id, "not-covered"]),
    );
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });
});
