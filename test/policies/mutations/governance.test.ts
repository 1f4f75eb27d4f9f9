import type { StackDocument } from "../../../policies/engine/terraform-input";
import { governanceRules } from "../../../policies/rules/governance";
import { blockOf, evaluateDocs, exampleDocs, facilityInput } from "../example-output";

const ids = governanceRules.map((r) => r.meta.id);

/** Drops a VM's tag of one category (by the tag data source's name prefix). */
function dropTag(docs: StackDocument[], stack: string, vm: string, category: string): void {
  const block = blockOf(docs, stack, "vsphere_virtual_machine", vm);
  block.tags = (block.tags as string[]).filter((t) => !t.includes(`.${category}_`));
}

/** Makes Lauvstad Swedish with one security-classified workload (the examples have no Swedish tenant). */
function swedishLauvstad(docs: StackDocument[]): Record<string, unknown> {
  const t = facilityInput(docs, "fjordvik", "tenant", "lauvstad");
  t.country = "SE";
  facilityInput(docs, "fjordvik", "workload", "lauvstad-lvs-hrm01").sensitivity = "security-classified";
  return t;
}

interface Mutation {
  rule: string;
  what: string;
  /** Brings the examples to a passing (or attested) state for the rule first, where they hold nothing it checks. */
  setup?: (docs: StackDocument[]) => void;
  mutate: (docs: StackDocument[]) => void;
  address: string;
  /** The stack of the address, where several stacks have one (port groups). */
  stack?: string;
  findingId?: string;
}

const MUTATIONS: Mutation[] = [
  {
    rule: "GOV-ASSET-TAGS",
    what: "fjv-gerica01 loses its data-classification tag",
    mutate: (d) => dropTag(d, "fjordvik-fjordvik", "fjv-gerica01", "data-classification"),
    address: "vsphere_virtual_machine.fjv-gerica01",
  },
  {
    rule: "SEC-ENDPOINT",
    what: "lvs-app01 loses its endpoint-protection tag",
    mutate: (d) => dropTag(d, "fjordvik-lauvstad", "lvs-app01", "endpoint-protection"),
    address: "vsphere_virtual_machine.lvs-app01",
  },
  {
    rule: "INC-REPORTING-ROUTE",
    what: "Haugnes loses its GDPR reporting route",
    mutate: (d) => {
      const t = facilityInput(d, "fjordvik", "tenant", "haugnes");
      t.reportingRoutes = (t.reportingRoutes as { regime: string }[]).filter((r) => r.regime !== "gdpr");
    },
    address: "terraform_data.tenant_haugnes",
    findingId: "gdpr",
  },
  {
    rule: "SE-SSKL-ANALYSIS",
    what: "a Swedish Lauvstad's analysis dates from 2024-01-01",
    setup: swedishLauvstad,
    mutate: (d) => (facilityInput(d, "fjordvik", "tenant", "lauvstad").analysisDate = "2024-01-01"),
    address: "terraform_data.tenant_lauvstad",
  },
  {
    rule: "SE-SSKL-4-8-OUTSOURCE",
    what: "a Swedish Lauvstad hosted by Fjordvik loses its säkerhetsskyddsavtal",
    setup: (d) => Object.assign(swedishLauvstad(d), { suaRef: "SUA-2026-01", samradRef: "Länsstyrelsen 2026-17" }),
    mutate: (d) => (facilityInput(d, "fjordvik", "tenant", "lauvstad").suaRef = null),
    address: "terraform_data.tenant_lauvstad",
    findingId: "sua",
  },
  {
    rule: "SE-SSKL-IS-SAMRAD",
    what: "a Swedish Lauvstad's classified system loses its consultation with Säpo",
    setup: (d) => Object.assign(swedishLauvstad(d), { sapoSamradRef: "Säpo 2026-117" }),
    mutate: (d) => (facilityInput(d, "fjordvik", "tenant", "lauvstad").sapoSamradRef = null),
    address: "terraform_data.workload_lauvstad-lvs-hrm01",
  },
  {
    rule: "NO-SIKL-EXCLUDE",
    what: "Haugnes's hgn-dc01 becomes graded on the shared prod cluster (the examples hold no graded workload to pass first)",
    mutate: (d) => (facilityInput(d, "fjordvik", "workload", "haugnes-hgn-dc01").sensitivity = "security-classified"),
    address: "vsphere_virtual_machine.hgn-dc01",
  },
  {
    rule: "NO-NORMEN-ZONE",
    what: "lvs-app01 (internal) is moved onto Lauvstad's health network",
    mutate: (d) => {
      blockOf(d, "fjordvik-lauvstad", "vsphere_virtual_machine", "lvs-app01").network_interface = [
        { adapter_type: "vmxnet3", network_id: "${vsphere_distributed_port_group.helse.id}" },
      ];
    },
    address: "vsphere_distributed_port_group.helse",
    stack: "fjordvik-lauvstad",
  },
  {
    rule: "DK-NIS2-6-MEASURES",
    what: "kv-dc01 loses its backup-class tag (nr. 3)",
    mutate: (d) => dropTag(d, "kvistrup-kvistrup", "kv-dc01", "backup-class"),
    address: "terraform_data.tenant_kvistrup",
    findingId: "nr-3",
  },
  {
    rule: "GOV-ONBOARDING",
    what: "Lauvstad loses its hosting agreement with Fjordvik",
    mutate: (d) => (facilityInput(d, "fjordvik", "tenant", "lauvstad").agreementRef = null),
    address: "terraform_data.tenant_lauvstad",
    findingId: "agreement",
  },
  {
    rule: "GDPR-DPA",
    what: "Lauvstad loses its data-processing agreement with Fjordvik",
    mutate: (d) => (facilityInput(d, "fjordvik", "tenant", "lauvstad").dpaRef = null),
    address: "terraform_data.tenant_lauvstad",
  },
];

