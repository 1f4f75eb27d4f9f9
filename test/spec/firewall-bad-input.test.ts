import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FirewallPlan } from "../../plan/firewall/plan-types";
import { SpecErrors, type SpecError } from "../../spec/spec-error";
import { load } from "../helpers";
import {
  ALPHA,
  at,
  BETA,
  BETA_YAML,
  broken,
  escape,
  expectError,
  expectOnly,
  printed,
  reportsOnly,
  SITE,
  sites,
  synthRefuses,
  where,
  withBeta,
  type Edit,
  type Mistake,
} from "../spec-error-matchers";

/**
 * Bad firewall input, one mistake at a time: each test copies the valid tiny site (whose site.yaml and
 * alpha.yaml hold a valid firewall section), injects one mistake and asserts the file, line (found from
 * the injected text, never hard-coded), JSON pointer and message the loader reports.
 *
 * Flows are planned last (after every other check passed and addresses were pinned), so a flow mistake
 * is only reported on an otherwise valid spec: each test below injects exactly one. Mistakes of the same
 * shape are rows of a table (see Mistake in spec-error-matchers).
 */

/** Loads; returns the errors, or the firewall plan when the spec loaded. */
function attempt(dir: string): { errors: SpecError[]; plan?: FirewallPlan } {
  try {
    return { errors: [], plan: load(dir).sites[0].firewall?.plan };
  } catch (e) {
    if (e instanceof SpecErrors) return { errors: [...e.errors] };
    throw e;
  }
}

/** Adds flows to alpha's firewall section, after its last flow (120); one flow a line. */
function alphaFlows(...flows: string[]): Edit {
  const last = "    - { id: 120, from: zone:servers, to: internet, services: [HTTPS] }";
  return [ALPHA, last, [last, ...flows.map((f) => `    - ${f}`)].join("\n")];
}

/** Adds flows to the site's firewall section, after its flow 10. */
function siteFlows(...flows: string[]): Edit {
  const last = "    - { id: 10, from: shared:dns, to: internet, services: [DNS] }";
  return [SITE, last, [last, ...flows.map((f) => `    - ${f}`)].join("\n")];
}

/** Every comment the plan writes to the FortiGate (policies and VIPs), with what it belongs to. */
function comments(plan: FirewallPlan): { what: string; text: string; max: number }[] {
  return plan.vdoms.flatMap((v) => [
    ...v.policies.map((p) => ({ what: `policy ${p.id} in ${v.name}`, text: p.comments, max: 1023 })),
    ...v.vips.map((p) => ({ what: `vip ${p.name}`, text: p.comment, max: 255 })),
  ]);
}

const JUSTIFIED = 'ticket: CHG-1234, justification: "Patients book appointments from home"';

