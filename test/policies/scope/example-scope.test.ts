import type { FacilityOf } from "../../../contracts/facility-objects";
import { runCompliance, type ComplianceResult } from "../../../policies/compliance";
import { buildRooms } from "../../../policies/engine/room";
import { formatScopeSection } from "../../../policies/report/scope-section";
import type { ScopeCell, ScopeChain } from "../../../policies/scope/scope-types";
import { AS_OF } from "../../shared-synth";
import { exampleDocs, facilityInput } from "../example-output";

/**
 * The scope of the example sites: Fjordvik (NO, three municipalities with health data, no graded
 * workload) and Kvistrup (DK, the municipality and its utility). The chains are checked against the
 * workload objects of the synthesized output, so they name exactly the workloads that bring a law.
 */

let result: ComplianceResult;
beforeAll(() => {
  result = runCompliance(exampleDocs(), { asOf: AS_OF });
});

const cell = (r: ComplianceResult, row: string, column: string): ScopeCell => {
  const found = r.scope.matrix.find((x) => x.id === row)?.cells.find((c) => c.column === column);
  if (!found) throw new Error(`no cell ${row} x ${column}`);
  return found;
};
const chain = (r: ComplianceResult, stack: string, column: string): ScopeChain | undefined =>
  r.scope.chains.find((c) => c.stack === stack && c.column === column);

/** The live workloads of a site holding data of the given sensitivities, by tenant, as the facility objects say. */
function workloadsHolding(site: string, sensitivities: string[]): { tenant: string; workloads: string[] }[] {
  const room = buildRooms(exampleDocs()).find((r) => r.site === site);
  const ws = (room?.facility("workload") ?? []).filter(
    (w: FacilityOf<"workload">) => w.lifecycle !== "removed" && sensitivities.includes(w.sensitivity),
  );
  const tenants = [...new Set(ws.map((w) => w.tenantId))].sort();
  return tenants.map((tenant) => ({
    tenant,
    workloads: ws
      .filter((w) => w.tenantId === tenant)
      .map((w) => w.id)
      .sort(),
  }));
}

test("synth writes each site's operator: legal entity, country, host tenant and every stack of the site", () => {
  const byId = Object.fromEntries(result.scope.sites.map((s) => [s.site, s]));
  expect(byId.fjordvik.operator).toEqual({
    legalEntity: "Fjordvik kommune",
    country: "NO",
    hostTenant: "fjordvik",
    stacks: [
      "fjordvik-facility",
      "fjordvik-firewall",
      "fjordvik-fjordvik",
      "fjordvik-fjordvik-fw",
      "fjordvik-haugnes",
      "fjordvik-haugnes-fw",
      "fjordvik-lauvstad",
      "fjordvik-lauvstad-fw",
      "fjordvik-vsphere",
    ],
    missingStacks: [],
  });
  expect(byId.kvistrup.operator).toMatchObject({
    legalEntity: "Kvistrup Kommune",
    country: "DK",
    hostTenant: "kvistrup",
    missingStacks: [],
  });
  expect(byId.fjordvik.notDeclared).toEqual([]);
});

test("the tenants declared are the tenants found, each with its stacks and tagged VMs; no ENGINE-SCOPE finding", () => {
  const tenants = result.scope.sites.map((s) => [s.site, s.tenants.map((t) => [t.id, t.declared?.country, t.stacks, t.missingStacks])]);
  expect(tenants).toEqual([
    [
      "fjordvik",
      [
        ["fjordvik", "NO", ["fjordvik-fjordvik", "fjordvik-fjordvik-fw"], []],
        ["haugnes", "NO", ["fjordvik-haugnes", "fjordvik-haugnes-fw"], []],
        ["lauvstad", "NO", ["fjordvik-lauvstad", "fjordvik-lauvstad-fw"], []],
      ],
    ],
    [
      "kvistrup",
      [
        ["kvistrup", "DK", ["kvistrup-kvistrup", "kvistrup-kvistrup-fw"], []],
        ["kvistrup-forsyning", "DK", ["kvistrup-kvistrup-forsyning", "kvistrup-kvistrup-forsyning-fw"], []],
      ],
    ],
  ]);
  for (const s of result.scope.sites) for (const t of s.tenants) expect(t.taggedVms).toBeGreaterThan(0);
  expect(result.findings.filter((f) => f.rule === "ENGINE-SCOPE")).toEqual([]);
});

