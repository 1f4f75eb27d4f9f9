import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FirewallPlan } from "../../spec/firewall/plan-types";
import { SpecErrors, type SpecError } from "../../spec/spec-error";
import { copySites, edit, load, loadErrors, runSynth, tempDir } from "../helpers";
import { at, BETA_YAML, broken, escape, expectError, expectOnly, where, type Edit } from "../spec-error-matchers";

/**
 * Bad firewall input, one mistake at a time: each test copies the valid tiny site (whose site.yaml and
 * alpha.yaml hold a valid firewall section), injects one mistake and asserts the file, line (found from
 * the injected text, never hard-coded), JSON pointer and message the loader reports.
 *
 * Flows are planned last (after every other check passed and addresses were pinned), so a flow mistake
 * is only reported on an otherwise valid spec: each test below injects exactly one.
 */

const SITE = "tiny/site.yaml";
const ALPHA = "tiny/tenants/alpha.yaml";
const BETA = "tiny/tenants/beta.yaml";

/** A copy of the tiny site, with beta.yaml when `beta` is given, and the edits applied. */
function sites(edits: Edit[], beta?: string): string {
  const dir = copySites();
  if (beta !== undefined) writeFileSync(join(dir, BETA), beta);
  for (const [file, find, replace] of edits) edit(dir, file, find, replace);
  return dir;
}

/** The same, with tenant beta beside alpha (beta.yaml given, default BETA_YAML). */
function brokenWithBeta(beta: string, ...edits: Edit[]): { dir: string; errors: SpecError[] } {
  const dir = sites(edits, beta);
  return { dir, errors: loadErrors(dir) };
}