test("the tiny fixture, with and without beta, loads without errors (every mistake below is the injected one)", () => {
  expect(() => load(sites())).not.toThrow();
  expect(() => load(sites(withBeta()))).not.toThrow();
  // The flow shapes the tests below break, in their valid form.
  expect(() =>
    load(sites(withBeta(), alphaFlows(`{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB], ${JUSTIFIED} }`))),
  ).not.toThrow();
  expect(() =>
    load(sites(alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`))),
  ).not.toThrow();
});

describe("flow endpoints that name nothing", () => {
  test.each<Mistake>([
    [
      "an unknown zone",
      alphaFlows("{ id: 130, from: zone:nowhere, to: internet, services: [HTTPS] }"),
      [ALPHA, "id: 130", "zone:nowhere"],
      "/firewall/flows/3/from",
      /^unknown zone "nowhere" of tenant alpha; expected one of servers, health \(in flow 130\)$/,
    ],
    [
      "an unknown network",
      alphaFlows("{ id: 130, from: zone:servers, to: network:nowhere, services: [HTTPS] }"),
      [ALPHA, "id: 130", "network:nowhere"],
      "/firewall/flows/3/to",
      /^unknown network "nowhere" of tenant alpha; expected one of servers, health \(in flow 130\)$/,
    ],
    [
      "an unknown VM",
      alphaFlows("{ id: 130, from: zone:servers, to: vm:nobody, services: [HTTPS] }"),
      [ALPHA, "id: 130", "vm:nobody"],
      "/firewall/flows/3/to",
      /^unknown VM "nobody" of tenant alpha \(in flow 130\)$/,
    ],
    // legacy-app is an imported VM without ip: the firewall cannot name it.
    [
      "a VM without an address to write into a policy",
      alphaFlows("{ id: 130, from: zone:servers, to: vm:legacy-app, services: [HTTPS] }"),
      [ALPHA, "id: 130", "vm:legacy-app"],
      "/firewall/flows/3/to",
      /^VM legacy-app has no address .*give it ip: in its workload \(in flow 130\)$/,
    ],
    [
      "an unknown shared service",
      alphaFlows("{ id: 130, from: zone:servers, to: shared:ntp, services: [NTP] }"),
      [ALPHA, "id: 130", "shared:ntp"],
      "/firewall/flows/3/to",
      /^unknown shared service "ntp"; expected one of dns \(in flow 130\)$/,
    ],
    [
      "an unknown tenant",
      alphaFlows("{ id: 130, from: zone:servers, to: tenant:nobody/zone:x, services: [HTTPS] }"),
      [ALPHA, "id: 130", "tenant:nobody"],
      "/firewall/flows/3/to",
      /^unknown tenant "nobody"; expected one of alpha \(in flow 130\)$/,
    ],
    [
      "an unknown zone of another tenant names that tenant and its zones",
      [withBeta(), alphaFlows(`{ id: 130, from: zone:servers, to: tenant:beta/zone:nowhere, services: [SMB], ${JUSTIFIED} }`)],
      [ALPHA, "id: 130", "tenant:beta"],
      "/firewall/flows/3/to",
      /^unknown zone "nowhere" of tenant beta; expected one of office \(in flow 130\)$/,
    ],
    [
      "an unknown service",
      alphaFlows("{ id: 130, from: zone:servers, to: internet, services: [HTTP, HTTPZ] }"),
      [ALPHA, "id: 130", "HTTPZ"],
      "/firewall/flows/3/services/1",
      /^unknown service "HTTPZ"; expected a FortiOS predefined service .* or one of site\.yaml firewall\.services \/ serviceGroups \(journal-app, ad\) \(in flow 130\)$/,
    ],
    [
      "a site flow naming a tenant's zone without tenant:",
      siteFlows("{ id: 20, from: zone:servers, to: internet, services: [HTTPS] }"),
      [SITE, "id: 20", "zone:servers"],
      "/firewall/flows/1/from",
      /^a site flow can name internet, any, .*; found "zone:servers" \(in flow 20\)$/,
    ],
    [
      "a site flow naming a tenant: it belongs in the tenant's file",
      siteFlows("{ id: 20, from: tenant:alpha/zone:servers, to: internet, services: [HTTPS] }"),
      [SITE, "id: 20", "tenant:alpha"],
      "/firewall/flows/1/from",
      /^a site flow belongs to the shared VDOM; a flow to or from a tenant belongs in that tenant's file, found "tenant:alpha\/zone:servers" \(in flow 20\)$/,
    ],
    [
      "a tenant file writing a flow that neither starts nor ends in that tenant",
      [withBeta(), alphaFlows("{ id: 130, from: tenant:beta/network:office, to: internet, services: [HTTPS] }")],
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^a tenant file owns only flows that start or end in its own tenant \(alpha\); found from "tenant:beta\/network:office" to "internet" \(in flow 130\)$/,
    ],
  ])("%s", reportsOnly);
});

describe("flow ids and duplicate flows", () => {
  test.each<Mistake>([
    [
      "two flows with the same id in one file: the second, naming the first",
      alphaFlows("{ id: 110, from: zone:servers, to: internet, services: [SSH] }"),
      [ALPHA, "id: 110", "110", 1],
      "/firewall/flows/3/id",
      (earlier) =>
        new RegExp(
          `^duplicate flow id 110; first used at ${earlier(ALPHA, "id: 110", "110", 0)} \\(flow ids become policy ids and are unique across the site\\)$`,
        ),
    ],
    [
      "the same id in the site file and a tenant file: reported in the tenant file, naming the site's",
      alphaFlows("{ id: 10, from: zone:servers, to: internet, services: [SSH] }"),
      [ALPHA, "id: 10,", "10"],
      "/firewall/flows/3/id",
      (earlier) => new RegExp(`^duplicate flow id 10; first used at ${earlier(SITE, "id: 10,", "10")} `),
    ],
    [
      "the same flow under another id",
      alphaFlows("{ id: 130, from: zone:servers, to: internet, services: [HTTPS] }"),
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      (earlier) =>
        new RegExp(
          `^duplicate flow: the same from, to, services and action as flow 120 at ${earlier(ALPHA, "id: 120", "{")} \\(in flow 130\\)$`,
        ),
    ],
    [
      "the same flow with its services in another order",
      alphaFlows(
        "{ id: 130, from: zone:servers, to: internet, services: [SSH, HTTP] }",
        "{ id: 140, from: zone:servers, to: internet, services: [HTTP, SSH] }",
      ),
      [ALPHA, "id: 140", "{"],
      "/firewall/flows/4",
      (earlier) => new RegExp(`^duplicate flow: .* as flow 130 at ${earlier(ALPHA, "id: 130", "{")} \\(in flow 140\\)$`),
    ],
    [
      "the same flow in two tenant files (alpha to beta, written in both): reported in the later file",
      [
        withBeta(
          `${BETA_YAML}firewall:\n  flows:\n    - { id: 200, from: tenant:alpha/zone:servers, to: network:office, services: [SMB], ${JUSTIFIED} }\n`,
        ),
        alphaFlows(`{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB], ${JUSTIFIED} }`),
      ],
      [BETA, "id: 200", "{"],
      "/firewall/flows/0",
      (earlier) =>
        new RegExp(
          `^duplicate flow: the same from, to, services and action as flow 130 at ${earlier(ALPHA, "id: 130", "{")} \\(in flow 200\\)$`,
        ),
    ],
  ])("%s", reportsOnly);
});

describe("flows the rules forbid", () => {
  test.each<Mistake>([
    [
      "an any-to-any accept (accept by default)",
      alphaFlows("{ id: 130, from: any, to: any, services: [ALL] }"),
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^an any-to-any accept is not allowed: name the zones, networks or services the flow needs \(in flow 130\)$/,
    ],
    [
      "a flow to another tenant without justification or ticket",
      [withBeta(), alphaFlows("{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB] }")],
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^a flow between tenants needs justification and ticket; missing justification and ticket \(in flow 130\)$/,
    ],
    [
      "a flow to another tenant with a ticket but no justification",
      [withBeta(), alphaFlows("{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB], ticket: CHG-1234 }")],
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^a flow between tenants needs justification and ticket; missing justification \(in flow 130\)$/,
    ],
    [
      "an inbound flow from the internet without justification or ticket",
      alphaFlows("{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11 }"),
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^a flow from the internet inward needs justification and ticket; missing justification and ticket \(in flow 130\)$/,
    ],
    [
      "an inbound flow without publishAs",
      alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], ${JUSTIFIED} }`),
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^a flow from the internet must go to one vm:<name> or floating:<name> and give publishAs \(its public address\), found to "vm:journal" and no publishAs \(in flow 130\)$/,
    ],
    [
      "an inbound flow to a zone rather than a VM",
      alphaFlows(`{ id: 130, from: internet, to: zone:servers, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`),
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^a flow from the internet must go to one vm:<name> .*, found to "zone:servers" \(in flow 130\)$/,
    ],
    // VM names are per tenant: alpha's journal and beta's journal are two hosts, and 203.0.113.11 can map to one.
    [
      "two tenants publishing their VMs of the same name on the same public address",
      [
        withBeta(
          BETA_YAML.replace("  - name: files", "  - name: journal\n    ip: 10.2.10.5") +
            `firewall:\n  flows:\n    - { id: 200, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }\n`,
        ),
        alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`),
      ],
      [BETA, "id: 200", "203.0.113.11"],
      "/firewall/flows/0/publishAs",
      (earlier) => new RegExp(`203\\.0\\.113\\.11.*${earlier(ALPHA, "id: 130", "203.0.113.11")}`),
    ],
    [
      "a public address outside the internet range",
      alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 198.51.100.5, ${JUSTIFIED} }`),
      [ALPHA, "id: 130", "198.51.100.5"],
      "/firewall/flows/3/publishAs",
      /^expected a public address inside the internet range 203\.0\.113\.8\/29, found 198\.51\.100\.5 \(in flow 130\)$/,
    ],
    [
      "a public address that is the firewall's own internet address",
      alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.10, ${JUSTIFIED} }`),
      [ALPHA, "id: 130", "203.0.113.10"],
      "/firewall/flows/3/publishAs",
      /^expected a free host address of 203\.0\.113\.8\/29, found 203\.0\.113\.10 /,
    ],
    [
      "publishAs on a flow that does not come from the internet",
      alphaFlows("{ id: 130, from: zone:servers, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11 }"),
      [ALPHA, "id: 130", "203.0.113.11"],
      "/firewall/flows/3/publishAs",
      /^publishAs only applies to a flow from the internet, found it on a flow from elsewhere \(in flow 130\)$/,
    ],
  ])("%s", reportsOnly);

  test("an any-to-any deny is allowed (the rule is about accepts)", () => {
    expect(() => load(sites(alphaFlows("{ id: 130, from: any, to: any, services: [ALL], action: deny }")))).not.toThrow();
  });

  test("two inbound flows publishing different VMs on the same public address", () => {
    // Without port forwarding a public address maps to one host: vip-130 and vip-140 would both claim 203.0.113.11.
    const { dir, errors } = broken(
      alphaFlows(
        `{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`,
        `{ id: 140, from: internet, to: vm:alpha-dc01, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`,
      ),
    );
    expect(errors).toHaveLength(1);
    const [e] = errors;
    // At the second flow, or at its publishAs; naming the address and the first flow.
    expect([
      { pointer: "/firewall/flows/4", ...at(dir, ALPHA, "id: 140", "{") },
      { pointer: "/firewall/flows/4/publishAs", ...at(dir, ALPHA, "id: 140", "203.0.113.11") },
    ]).toContainEqual({ pointer: e.pointer, line: e.line, col: e.col });
    expect(e.file).toBe(ALPHA);
    expect(e.message).toMatch(/203\.0\.113\.11/);
    expect(e.message).toMatch(/130|journal/);
  });
});

describe("justification and ticket: the `ticket=...; why=...; flow=...` comment", () => {
  test.each<Mistake>([
    [
      "a ';' in a justification is rejected (it would split the comment's fields)",
      alphaFlows(
        '{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ticket: CHG-1234, justification: "Patients book; why=nothing" }',
      ),
      [ALPHA, "id: 130", '"Patients book'],
      "/firewall/flows/3/justification",
      /^expected a sentence of 10 to 900 characters without ';' .*, found "Patients book; why=nothing" \(in flow 130\)$/,
    ],
    [
      "a ticket carrying a second field is rejected",
      alphaFlows(
        '{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ticket: "CHG-1; why=x", justification: "Patients book appointments" }',
      ),
      [ALPHA, "id: 130", '"CHG-1'],
      "/firewall/flows/3/ticket",
      /^expected a ticket reference such as CHG-1234, found "CHG-1; why=x" \(in flow 130\)$/,
    ],
  ])("%s", reportsOnly);

  test("a justification written as a folded block (it ends in a newline) does not break the comment", () => {
    // `justification: >` keeps a final newline: the comment becomes "...; why=Patients book appointments\n; flow=alpha/130".
    const dir = sites(
      alphaFlows(`id: 130
      from: internet
      to: vm:journal
      services: [HTTPS]
      publishAs: 203.0.113.11
      ticket: CHG-1234
      justification: >
        Patients book appointments
        from home`),
    );
    const { errors, plan } = attempt(dir);
    // Accepted, and written as one line, its fields separated by "; " only.
    expect(errors).toEqual([]);
    const written = comments(plan!).filter((c) => /flow=alpha\/130$/.test(c.text));
    expect(written.length).toBeGreaterThan(0);
    for (const c of written) expect(c.text).toMatch(/^ticket=CHG-1234; why=Patients book appointments from home; flow=alpha\/130$/);
  });

  test("a long justification on an inbound flow fits the VIP's comment (FortiOS: at most 255 characters)", () => {
    // The schema allows 900 characters; the plan copies the whole policy comment into the VIP's comment.
    const why = "Citizens reach the journal portal from home to book and cancel appointments. ".repeat(5).trim();
    expect(why.length).toBeGreaterThan(255);
    expect(why.length).toBeLessThanOrEqual(900);
    const dir = sites(
      alphaFlows(
        `{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ticket: CHG-1234, justification: "${why}" }`,
      ),
    );
    const { errors, plan } = attempt(dir);
    expect(errors).toEqual([]);
    const overlong = comments(plan!)
      .filter((c) => c.text.length > c.max)
      .map((c) => `${c.what}: ${c.text.length} > ${c.max}`);
    expect(overlong).toEqual([]);
  });
});

describe("firewall units and interfaces", () => {
  test.each<Mistake>([
    [
      "a unit in a rack that does not exist",
      [SITE, "rack: r2, hostname: tiny-fw-b", "rack: r9, hostname: tiny-fw-b"],
      [SITE, "id: fw-b", "r9"],
      "/firewall/units/1/rack",
      /^unknown rack "r9"; expected one of r1, r2$/,
    ],
    [
      "a unit management address outside the management network",
      [SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.99.3"],
      [SITE, "id: fw-b", "10.0.99.3"],
      "/firewall/units/1/managementAddress",
      /^expected an address inside the management network 10\.0\.10\.0\/24, found 10\.0\.99\.3$/,
    ],
    [
      "a unit management address equal to a host's address",
      [SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.10.12"],
      [SITE, "id: fw-b", "10.0.10.12"],
      "/firewall/units/1/managementAddress",
      (earlier) => new RegExp(`^address 10\\.0\\.10\\.12 is used twice; first at ${earlier(SITE, "address: 10.0.10.12", "10.0.10.12")}$`),
    ],
    [
      "a unit management address equal to the management gateway",
      [SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.10.1"],
      [SITE, "id: fw-b", "10.0.10.1"],
      "/firewall/units/1/managementAddress",
      (earlier) => new RegExp(`^address 10\\.0\\.10\\.1 is used twice; first at ${earlier(SITE, "gateway: 10.0.10.1", "10.0.10.1")}$`),
    ],
    [
      "a unit management address that is the management network's broadcast address",
      [SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.10.255"],
      [SITE, "id: fw-b", "10.0.10.255"],
      "/firewall/units/1/managementAddress",
      /broadcast.*10\.0\.10\.255|10\.0\.10\.255.*broadcast/,
    ],
    [
      "two units with role primary",
      [SITE, "role: secondary", "role: primary"],
      [SITE, "id: fw-b", "primary"],
      "/firewall/units/1/role",
      (earlier) => new RegExp(`^duplicate unit role "primary"; first defined at ${earlier(SITE, "id: fw-a", "primary")}$`),
    ],
    [
      "a heartbeat interface that is the internet interface",
      [SITE, "heartbeatInterfaces: [ha1, ha2]", "heartbeatInterfaces: [ha1, x2]"],
      [SITE, "heartbeatInterfaces:", "x2"],
      "/firewall/heartbeatInterfaces/1",
      /^heartbeat interface x2 is also the internet interface; heartbeat ports carry the cluster's configuration and must be dedicated$/,
    ],
    [
      "a heartbeat interface that is the management interface",
      [SITE, "heartbeatInterfaces: [ha1, ha2]", "heartbeatInterfaces: [mgmt, ha2]"],
      [SITE, "heartbeatInterfaces:", "mgmt"],
      "/firewall/heartbeatInterfaces/0",
      /^heartbeat interface mgmt is also the management interface; /,
    ],
    [
      "the management interface is the internet interface (admin HTTPS and SSH would face the internet)",
      [SITE, "managementInterface: mgmt", "managementInterface: x2"],
      [SITE, "managementInterface: x2", "x2"],
      "/firewall/managementInterface",
      /x2.*internet|internet.*x2/,
    ],
    [
      "the internet gateway is the firewall's own internet address",
      [SITE, "gateway: 203.0.113.9", "gateway: 203.0.113.10"],
      [SITE, "internet: {", "203.0.113.10 }"],
      "/firewall/internet/gateway",
      /203\.0\.113\.10/,
    ],
    [
      "more VDOMs than the licence allows (root, shared and alpha: 3 on a licence of 2)",
      [SITE, "vdomLicences: 10", "vdomLicences: 2"],
      [SITE, "vdomLicences: 2", "2"],
      "/firewall/vdomLicences",
      /VDOM[\s\S]*(\b2\b[\s\S]*\b3\b|\b3\b[\s\S]*\b2\b)/,
    ],
  ])("%s", reportsOnly);
});

describe("VLANs", () => {
  test.each<Mistake>([
    [
      "the internet uplink on the VLAN of a site network",
      [SITE, "internet: { interface: x2,", "internet: { interface: x2, vlan: 20,"],
      [SITE, "internet: {", "20,"],
      "/firewall/internet/vlan",
      (earlier) => new RegExp(`^duplicate VLAN id 20; already used by site network shared at ${earlier(SITE, "vlan: 20", "20", 0)}$`),
    ],
    // As for a site network's VLAN: the tenant could not use 150 later, and the range says it may.
    [
      "a tenant VLAN range that holds the internet uplink's VLAN",
      [SITE, "internet: { interface: x2,", "internet: { interface: x2, vlan: 150,"],
      [ALPHA, "vlanRange:", "{"],
      "/vlanRange",
      (earlier) => new RegExp(`^VLAN range 100-199 holds VLAN 150 of .*internet uplink at ${earlier(SITE, "internet: {", "150,")}$`),
    ],
    // Two tenant networks on one VLAN: bad-input.test.ts, "VLANs and address ranges".
  ])("%s", reportsOnly);

  test("a tenant network on the internet uplink's VLAN: reported in the tenant file", () => {
    const { dir, errors } = broken([SITE, "internet: { interface: x2,", "internet: { interface: x2, vlan: 110,"]);
    const uplink = at(dir, SITE, "internet: {", "110,");
    expectError(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "vlan: 110", "110"),
      pointer: "/networks/0/vlan",
      message: new RegExp(`^duplicate VLAN id 110; already used by site firewall's internet uplink at ${escape(where(SITE, uplink))}$`),
    });
    // Nothing else but the tenant's VLAN range, which holds the uplink's VLAN (as the range test above asserts).
    for (const e of errors) expect(`${e.file} ${e.pointer}`).toMatch(/^tiny\/tenants\/alpha\.yaml \/(networks\/0\/vlan|vlanRange)$/);
  });
});