test("the columns: the tenants' laws in the input, then the every-site packs with the standards their rules cite", () => {
  expect(result.scope.columns.map((c) => `${c.basis} ${c.id}`)).toEqual([
    "tenant-regime digitalsikkerhetsloven",
    "tenant-regime nsm-grunnprinsipper",
    "tenant-regime normen",
    "tenant-regime nis2-dk",
    "tenant-regime gdpr",
    "site-standard redundancy",
    "site-standard vsphere-hardening",
    "site-standard fortigate-baseline",
    "site-standard iso27001",
    "site-standard tenant-isolation",
  ]);
  const cites = (id: string) => {
    const c = result.scope.columns.find((x) => x.id === id);
    return c?.basis === "site-standard" ? c.cites : [];
  };
  expect(cites("redundancy")).toContain("EN 50600");
  expect(cites("vsphere-hardening")[0]).toBe("vSphere Security Configuration & Hardening Guide 8");
  expect(cites("iso27001")[0]).toBe("ISO/IEC 27001:2022 Annex A");
});

test("Normen: the Norwegian tenants with health data apply, the shared stacks inherit it with the chain of exactly those workloads", () => {
  const health = workloadsHolding("fjordvik", ["health"]);
  expect(health.map((h) => h.tenant)).toEqual(["fjordvik", "haugnes", "lauvstad"]);
  expect(health.find((h) => h.tenant === "haugnes")?.workloads).toContain("haugnes-hgn-profil01");
  for (const stack of ["fjordvik-firewall", "fjordvik-vsphere", "fjordvik-facility"]) {
    expect(cell(result, stack, "normen").state).toBe("inherited");
    const c = chain(result, stack, "normen");
    expect(c?.because.map((b) => ({ tenant: b.tenant, workloads: b.workloads.map((w) => w.id) }))).toEqual(health);
    expect(c?.text).toMatch(
      new RegExp(
        `^${stack} is in scope of Normen .* because of tenant fjordvik, workloads .*; tenant haugnes, workloads .*haugnes-hgn-profil01`,
      ),
    );
  }
  expect(cell(result, "haugnes/health", "normen")).toMatchObject({ state: "applies", reason: "health data" });
  expect(cell(result, "haugnes/personal", "normen")).toMatchObject({
    state: "not-applicable",
    reason: expect.stringMatching(/follows health data/),
  });
  expect(cell(result, "fjordvik-haugnes", "normen").state).toBe("applies");
  expect(cell(result, "kvistrup-firewall", "normen")).toEqual({
    column: "normen",
    state: "not-applicable",
    reason: "no tenant of the site is in NO",
  });
  expect(cell(result, "kvistrup", "normen")).toEqual({ column: "normen", state: "not-applicable", reason: "tenant kvistrup is in DK" });
  expect(chain(result, "kvistrup-firewall", "normen")).toBeUndefined();
});

test("GDPR follows personal and health data; NIS 2-loven every Danish tenant; the Danish chain names both tenants", () => {
  const personal = workloadsHolding("kvistrup", ["personal", "health"]);
  const c = chain(result, "kvistrup-firewall", "gdpr");
  expect(c?.because.map((b) => ({ tenant: b.tenant, workloads: b.workloads.map((w) => w.id) }))).toEqual(personal);
  expect(chain(result, "kvistrup-vsphere", "nis2-dk")).toMatchObject({
    because: [
      { tenant: "kvistrup", workloads: [] },
      { tenant: "kvistrup-forsyning", workloads: [] },
    ],
    text: "kvistrup-vsphere is in scope of NIS 2-loven (DK, LOV nr. 434 af 6. maj 2025) because of tenants kvistrup and kvistrup-forsyning",
  });
  expect(cell(result, "kvistrup-forsyning/internal", "gdpr")).toMatchObject({ state: "not-applicable" });
  expect(cell(result, "kvistrup-forsyning/personal", "gdpr")).toMatchObject({ state: "applies", reason: "personal data" });
  expect(cell(result, "kvistrup-forsyning/internal", "nis2-dk")).toMatchObject({ state: "applies" });
  expect(cell(result, "fjordvik", "nis2-dk")).toEqual({ column: "nis2-dk", state: "not-applicable", reason: "tenant fjordvik is in NO" });
});