/** Loads; returns the errors, or the firewall plan when the spec loaded. */
function attempt(dir: string): { errors: SpecError[]; plan?: FirewallPlan } {
  try {
    return { errors: [], plan: load(dir).sites[0].firewall };
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
  expect(() => load(copySites())).not.toThrow();
  expect(() => load(sites([], BETA_YAML))).not.toThrow();
  // The flow shapes the tests below break, in their valid form.
  expect(() =>
    load(sites([alphaFlows(`{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB], ${JUSTIFIED} }`)], BETA_YAML)),
  ).not.toThrow();
  expect(() =>
    load(sites([alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`)])),
  ).not.toThrow();
});

describe("flow endpoints that name nothing", () => {
  test("an unknown zone", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:nowhere, to: internet, services: [HTTPS] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "zone:nowhere"),
      pointer: "/firewall/flows/3/from",
      message: /^unknown zone "nowhere" of tenant alpha; expected one of servers, health$/,
    });
  });

  test("an unknown network", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:servers, to: network:nowhere, services: [HTTPS] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "network:nowhere"),
      pointer: "/firewall/flows/3/to",
      message: /^unknown network "nowhere" of tenant alpha; expected one of servers, health$/,
    });
  });

  test("an unknown VM", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:servers, to: vm:nobody, services: [HTTPS] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "vm:nobody"),
      pointer: "/firewall/flows/3/to",
      message: /^unknown VM "nobody" of tenant alpha$/,
    });
  });

  test("a VM without an address to write into a policy", () => {
    // legacy-app is an imported VM without ip: the firewall cannot name it.
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:servers, to: vm:legacy-app, services: [HTTPS] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "vm:legacy-app"),
      pointer: "/firewall/flows/3/to",
      message: /^VM legacy-app has no address .*give it ip: in its workload$/,
    });
  });

  test("an unknown shared service", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:servers, to: shared:ntp, services: [NTP] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "shared:ntp"),
      pointer: "/firewall/flows/3/to",
      message: /^unknown shared service "ntp"; expected one of dns$/,
    });
  });

  test("an unknown tenant", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:servers, to: tenant:nobody/zone:x, services: [HTTPS] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "tenant:nobody"),
      pointer: "/firewall/flows/3/to",
      message: /^unknown tenant "nobody"; expected one of alpha$/,
    });
  });

  test("an unknown zone of another tenant names that tenant and its zones", () => {
    const { dir, errors } = brokenWithBeta(
      BETA_YAML,
      alphaFlows(`{ id: 130, from: zone:servers, to: tenant:beta/zone:nowhere, services: [SMB], ${JUSTIFIED} }`),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "tenant:beta"),
      pointer: "/firewall/flows/3/to",
      message: /^unknown zone "nowhere" of tenant beta; expected one of office$/,
    });
  });

  test("an unknown service", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:servers, to: internet, services: [HTTP, HTTPZ] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "HTTPZ"),
      pointer: "/firewall/flows/3/services/1",
      message:
        /^unknown service "HTTPZ"; expected a FortiOS predefined service .* or one of site\.yaml firewall\.services \/ serviceGroups \(journal-app, ad\)$/,
    });
  });

  test("a site flow naming a tenant's zone without tenant:", () => {
    const { dir, errors } = broken(siteFlows("{ id: 20, from: zone:servers, to: internet, services: [HTTPS] }"));
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: 20", "zone:servers"),
      pointer: "/firewall/flows/1/from",
      message: /^a site flow can name internet, any, .*; found "zone:servers"$/,
    });
  });

  test("a site flow naming a tenant: it belongs in the tenant's file", () => {
    const { dir, errors } = broken(siteFlows("{ id: 20, from: tenant:alpha/zone:servers, to: internet, services: [HTTPS] }"));
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: 20", "tenant:alpha"),
      pointer: "/firewall/flows/1/from",
      message:
        /^a site flow belongs to the shared VDOM; a flow to or from a tenant belongs in that tenant's file, found "tenant:alpha\/zone:servers"$/,
    });
  });

  test("a tenant file writing a flow that neither starts nor ends in that tenant", () => {
    const { dir, errors } = brokenWithBeta(
      BETA_YAML,
      alphaFlows("{ id: 130, from: tenant:beta/network:office, to: internet, services: [HTTPS] }"),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message:
        /^a tenant file owns only flows that start or end in its own tenant \(alpha\); found from "tenant:beta\/network:office" to "internet"$/,
    });
  });
});

describe("flow ids and duplicate flows", () => {
  test("two flows with the same id in one file: the second, naming the first", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 110, from: zone:servers, to: internet, services: [SSH] }"));
    const first = at(dir, ALPHA, "id: 110", "110", 0);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 110", "110", 1),
      pointer: "/firewall/flows/3/id",
      message: new RegExp(
        `^duplicate flow id 110; first used at ${escape(where(ALPHA, first))} \\(flow ids become policy ids and are unique across the site\\)$`,
      ),
    });
  });

  test("the same id in the site file and a tenant file: reported in the tenant file, naming the site's", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 10, from: zone:servers, to: internet, services: [SSH] }"));
    const first = at(dir, SITE, "id: 10,", "10");
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 10,", "10"),
      pointer: "/firewall/flows/3/id",
      message: new RegExp(`^duplicate flow id 10; first used at ${escape(where(SITE, first))} `),
    });
  });

  test("the same flow under another id", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: zone:servers, to: internet, services: [HTTPS] }"));
    const first = at(dir, ALPHA, "id: 120", "{");
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message: new RegExp(`^duplicate flow: the same from, to, services and action as flow 120 at ${escape(where(ALPHA, first))}$`),
    });
  });

  test("the same flow with its services in another order", () => {
    const { dir, errors } = broken(
      alphaFlows(
        "{ id: 130, from: zone:servers, to: internet, services: [SSH, HTTP] }",
        "{ id: 140, from: zone:servers, to: internet, services: [HTTP, SSH] }",
      ),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 140", "{"),
      pointer: "/firewall/flows/4",
      message: new RegExp(`^duplicate flow: .* as flow 130 at ${escape(where(ALPHA, at(dir, ALPHA, "id: 130", "{")))}$`),
    });
  });

  test("the same flow in two tenant files (alpha to beta, written in both): reported in the later file", () => {
    const beta = `${BETA_YAML}firewall:\n  flows:\n    - { id: 200, from: tenant:alpha/zone:servers, to: network:office, services: [SMB], ${JUSTIFIED} }\n`;
    const { dir, errors } = brokenWithBeta(
      beta,
      alphaFlows(`{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB], ${JUSTIFIED} }`),
    );
    expectOnly(errors, {
      file: BETA,
      ...at(dir, BETA, "id: 200", "{"),
      pointer: "/firewall/flows/0",
      message: new RegExp(
        `^duplicate flow: the same from, to, services and action as flow 130 at ${escape(where(ALPHA, at(dir, ALPHA, "id: 130", "{")))}$`,
      ),
    });
  });
});

describe("flows the rules forbid", () => {
  test("an any-to-any accept (accept by default)", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: any, to: any, services: [ALL] }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message: /^an any-to-any accept is not allowed: name the zones, networks or services the flow needs$/,
    });
  });

  test("an any-to-any deny is allowed (the rule is about accepts)", () => {
    expect(() => load(sites([alphaFlows("{ id: 130, from: any, to: any, services: [ALL], action: deny }")]))).not.toThrow();
  });

  test("a flow to another tenant without justification or ticket", () => {
    const { dir, errors } = brokenWithBeta(
      BETA_YAML,
      alphaFlows("{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB] }"),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message: /^a flow between tenants needs justification and ticket; missing justification and ticket$/,
    });
  });

  test("a flow to another tenant with a ticket but no justification", () => {
    const { dir, errors } = brokenWithBeta(
      BETA_YAML,
      alphaFlows("{ id: 130, from: zone:servers, to: tenant:beta/network:office, services: [SMB], ticket: CHG-1234 }"),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message: /^a flow between tenants needs justification and ticket; missing justification$/,
    });
  });

  test("an inbound flow from the internet without justification or ticket", () => {
    const { dir, errors } = broken(alphaFlows("{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11 }"));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message: /^a flow from the internet inward needs justification and ticket; missing justification and ticket$/,
    });
  });

  test("an inbound flow without publishAs", () => {
    const { dir, errors } = broken(alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], ${JUSTIFIED} }`));
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message:
        /^a flow from the internet must go to one vm:<name> and give publishAs \(its public address\), found to "vm:journal" and no publishAs$/,
    });
  });

  test("an inbound flow to a zone rather than a VM", () => {
    const { dir, errors } = broken(
      alphaFlows(`{ id: 130, from: internet, to: zone:servers, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "{"),
      pointer: "/firewall/flows/3",
      message: /^a flow from the internet must go to one vm:<name> .*, found to "zone:servers"$/,
    });
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

  test("two tenants publishing their VMs of the same name on the same public address", () => {
    // VM names are per tenant: alpha's journal and beta's journal are two hosts, and 203.0.113.11 can map to one.
    const beta =
      BETA_YAML.replace("  - name: files", "  - name: journal\n    ip: 10.2.10.5") +
      `firewall:\n  flows:\n    - { id: 200, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }\n`;
    const { dir, errors } = brokenWithBeta(
      beta,
      alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`),
    );
    expectOnly(errors, {
      file: BETA,
      ...at(dir, BETA, "id: 200", "203.0.113.11"),
      pointer: "/firewall/flows/0/publishAs",
      message: new RegExp(`203\\.0\\.113\\.11.*${escape(where(ALPHA, at(dir, ALPHA, "id: 130", "203.0.113.11")))}`),
    });
  });

  test("a public address outside the internet range", () => {
    const { dir, errors } = broken(
      alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 198.51.100.5, ${JUSTIFIED} }`),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "198.51.100.5"),
      pointer: "/firewall/flows/3/publishAs",
      message: /^expected a public address inside the internet range 203\.0\.113\.8\/29, found 198\.51\.100\.5$/,
    });
  });

  test("a public address that is the firewall's own internet address", () => {
    const { dir, errors } = broken(
      alphaFlows(`{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.10, ${JUSTIFIED} }`),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "203.0.113.10"),
      pointer: "/firewall/flows/3/publishAs",
      message: /^expected a free host address of 203\.0\.113\.8\/29, found 203\.0\.113\.10 /,
    });
  });

  test("publishAs on a flow that does not come from the internet", () => {
    const { dir, errors } = broken(
      alphaFlows("{ id: 130, from: zone:servers, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11 }"),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", "203.0.113.11"),
      pointer: "/firewall/flows/3/publishAs",
      message: /^publishAs only applies to a flow from the internet, found it on a flow from elsewhere$/,
    });
  });
});

describe("justification and ticket: the `ticket=...; why=...; flow=...` comment", () => {
  test("a ';' in a justification is rejected (it would split the comment's fields)", () => {
    const { dir, errors } = broken(
      alphaFlows(
        '{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ticket: CHG-1234, justification: "Patients book; why=nothing" }',
      ),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", '"Patients book'),
      pointer: "/firewall/flows/3/justification",
      message: /^expected a sentence of 10 to 900 characters without ';' .*, found "Patients book; why=nothing"$/,
    });
  });

  test("a ticket carrying a second field is rejected", () => {
    const { dir, errors } = broken(
      alphaFlows(
        '{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ticket: "CHG-1; why=x", justification: "Patients book appointments" }',
      ),
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "id: 130", '"CHG-1'),
      pointer: "/firewall/flows/3/ticket",
      message: /^expected a ticket reference such as CHG-1234, found "CHG-1; why=x"$/,
    });
  });

  test("a justification written as a folded block (it ends in a newline) does not break the comment", () => {
    // `justification: >` keeps a final newline: the comment becomes "...; why=Patients book appointments\n; flow=alpha/130".
    const dir = sites([
      alphaFlows(`id: 130
      from: internet
      to: vm:journal
      services: [HTTPS]
      publishAs: 203.0.113.11
      ticket: CHG-1234
      justification: >
        Patients book appointments
        from home`),
    ]);
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
    const dir = sites([
      alphaFlows(
        `{ id: 130, from: internet, to: vm:journal, services: [HTTPS], publishAs: 203.0.113.11, ticket: CHG-1234, justification: "${why}" }`,
      ),
    ]);
    const { errors, plan } = attempt(dir);
    expect(errors).toEqual([]);
    const overlong = comments(plan!)
      .filter((c) => c.text.length > c.max)
      .map((c) => `${c.what}: ${c.text.length} > ${c.max}`);
    expect(overlong).toEqual([]);
  });
});

describe("firewall units and interfaces", () => {
  test("a unit in a rack that does not exist", () => {
    const { dir, errors } = broken([SITE, "rack: r2, hostname: tiny-fw-b", "rack: r9, hostname: tiny-fw-b"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: fw-b", "r9"),
      pointer: "/firewall/units/1/rack",
      message: /^unknown rack "r9"; expected one of r1, r2$/,
    });
  });

  test("a unit management address outside the management network", () => {
    const { dir, errors } = broken([SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.99.3"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: fw-b", "10.0.99.3"),
      pointer: "/firewall/units/1/managementAddress",
      message: /^expected an address inside the management network 10\.0\.10\.0\/24, found 10\.0\.99\.3$/,
    });
  });

  test("a unit management address equal to a host's address", () => {
    const { dir, errors } = broken([SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.10.12"]);
    const host = at(dir, SITE, "address: 10.0.10.12", "10.0.10.12");
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: fw-b", "10.0.10.12"),
      pointer: "/firewall/units/1/managementAddress",
      message: new RegExp(`^address 10\\.0\\.10\\.12 is used twice; first at ${escape(where(SITE, host))}$`),
    });
  });

  test("a unit management address equal to the management gateway", () => {
    const { dir, errors } = broken([SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.10.1"]);
    const gateway = at(dir, SITE, "gateway: 10.0.10.1", "10.0.10.1");
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: fw-b", "10.0.10.1"),
      pointer: "/firewall/units/1/managementAddress",
      message: new RegExp(`^address 10\\.0\\.10\\.1 is used twice; first at ${escape(where(SITE, gateway))}$`),
    });
  });

  test("a unit management address that is the management network's broadcast address", () => {
    const { dir, errors } = broken([SITE, "managementAddress: 10.0.10.3", "managementAddress: 10.0.10.255"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: fw-b", "10.0.10.255"),
      pointer: "/firewall/units/1/managementAddress",
      message: /broadcast.*10\.0\.10\.255|10\.0\.10\.255.*broadcast/,
    });
  });

  test("two units with role primary", () => {
    const { dir, errors } = broken([SITE, "role: secondary", "role: primary"]);
    const first = at(dir, SITE, "id: fw-a", "primary");
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: fw-b", "primary"),
      pointer: "/firewall/units/1/role",
      message: new RegExp(`^duplicate unit role "primary"; first defined at ${escape(where(SITE, first))}$`),
    });
  });

  test("a heartbeat interface that is the internet interface", () => {
    const { dir, errors } = broken([SITE, "heartbeatInterfaces: [ha1, ha2]", "heartbeatInterfaces: [ha1, x2]"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "heartbeatInterfaces:", "x2"),
      pointer: "/firewall/heartbeatInterfaces/1",
      message:
        /^heartbeat interface x2 is also the internet interface; heartbeat ports carry the cluster's configuration and must be dedicated$/,
    });
  });

  test("a heartbeat interface that is the management interface", () => {
    const { dir, errors } = broken([SITE, "heartbeatInterfaces: [ha1, ha2]", "heartbeatInterfaces: [mgmt, ha2]"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "heartbeatInterfaces:", "mgmt"),
      pointer: "/firewall/heartbeatInterfaces/0",
      message: /^heartbeat interface mgmt is also the management interface; /,
    });
  });

  test("the management interface is the internet interface (admin HTTPS and SSH would face the internet)", () => {
    const { dir, errors } = broken([SITE, "managementInterface: mgmt", "managementInterface: x2"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "managementInterface: x2", "x2"),
      pointer: "/firewall/managementInterface",
      message: /x2.*internet|internet.*x2/,
    });
  });

  test("the internet gateway is the firewall's own internet address", () => {
    const { dir, errors } = broken([SITE, "gateway: 203.0.113.9", "gateway: 203.0.113.10"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "internet: {", "203.0.113.10 }"),
      pointer: "/firewall/internet/gateway",
      message: /203\.0\.113\.10/,
    });
  });

  test("more VDOMs than the licence allows (root, shared and alpha: 3 on a licence of 2)", () => {
    const { dir, errors } = broken([SITE, "vdomLicences: 10", "vdomLicences: 2"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "vdomLicences: 2", "2"),
      pointer: "/firewall/vdomLicences",
      message: /VDOM[\s\S]*(\b2\b[\s\S]*\b3\b|\b3\b[\s\S]*\b2\b)/,
    });
  });
});

describe("VLANs", () => {
  test("the internet uplink on the VLAN of a site network", () => {
    const { dir, errors } = broken([SITE, "internet: { interface: x2,", "internet: { interface: x2, vlan: 20,"]);
    const network = at(dir, SITE, "vlan: 20", "20", 0);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "internet: {", "20,"),
      pointer: "/firewall/internet/vlan",
      message: new RegExp(`^duplicate VLAN id 20; already used by site network shared at ${escape(where(SITE, network))}$`),
    });
  });

  test("a tenant network on the internet uplink's VLAN: reported in the tenant file", () => {
    const { dir, errors } = broken([SITE, "internet: { interface: x2,", "internet: { interface: x2, vlan: 110,"]);
    const uplink = at(dir, SITE, "internet: {", "110,");
    expectError(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "vlan: 110", "110"),
      pointer: "/networks/0/vlan",
      message: new RegExp(`^duplicate VLAN id 110; already used by site firewall's internet uplink at ${escape(where(SITE, uplink))}$`),
    });
    // Nothing else but (once fixed, see below) the range that holds the uplink's VLAN.
    for (const e of errors) expect(`${e.file} ${e.pointer}`).toMatch(/^tiny\/tenants\/alpha\.yaml \/(networks\/0\/vlan|vlanRange)$/);
  });

  test("a tenant VLAN range that holds the internet uplink's VLAN", () => {
    // As for a site network's VLAN: the tenant could not use 150 later, and the range says it may.
    const { dir, errors } = broken([SITE, "internet: { interface: x2,", "internet: { interface: x2, vlan: 150,"]);
    const uplink = at(dir, SITE, "internet: {", "150,");
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "vlanRange:", "{"),
      pointer: "/vlanRange",
      message: new RegExp(`^VLAN range 100-199 holds VLAN 150 of .*internet uplink at ${escape(where(SITE, uplink))}$`),
    });
  });

  test("two tenant networks on the same VLAN", () => {
    const { dir, errors } = broken([ALPHA, "vlan: 120", "vlan: 110"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "vlan: 110", "110", 1),
      pointer: "/networks/1/vlan",
      message: new RegExp(
        `^duplicate VLAN id 110; already used by alpha network servers at ${escape(where(ALPHA, at(dir, ALPHA, "vlan: 110", "110", 0)))}$`,
      ),
    });
  });
});