describe("services and shared services", () => {
  test.each<Mistake>([
    [
      "a shared service on a network that is not a shared-services network",
      [SITE, "network: shared, addresses", "network: management, addresses"],
      [SITE, "name: dns, network:", "management"],
      "/firewall/sharedServices/0/network",
      /^unknown shared-services network "management"; expected one of shared$/,
    ],
    [
      "a shared service address outside its network",
      [SITE, "addresses: [10.0.20.10, 10.0.20.11]", "addresses: [10.0.20.10, 10.0.30.11]"],
      [SITE, "name: dns, network:", "10.0.30.11"],
      "/firewall/sharedServices/0/addresses/1",
      /^expected an address inside the shared network 10\.0\.20\.0\/24, found 10\.0\.30\.11$/,
    ],
    [
      "a service group naming an unknown service",
      [SITE, "members: [DNS, KERBEROS, LDAP, SMB]", "members: [DNS, KERBEROS, LDAPS, SMB]"],
      [SITE, "name: ad,", "LDAPS"],
      "/firewall/serviceGroups/0/members/2",
      /^unknown service "LDAPS"; expected one of /,
    ],
    // The schema allows lower-case names only, so no predefined (upper-case) name gets past it.
    [
      "a custom service named like a predefined one",
      [SITE, '    - { name: journal-app, tcp: "8443" }', '    - { name: journal-app, tcp: "8443" }\n    - { name: HTTPS, tcp: "443" }'],
      [SITE, "name: HTTPS", "HTTPS"],
      "/firewall/services/1/name",
      /^expected a lower-case service name, found "HTTPS"$/,
    ],
    [
      "a service group with the name of a custom service",
      [SITE, "{ name: ad, members:", "{ name: journal-app, members:"],
      [SITE, "name: journal-app, members", "journal-app"],
      "/firewall/serviceGroups/0/name",
      (earlier) =>
        new RegExp(
          `^duplicate service or group name "journal-app"; first defined at ${earlier(SITE, "name: journal-app, tcp", "journal-app")}$`,
        ),
    ],
  ])("%s", reportsOnly);
});

