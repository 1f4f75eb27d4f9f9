import { runCompliance } from "../../../policies/compliance";
import type { Finding } from "../../../policies/engine/rule";
import type { StackDocument } from "../../../policies/engine/terraform-input";
import { formatScopeSection } from "../../../policies/report/scope-section";
import { SCOPE_RULE } from "../../../policies/scope/tenants-in-scope";
import { AS_OF } from "../../shared-synth";
import { exampleDocs, facilityInput } from "../example-output";

/**
 * Tenants declared against tenants found, in each direction, on the example output edited in memory;
 * and foreign Terraform, which declares nothing. Only the scope is under test, so no rule runs.
 */

const scopeOf = (docs: StackDocument[]) => runCompliance(docs, { asOf: AS_OF, rules: [] });
const scopeFindings = (docs: StackDocument[]): Finding[] => scopeOf(docs).findings.filter((f) => f.rule === SCOPE_RULE);
const without = (docs: StackDocument[], ...stacks: string[]) => docs.filter((d) => !stacks.includes(d.stack));

/** Removes a facility object of a site from its facility stack. */
function dropFacility(docs: StackDocument[], site: string, kind: string, id: string): void {
  const resources = docs.find((d) => d.stack === `${site}-facility`)?.json.resource?.terraform_data ?? {};
  const name = Object.keys(resources).find((k) => {
    const input = resources[k].input as { kind?: string; id?: string };
    return input.kind === kind && input.id === id;
  });
  if (name === undefined) throw new Error(`no ${kind} ${id}`);
  delete resources[name];
}

test("a tenant stack no tenant object declares is a mandatory ENGINE-SCOPE error naming the stack and the tenant", () => {
  const docs = exampleDocs();
  const lauvstad = docs.find((d) => d.stack === "fjordvik-lauvstad");
  docs.push({ stack: "fjordvik-ghost", file: "stacks/fjordvik-ghost/cdk.tf.json", json: structuredClone(lauvstad!.json) });
  const found = scopeFindings(docs);
  expect(found).toEqual([
    expect.objectContaining({
      rule: "ENGINE-SCOPE",
      outcome: "error",
      enforcement: "mandatory",
      evidence: "declared",
      site: "fjordvik",
      stack: "fjordvik-ghost",
      tenant: "ghost",
      message: expect.stringMatching(
        /^fjordvik-ghost: the stack is named as tenant ghost's .* but fjordvik-facility declares no tenant ghost \(it declares fjordvik, haugnes, lauvstad\)/,
      ),
    }),
  ]);
  const ghost = scopeOf(docs).scope.sites[0].tenants.find((t) => t.id === "ghost");
  expect(ghost).toMatchObject({ declared: null, stacks: ["fjordvik-ghost"] });
});

test("a declared tenant whose stack the input lacks is an ENGINE-SCOPE error on its tenant object, naming the stack", () => {
  const found = scopeFindings(without(exampleDocs(), "fjordvik-haugnes-fw"));
  expect(found).toEqual([
    expect.objectContaining({
      outcome: "error",
      enforcement: "mandatory",
      stack: "fjordvik-facility",
      address: "terraform_data.tenant_haugnes",
      findingId: "stacks",
      tenant: "haugnes",
      message: expect.stringMatching(
        /^Tenant haugnes is declared in fjordvik-facility, but fjordvik-haugnes-fw is not in the input \(the operator object lists it/,
      ),
    }),
  ]);
  const haugnes = scopeOf(without(exampleDocs(), "fjordvik-haugnes-fw")).scope.sites[0].tenants.find((t) => t.id === "haugnes");
  expect(haugnes?.missingStacks).toEqual(["fjordvik-haugnes-fw"]);
});

test("without an operator object (older output), a declared tenant must still have its <site>-<tenant> stack", () => {
  const docs = exampleDocs();
  dropFacility(docs, "fjordvik", "operator", "fjordvik");
  expect(scopeFindings(without(docs, "fjordvik-haugnes-fw"))).toEqual([]); // no list says it should exist
  expect(scopeFindings(without(docs, "fjordvik-haugnes")).map((f) => [f.address, f.message])).toEqual([
    [
      "terraform_data.tenant_haugnes",
      expect.stringContaining("fjordvik-haugnes is not in the input (synth writes a stack for every tenant)"),
    ],
  ]);
  const site = scopeOf(docs).scope.sites[0];
  expect(site.operator).toBeNull();
  expect(site.notDeclared).toEqual([
    "operator: not declared (no operator object in fjordvik-facility: output of an older synth, or written by hand)",
  ]);
  expect(formatScopeSection(scopeOf(docs)).join("\n")).toContain("- Operator: not declared (no operator object in fjordvik-facility");
});

test("a shared stack missing from a site's input, and an operator naming another host, are ENGINE-SCOPE errors on the operator", () => {
  const docs = without(exampleDocs(), "fjordvik-firewall");
  facilityInput(docs, "fjordvik", "operator", "fjordvik").hostTenant = "lauvstad";
  const found = scopeFindings(docs).map((f) => [f.site, f.address, f.findingId, f.message]);
  expect(found).toEqual([
    [
      "fjordvik",
      "terraform_data.operator_fjordvik",
      "shared-stacks",
      "Site fjordvik: the input is not the whole site: fjordvik-firewall, which synth wrote for it, is not in the input, so the scope and the checks over it are missing.",
    ],
    [
      "fjordvik",
      "terraform_data.operator_fjordvik",
      "host-tenant",
      expect.stringContaining("names host tenant lauvstad, but tenant fjordvik is marked hostMunicipality"),
    ],
  ]);
});

test("a mismatch blocks like any mandatory error: runCompliance reports it beside the rules' findings", () => {
  const docs = without(exampleDocs(), "kvistrup-kvistrup-forsyning");
  const result = scopeOf(docs);
  expect(result.findings.filter((f) => f.rule === SCOPE_RULE).map((f) => `${f.site} ${f.tenant} ${f.outcome} ${f.enforcement}`)).toEqual([
    "kvistrup kvistrup-forsyning error mandatory",
  ]);
});

test("foreign Terraform without facility objects: the scope says what is not declared, and nothing errs", () => {
  const foreign: StackDocument = {
    stack: "main",
    file: "main.tf.json",
    json: { resource: { vsphere_host: { esx01: { hostname: "esx01.example.org", lockdown: "disabled" } } } },
  };
  const result = runCompliance([foreign], { asOf: AS_OF });
  expect(result.findings.filter((f) => f.rule === SCOPE_RULE)).toEqual([]);
  expect(result.scope.sites).toEqual([
    {
      site: "(no site)",
      operator: null,
      notDeclared: [
        "operator: not declared (the input has no facility objects)",
        "tenants and workloads: not declared (the input has no facility objects)",
      ],
      tenants: [],
      stacks: [{ name: "main", kind: "other" }],
      packs: ["redundancy", "vsphere-hardening", "fortigate-baseline", "iso27001", "tenant-isolation"],
    },
  ]);
  expect(result.scope.columns.every((c) => c.basis === "site-standard")).toBe(true);
  expect(result.scope.chains).toEqual([]);
  const vsphere = result.scope.matrix.find((r) => r.id === "main")?.cells.find((c) => c.column === "vsphere-hardening");
  expect(vsphere?.state).toBe("applies"); // VSP-LOCKDOWN checked the host
  const md = formatScopeSection(result).join("\n");
  expect(md).toContain("### Site (no site)");
  expect(md).toContain("- Operator: not declared (the input has no facility objects).");
  expect(md).toContain("- Tenants and workloads: not declared (the input has no facility objects).");
});