describe("services and shared services", () => {
  test("a shared service on a network that is not a shared-services network", () => {
    const { dir, errors } = broken([SITE, "network: shared, addresses", "network: management, addresses"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: dns, network:", "management"),
      pointer: "/firewall/sharedServices/0/network",
      message: /^unknown shared-services network "management"; expected one of shared$/,
    });
  });

  test("a shared service address outside its network", () => {
    const { dir, errors } = broken([SITE, "addresses: [10.0.20.10, 10.0.20.11]", "addresses: [10.0.20.10, 10.0.30.11]"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: dns, network:", "10.0.30.11"),
      pointer: "/firewall/sharedServices/0/addresses/1",
      message: /^expected an address inside the shared network 10\.0\.20\.0\/24, found 10\.0\.30\.11$/,
    });
  });

  test("a service group naming an unknown service", () => {
    const { dir, errors } = broken([SITE, "members: [DNS, KERBEROS, LDAP, SMB]", "members: [DNS, KERBEROS, LDAPS, SMB]"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: ad,", "LDAPS"),
      pointer: "/firewall/serviceGroups/0/members/2",
      message: /^unknown service "LDAPS"; expected one of /,
    });
  });

  test("a custom service named like a predefined one", () => {
    // The schema allows lower-case names only, so no predefined (upper-case) name gets past it.
    const { dir, errors } = broken([
      SITE,
      '    - { name: journal-app, tcp: "8443" }',
      '    - { name: journal-app, tcp: "8443" }\n    - { name: HTTPS, tcp: "443" }',
    ]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: HTTPS", "HTTPS"),
      pointer: "/firewall/services/1/name",
      message: /^expected a lower-case service name, found "HTTPS"$/,
    });
  });

  test("a service group with the name of a custom service", () => {
    const { dir, errors } = broken([SITE, "{ name: ad, members:", "{ name: journal-app, members:"]);
    const first = at(dir, SITE, "name: journal-app, tcp", "journal-app");
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: journal-app, members", "journal-app"),
      pointer: "/firewall/serviceGroups/0/name",
      message: new RegExp(`^duplicate service or group name "journal-app"; first defined at ${escape(where(SITE, first))}$`),
    });
  });
});

