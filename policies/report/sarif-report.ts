import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { ComplianceResult, RuleSummary } from "../compliance";
import { isBlocking } from "../engine/gate";
import type { Finding, Severity } from "../engine/rule";
import { evidenceCounts } from "./evidence-counts";
import { inputForReport, withReportPath } from "./report-paths";
import { countOutcomes, findingRef, SCOPE_NOTE } from "./summary";
import { waiverJson } from "./waiver-presentation";

/** The outcomes that become SARIF results; passes and not-applicable are counted in the rules' and run's properties. */
const RESULT_OUTCOMES = new Set<Finding["outcome"]>(["fail", "error", "not-evaluable", "attested"]);

/** GitHub code scanning reads `security-severity` (0-10) to rank security results; the catalogue's severity, as a number. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/**
 * report.sarif: SARIF 2.1.0. The mapping of outcomes to `kind` and `level` follows the spec's
 * definitions (SARIF 2.1.0 §3.27.9 kind, §3.27.10 level; level is "none" unless kind is "fail"):
 * - fail: kind "fail", level "error" for a mandatory finding, "warning" for an advisory one;
 * - error (the rule could not run, or a fact it reads is malformed): kind "fail", level as for fail,
 *   since the gate blocks on it; properties.outcome says "error";
 * - not-evaluable: kind "open" ("unable to determine whether the result was a pass or fail",
 *   the input holds no evidence), level "none";
 * - attested: kind "review" ("requires review by a human user"): a person's record, not a check;
 *   level "none";
 * - waived fails keep their kind and level and carry a `suppressions` entry (external, accepted).
 * Passes and not-applicable are not results: a county room has 10^5 objects, and one result per
 * passing object would make the log hundreds of megabytes and exceed what code-scanning services
 * accept (GitHub takes 25,000 results a run); their counts stand in each rule's and the run's properties.
 */