describe("governance and law rules over the example output", () => {
  test("the unmutated examples have no fail or error finding of a mandatory governance rule, and no error at all", () => {
    const findings = evaluateDocs(exampleDocs(), governanceRules);
    expect(findings.filter((f) => f.outcome === "error")).toEqual([]);
    expect(findings.filter((f) => f.outcome === "fail" && f.enforcement === "mandatory")).toEqual([]);
    // The advisory § 6 overview shows the adopted Kvistrup VMs that keep an unencrypted policy (nr. 8), nothing else.
    expect(findings.filter((f) => f.outcome === "fail").map((f) => `${f.rule} ${f.address}#${f.findingId ?? ""}`)).toEqual([
      "DK-NIS2-6-MEASURES terraform_data.tenant_kvistrup#nr-8",
    ]);
  });

  test("every governance rule has a mutation", () => {
    expect(MUTATIONS.map((m) => m.rule).sort()).toEqual([...ids].sort());
  });

  test.each(MUTATIONS.map((m) => [m.rule, m] as const))("%s: a one-value mutation turns its pass into a fail", (id, m) => {
    const rule = governanceRules.filter((r) => r.meta.id === id);
    const docs = exampleDocs();
    m.setup?.(docs);
    const key = (f: { address: string; stack: string; findingId?: string }) =>
      f.address === m.address && f.findingId === m.findingId && (m.stack === undefined || f.stack === m.stack);
    const before = evaluateDocs(docs, rule).filter(key);
    if (id !== "NO-SIKL-EXCLUDE") expect(before.map((f) => f.outcome)).toEqual([expect.stringMatching(/^(pass|attested)$/)]);
    m.mutate(docs);
    const after = evaluateDocs(docs, rule).filter(key);
    expect(after.map((f) => [f.rule, f.outcome])).toEqual([[id, "fail"]]);
  });
});