describe("zones and VDOMs", () => {
  /** 34 characters: z-<zone> is 36. */
  const LONG_ZONE = `clinical-${"x".repeat(25)}`;
  /** 34 characters; the tenant's VDOM is named after it. */
  const LONG_TENANT = "nordre-og-sondre-fjordbygd-kommune";

  test.each<Mistake>([
    [
      "a zone naming an unknown network",
      [ALPHA, "{ name: servers, networks: [servers] }", "{ name: servers, networks: [servers, nowhere] }"],
      [ALPHA, "{ name: servers, networks:", "nowhere"],
      "/firewall/zones/0/networks/1",
      /^unknown network "nowhere"; expected one of servers, health$/,
    ],
    [
      "a network in two zones",
      [
        ALPHA,
        "{ name: servers, networks: [servers] }",
        "{ name: servers, networks: [servers] }\n    - { name: clinical, networks: [health, servers] }",
      ],
      [ALPHA, "name: clinical", "servers"],
      "/firewall/zones/1/networks/1",
      /^network servers is already in zone servers; a network belongs to one zone$/,
    ],
    [
      "a zone name too long for FortiOS (z-<name>: at most 35 characters)",
      [
        ALPHA,
        "{ name: servers, networks: [servers] }",
        `{ name: servers, networks: [servers] }\n    - { name: ${LONG_ZONE}, networks: [health] }`,
      ],
      [ALPHA, `name: ${LONG_ZONE}`, LONG_ZONE],
      "/firewall/zones/1/name",
      /^expected a zone name of at most 33 characters .*, found "clinical-x+" \(34\)$/,
    ],
    [
      "sharedVdom: root",
      [SITE, "  internalInterface: x1\n", "  internalInterface: x1\n  sharedVdom: root\n"],
      [SITE, "sharedVdom: root", "root"],
      "/firewall/sharedVdom",
      /^expected a VDOM of its own for shared services, found "root" \(the management VDOM\)$/,
    ],
    [
      "a tenant VDOM named like the shared VDOM",
      withBeta(`${BETA_YAML}firewall:\n  vdom: shared\n`),
      [BETA, "vdom: shared", "shared"],
      "/firewall/vdom",
      /^VDOM name shared is already the shared VDOM; set firewall\.vdom$/,
    ],
    [
      "a tenant id longer than a VDOM name may be (31 characters), without firewall.vdom",
      [`tiny/tenants/${LONG_TENANT}.yaml`, BETA_YAML.replace("tenant: beta", `tenant: ${LONG_TENANT}`)],
      [`tiny/tenants/${LONG_TENANT}.yaml`, `tenant: ${LONG_TENANT}`, LONG_TENANT],
      "/tenant",
      /^a VDOM name has at most 31 characters, found ".*" \(34\); set firewall\.vdom$/,
    ],
  ])("%s", reportsOnly);

  test("two tenants whose VDOM names collide (beta with firewall.vdom: alpha)", () => {
    const { dir, errors } = broken(withBeta(`${BETA_YAML}firewall:\n  vdom: alpha\n`));
    expectError(errors, {
      file: BETA,
      ...at(dir, BETA, "vdom: alpha", "alpha"),
      pointer: "/firewall/vdom",
      message: /^VDOM name alpha is already the VDOM of tenant alpha; set firewall\.vdom$/,
    });
    // The inter-VDOM link, named after the VDOM by default, collides too; nothing else is reported.
    for (const e of errors) expect(e).toEqual(expect.objectContaining({ file: BETA, message: expect.stringMatching(/alpha/) }));
  });

  test("a tenant firewall section when the site has no firewall", () => {
    const { dir, errors } = broken([SITE, /^firewall:\n[\s\S]*$/m, ""]);
    expect(readFileSync(join(dir, SITE), "utf8")).not.toMatch(/firewall|flows/);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "  zones:", "zones"),
      pointer: "/firewall",
      message:
        /^the site declares no firewall, so a tenant cannot have a firewall section; add firewall: to site\.yaml or remove this one$/,
    });
  });
});

describe("synth CLI with bad firewall input", () => {
  test("a flow mistake: exits 2, prints file:line:col: /pointer: message, no stack trace, writes nothing", () => {
    const dir = sites(alphaFlows("{ id: 130, from: zone:servers, to: vm:nobody, services: [HTTPS] }"));
    // Flows are planned after addresses are pinned: the lock must not be written either (synthRefuses checks it).
    synthRefuses(dir, [
      printed({
        file: ALPHA,
        ...at(dir, ALPHA, "id: 130", "vm:nobody"),
        pointer: "/firewall/flows/3/to",
        message: /^unknown VM "nobody" of tenant alpha \(in flow 130\)$/,
      }),
    ]);
  });

  test("a site firewall mistake: exits 2 with the located message and writes nothing", () => {
    const dir = sites([SITE, "heartbeatInterfaces: [ha1, ha2]", "heartbeatInterfaces: [ha1, x2]"]);
    synthRefuses(dir, [
      printed({
        file: SITE,
        ...at(dir, SITE, "heartbeatInterfaces:", "x2"),
        pointer: "/firewall/heartbeatInterfaces/1",
        message: /^heartbeat interface x2 is also the internet interface; /,
      }),
    ]);
  });
});