export function formatSarifReport(result: ComplianceResult): string {
  const descriptors = ruleDescriptors(result);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results = result.findings
    .filter((f) => RESULT_OUTCOMES.has(f.outcome))
    .map((f) => toResult(withReportPath(f, result.provenance.inputFiles), index.get(f.rule) ?? -1));
  const p = result.provenance;
  const log: Sarif.Log = {
    $schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: p.tool.name,
            version: p.tool.version,
            semanticVersion: p.tool.version,
            rules: descriptors,
            properties: { catalogueVersion: p.catalogue.version },
          },
        },
        invocations: [{ executionSuccessful: true }],
        artifacts: p.inputFiles.map((f) => ({ location: { uri: uriOf(f.path) }, hashes: { "sha-256": f.sha256 } })),
        results,
        properties: {
          scopeNote: SCOPE_NOTE,
          provenance: p,
          sites: result.sites,
          scope: result.scope,
          input: inputForReport(result),
          counts: countOutcomes(result.findings),
          evidence: evidenceCounts(result),
          parameters: result.parameters.filter((p) => p.setBy !== "default"),
          blocking: result.findings.filter(isBlocking).length,
          waivers: result.waivers.map(waiverJson),
          // Controls no rule checks: not rules, since no analysis ran for them; listed so the gaps show.
          notCovered: result.notCovered.map((n) => ({
            id: n.id,
            title: n.title,
            evidence: "not-covered",
            why: n.why,
            howToEvidence: n.howToEvidence,
            controls: n.controls.map((c) => ({ framework: c.framework, ref: c.ref, edition: c.edition, verified: c.verified })),
          })),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

const levelOf = (f: { enforcement: string }): Sarif.Result.level => (f.enforcement === "mandatory" ? "error" : "warning");

function ruleDescriptors(result: ComplianceResult): Sarif.ReportingDescriptor[] {
  const known = new Set(result.rules.map((r) => r.id));
  // Findings of rules outside the catalogue list (the engine's own input check) still need a descriptor.
  const extra = new Map<string, Finding>();
  for (const f of result.findings) if (!known.has(f.rule) && !extra.has(f.rule)) extra.set(f.rule, f);
  const fromSummary = result.rules.map((r) => descriptor(r));
  const fromFindings = [...extra.values()].map((f) => descriptor(engineRule(f, result)));
  return [...fromSummary, ...fromFindings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function engineRule(f: Finding, result: ComplianceResult): RuleSummary {
  const counts: RuleSummary["counts"] = {};
  for (const g of result.findings) if (g.rule === f.rule) counts[g.outcome] = (counts[g.outcome] ?? 0) + 1;
  return {
    id: f.rule,
    name: f.rule,
    area: "engine",
    title: f.title,
    version: result.provenance.tool.version,
    rationale: "The engine's own check of its input: a fact it cannot read could hide a failure, so it is an error, never a pass.",
    remediation: f.remediation,
    severity: f.severity,
    enforcement: f.enforcement,
    evidence: f.evidence,
    controls: [],
    params: {},
    counts,
  };
}

function descriptor(r: RuleSummary): Sarif.ReportingDescriptor {
  const controls = r.controls.map((c) => ({ framework: c.framework, ref: c.ref, edition: c.edition, verified: c.verified, kind: c.kind }));
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: {
      text: `${r.remediation}\n\nControls: ${controls.map((c) => `${c.framework} ${c.ref}${c.verified ? "" : " (verify)"}`).join("; ") || "none"}.`,
      markdown: `**Remediation.** ${r.remediation}\n\n**Controls:** ${controls.map((c) => `${c.framework} ${c.ref}${c.verified ? "" : " (verify)"}`).join("; ") || "none"}.`,
    },
    defaultConfiguration: { level: levelOf(r) },
    properties: {
      version: r.version,
      area: r.area,
      severity: r.severity,
      "security-severity": SECURITY_SEVERITY[r.severity],
      enforcement: r.enforcement,
      evidence: r.evidence,
      controls,
      counts: r.counts,
      tags: [r.area, r.evidence, r.enforcement, ...new Set(r.controls.map((c) => c.framework))],
    },
  };
}

function toResult(f: Finding, ruleIndex: number): Sarif.Result {
  const kind: Sarif.Result.kind =
    f.outcome === "fail" || f.outcome === "error" ? "fail" : f.outcome === "not-evaluable" ? "open" : "review";
  const logical: Sarif.LogicalLocation[] = [
    { name: f.address, fullyQualifiedName: `${f.stack}/${f.address}`, kind: "resource" },
    { name: f.stack, fullyQualifiedName: f.stack, kind: "module" },
  ];
  const location: Sarif.Location = {
    logicalLocations: logical,
    ...(f.file !== undefined
      ? {
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file) },
            ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
          },
        }
      : {}),
  };
  const where = findingRef(f);
  return {
    ruleId: f.rule,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    kind,
    level: kind === "fail" ? levelOf(f) : "none",
    message: { text: `${f.message} (observed: ${f.observed}; expected: ${f.expected})` },
    locations: [location],
    partialFingerprints: { "roomFinding/v1": fingerprint(f) },
    ...(f.waiver
      ? {
          suppressions: [
            {
              kind: "external",
              status: "accepted",
              justification: f.waiver.reason,
              properties: {
                waiver: f.waiver.id,
                waiverKind: f.waiver.kind,
                approver: f.waiver.approver,
                ticket: f.waiver.ticket,
                expires: f.waiver.expires,
              },
            },
          ],
        }
      : {}),
    properties: {
      outcome: f.outcome,
      evidence: f.evidence,
      severity: f.severity,
      enforcement: f.enforcement,
      blocking: isBlocking(f),
      site: f.site,
      stack: f.stack,
      stacks: f.stacks,
      addresses: f.addresses,
      object: where,
      ...(f.tenant !== undefined ? { tenant: f.tenant } : {}),
      ...(f.source !== undefined ? { source: f.source } : {}),
      ...(f.attestation !== undefined ? { attestation: f.attestation } : {}),
    },
  };
}

/** Stable across edits: site, rule, stack, address and finding id, never a line number. */
export function fingerprint(f: Pick<Finding, "site" | "rule" | "stack" | "address" | "findingId">): string {
  return createHash("sha256")
    .update(JSON.stringify([f.site, f.rule, f.stack, f.address, f.findingId ?? ""]))
    .digest("hex");
}

/** A relative path as a URI reference (forward slashes, escaped); an absolute one as a file: URI. */
function uriOf(path: string): string {
  if (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path)) return pathToFileURL(path).href;
  return path.split(/[\\/]/).map(encodeURIComponent).join("/");
}