test("site standards apply to the stacks their pack's rules check, and are inherited by the tenants those stacks host", () => {
  expect(cell(result, "fjordvik-vsphere", "vsphere-hardening").state).toBe("applies");
  expect(cell(result, "fjordvik-firewall", "vsphere-hardening")).toMatchObject({ state: "not-applicable" });
  expect(cell(result, "fjordvik-firewall", "fortigate-baseline").state).toBe("applies");
  expect(cell(result, "fjordvik-haugnes-fw", "fortigate-baseline").state).toBe("applies");
  expect(cell(result, "fjordvik-vsphere", "fortigate-baseline")).toMatchObject({ state: "not-applicable" });
  expect(cell(result, "haugnes", "vsphere-hardening")).toMatchObject({
    state: "inherited",
    reason: expect.stringContaining("fjordvik-vsphere"),
  });
});

test("a security-classified workload brings the Security Act: the shared stacks' chain names its tenant and workload", () => {
  const docs = exampleDocs();
  facilityInput(docs, "fjordvik", "workload", "haugnes-hgn-profil01").sensitivity = "security-classified";
  const graded = runCompliance(docs, { asOf: AS_OF, rules: [] });
  expect(graded.scope.columns.map((c) => c.id)).toContain("sikkerhetsloven");
  expect(chain(graded, "fjordvik-firewall", "sikkerhetsloven")).toMatchObject({
    because: [{ tenant: "haugnes", workloads: [{ id: "haugnes-hgn-profil01", system: expect.stringMatching(/^Visma Profil/) }] }],
    text: "fjordvik-firewall is in scope of Sikkerhetsloven (NO, Security Act) because of tenant haugnes, workload haugnes-hgn-profil01",
  });
  expect(cell(graded, "haugnes/security-classified", "sikkerhetsloven").state).toBe("applies");
  expect(cell(graded, "fjordvik-haugnes", "sikkerhetsloven").state).toBe("applies");
  expect(cell(graded, "lauvstad", "sikkerhetsloven")).toMatchObject({ state: "not-applicable", reason: "no security-classified workload" });
  expect(cell(graded, "fjordvik-lauvstad", "sikkerhetsloven")).toMatchObject({
    state: "not-applicable",
    reason: "no security-classified workload",
  });
  expect(cell(graded, "kvistrup-firewall", "sikkerhetsloven")).toMatchObject({
    state: "not-applicable",
    reason: "no tenant of the site is in NO",
  });
});

test("report.md opens with the scope: operator, tenants, the matrix and the chains", () => {
  const md = formatScopeSection(result).join("\n");
  expect(md).toContain("- Operator: Fjordvik kommune (NO); host municipality: tenant fjordvik.");
  expect(md).toContain("| haugnes | Haugnes kommune (NO) | fjordvik-haugnes, fjordvik-haugnes-fw | none |");
  expect(md).toMatch(/^### Regime matrix: kvistrup$/m);
  expect(md).toMatch(/^\| kvistrup \| tenant \| n\/a: tenant kvistrup is in DK \|/m);
  expect(md).toMatch(/^- fjordvik-facility, fjordvik-firewall, fjordvik-vsphere are in scope of Normen .*haugnes-hgn-profil01/m);
});

test("the scope is deterministic: the same input twice gives the same scope", () => {
  const again = runCompliance(exampleDocs(), { asOf: AS_OF });
  expect(JSON.stringify(again.scope)).toBe(JSON.stringify(result.scope));
});