describe("zones and VDOMs", () => {
  test("a zone naming an unknown network", () => {
    const { dir, errors } = broken([ALPHA, "{ name: servers, networks: [servers] }", "{ name: servers, networks: [servers, nowhere] }"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "{ name: servers, networks:", "nowhere"),
      pointer: "/firewall/zones/0/networks/1",
      message: /^unknown network "nowhere"; expected one of servers, health$/,
    });
  });

  test("a network in two zones", () => {
    const { dir, errors } = broken([
      ALPHA,
      "{ name: servers, networks: [servers] }",
      "{ name: servers, networks: [servers] }\n    - { name: clinical, networks: [health, servers] }",
    ]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "name: clinical", "servers"),
      pointer: "/firewall/zones/1/networks/1",
      message: /^network servers is already in zone servers; a network belongs to one zone$/,
    });
  });

  test("a zone name too long for FortiOS (z-<name>: at most 35 characters)", () => {
    const zone = `clinical-${"x".repeat(25)}`; // 34 characters: z-<zone> is 36
    const dir = sites([
      [
        ALPHA,
        "{ name: servers, networks: [servers] }",
        `{ name: servers, networks: [servers] }\n    - { name: ${zone}, networks: [health] }`,
      ],
    ]);
    const { errors } = attempt(dir);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, `name: ${zone}`, zone),
      pointer: "/firewall/zones/1/name",
      message: /^expected a zone name of at most 33 characters .*, found "clinical-x+" \(34\)$/,
    });
  });

  test("sharedVdom: root", () => {
    const { dir, errors } = broken([SITE, "  internalInterface: x1\n", "  internalInterface: x1\n  sharedVdom: root\n"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "sharedVdom: root", "root"),
      pointer: "/firewall/sharedVdom",
      message: /^expected a VDOM of its own for shared services, found "root" \(the management VDOM\)$/,
    });
  });

  test("two tenants whose VDOM names collide (beta with firewall.vdom: alpha)", () => {
    const { dir, errors } = brokenWithBeta(`${BETA_YAML}firewall:\n  vdom: alpha\n`);
    expectError(errors, {
      file: BETA,
      ...at(dir, BETA, "vdom: alpha", "alpha"),
      pointer: "/firewall/vdom",
      message: /^VDOM name alpha is already the VDOM of tenant alpha; set firewall\.vdom$/,
    });
    // The inter-VDOM link, named after the VDOM by default, collides too; nothing else is reported.
    for (const e of errors) expect(e).toEqual(expect.objectContaining({ file: BETA, message: expect.stringMatching(/alpha/) }));
  });

  test("a tenant VDOM named like the shared VDOM", () => {
    const { dir, errors } = brokenWithBeta(`${BETA_YAML}firewall:\n  vdom: shared\n`);
    expectOnly(errors, {
      file: BETA,
      ...at(dir, BETA, "vdom: shared", "shared"),
      pointer: "/firewall/vdom",
      message: /^VDOM name shared is already the shared VDOM; set firewall\.vdom$/,
    });
  });

  test("a tenant id longer than a VDOM name may be (31 characters), without firewall.vdom", () => {
    const id = "nordre-og-sondre-fjordbygd-kommune"; // 34 characters; the VDOM is named after it
    const dir = sites([]);
    writeFileSync(join(dir, `tiny/tenants/${id}.yaml`), BETA_YAML.replace("tenant: beta", `tenant: ${id}`));
    const { errors } = attempt(dir);
    const file = `tiny/tenants/${id}.yaml`;
    expectOnly(errors, {
      file,
      ...at(dir, file, `tenant: ${id}`, id),
      pointer: "/tenant",
      message: /^a VDOM name has at most 31 characters, found ".*" \(34\); set firewall\.vdom$/,
    });
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
    const dir = sites([alphaFlows("{ id: 130, from: zone:servers, to: vm:nobody, services: [HTTPS] }")]);
    const parent = tempDir("out-");
    const outDir = join(parent, "out");

    const r = runSynth(["--sites", dir, "--out", outDir]);

    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const pos = at(dir, ALPHA, "id: 130", "vm:nobody");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(`(^|/)tiny/tenants/alpha\\.yaml:${pos.line}:${pos.col}: /firewall/flows/3/to: unknown VM "nobody" of tenant alpha$`),
      ),
      "1 error(s); nothing was written.",
    ]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/internal error/i);
    expect(existsSync(outDir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    // Flows are planned after addresses are pinned: the lock must not be written either.
    expect(existsSync(join(dir, "tiny", "ipam.lock.yaml"))).toBe(false);
  });

  test("a site firewall mistake: exits 2 with the located message and writes nothing", () => {
    const dir = sites([[SITE, "heartbeatInterfaces: [ha1, ha2]", "heartbeatInterfaces: [ha1, x2]"]]);
    const outDir = join(tempDir("out-"), "out");

    const r = runSynth(["--sites", dir, "--out", outDir]);

    expect(r.code).toBe(2);
    const pos = at(dir, SITE, "heartbeatInterfaces:", "x2");
    expect(r.stderr).toMatch(
      new RegExp(
        `(^|/)tiny/site\\.yaml:${pos.line}:${pos.col}: /firewall/heartbeatInterfaces/1: heartbeat interface x2 is also the internet interface; `,
        "m",
      ),
    );
    expect(r.stderr).toMatch(/^1 error\(s\); nothing was written\.$/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(outDir)).toBe(false);
  });
});
