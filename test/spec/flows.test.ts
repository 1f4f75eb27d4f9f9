import { writeFileSync } from "node:fs";
import { parse } from "yaml";
import type { FirewallPlan } from "../../plan/firewall/plan-types";
import { load } from "../helpers";
import { ALPHA, reportsOnly, SITE, sites, type Edit, type Mistake } from "../spec-error-matchers";

const JUSTIFIED = 'ticket: CHG-1234, justification: "Patients book appointments from home"';

/** Adds flows to alpha's firewall section, after its last flow (120). */
function alphaFlows(...flows: string[]): Edit {
  const last = "    - { id: 120, from: zone:servers, to: internet, services: [HTTPS] }";
  return [ALPHA, last, [last, ...flows.map((f) => `    - ${f}`)].join("\n")];
}

/** Adds flows to the site's firewall section, after its flow 10. */
function siteFlows(...flows: string[]): Edit {
  const last = "    - { id: 10, from: shared:dns, to: internet, services: [DNS] }";
  return [SITE, last, [last, ...flows.map((f) => `    - ${f}`)].join("\n")];
}

/** Declares floating addresses in alpha's firewall section (before its zones). */
function floating(...entries: string[]): Edit {
  return [ALPHA, "firewall:\n  zones:\n", `firewall:\n  floatingAddresses:\n${entries.map((e) => `    - ${e}\n`).join("")}  zones:\n`];
}

const PORTAL = "{ name: portal, network: servers, address: 10.1.10.11, vms: [alpha-dc01, alpha-dc02] }";
const INBOUND = `{ id: 130, from: internet, to: floating:portal, services: [HTTPS], publishAs: 203.0.113.11, ${JUSTIFIED} }`;

function plan(dir: string): FirewallPlan {
  const p = load(dir).sites[0].firewall?.plan;
  if (!p) throw new Error("no firewall plan");
  return p;
}

describe("(d) every loader message about a flow quotes the flow's id", () => {
  test.each<Mistake>([
    [
      "a cross-reference mistake (unknown zone) in a tenant file",
      alphaFlows("{ id: 130, from: zone:nowhere, to: internet, services: [HTTPS] }"),
      [ALPHA, "id: 130", "zone:nowhere"],
      "/firewall/flows/3/from",
      /^unknown zone "nowhere" of tenant alpha; expected one of servers, health \(in flow 130\)$/,
    ],
    [
      "a schema mistake (a justification too short) in a tenant file",
      alphaFlows('{ id: 130, from: zone:servers, to: internet, services: [SSH], justification: "short" }'),
      [ALPHA, "id: 130", '"short"'],
      "/firewall/flows/3/justification",
      /^expected a sentence of 10 to 900 characters without ';' \(the policy comment separates its fields with '; '\), found "short" \(5 characters\) \(in flow 130\)$/,
    ],
    [
      "an unknown field of a flow",
      alphaFlows("{ id: 130, from: zone:servers, to: internet, services: [SSH], port: 22 }"),
      [ALPHA, "id: 130", "port"],
      "/firewall/flows/3/port",
      /^unknown field "port"; expected one of: .* \(in flow 130\)$/,
    ],
    [
      "a mistake at the flow itself (any-to-any accept)",
      alphaFlows("{ id: 130, from: any, to: any, services: [ALL] }"),
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^an any-to-any accept is not allowed: .* \(in flow 130\)$/,
    ],
    [
      "a mistake in a site flow",
      siteFlows("{ id: 20, from: zone:servers, to: internet, services: [HTTPS] }"),
      [SITE, "id: 20", "zone:servers"],
      "/firewall/flows/1/from",
      /^a site flow can name .*; found "zone:servers" \(in flow 20\)$/,
    ],
    [
      "a flow without an id: named by its place, since it has no id to quote",
      alphaFlows("{ from: zone:servers, to: internet, services: [SSH] }"),
      [ALPHA, "{ from: zone:servers, to: internet, services: [SSH]", "{"],
      "/firewall/flows/3/id",
      /^missing required field "id" \(in the 4th flow of firewall\.flows, which has no valid id\)$/,
    ],
  ])("%s", reportsOnly);

  test("a message that names the flow's id already is not told it twice", () => {
    // "duplicate flow id 110; ..." quotes it.
    reportsOnly(
      "",
      alphaFlows("{ id: 110, from: zone:servers, to: internet, services: [SSH] }"),
      [ALPHA, "id: 110", "110", 1],
      "/firewall/flows/3/id",
      /^duplicate flow id 110; first used at [^()]*\(flow ids become policy ids and are unique across the site\)$/,
    );
  });
});

describe("(e) an inbound flow publishes a floating address (a load-balanced pair)", () => {
  test("the VIP maps the public address to the floating address, the shared VDOM's policy names the VIP", () => {
    const p = plan(sites(floating(PORTAL), alphaFlows(INBOUND)));
    const shared = p.vdoms.find((v) => v.name === p.sharedVdom);
    const alpha = p.vdoms.find((v) => v.name === "alpha");
    expect(shared?.vips).toEqual([
      {
        name: "vip-203-0-113-11",
        extip: "203.0.113.11",
        mappedip: "10.1.10.11",
        extintf: "x2",
        comment: "publishes floating address portal of alpha (alpha-dc01, alpha-dc02)",
      },
    ]);
    expect(shared?.policies.find((x) => x.id === 130)).toMatchObject({ dstaddr: ["vip-203-0-113-11"], hop: "egress" });
    expect(alpha?.policies.find((x) => x.id === 130)).toMatchObject({
      dstaddr: ["alpha-float-portal"],
      dstintf: ["z-servers"],
      hop: "ingress",
    });
    expect(alpha?.addresses).toContainEqual({
      name: "alpha-float-portal",
      subnet: "10.1.10.11/32",
      comment: "floating address portal of alpha",
    });
  });

  test("the floating address is reserved from allocation: the VMs on its network get other addresses", () => {
    const dir = sites(floating(PORTAL));
    const loaded = load(dir);
    const ipam = loaded.ipam.get("tiny");
    if (!ipam) throw new Error("no ipam plan");
    writeFileSync(ipam.lockPath, ipam.text);
    const entries = (parse(ipam.text) as { addresses: { vm: string; ip: string }[] }).addresses;
    expect(entries.map((e) => e.ip)).not.toContain("10.1.10.11");
    expect(entries.find((e) => e.vm === "alpha/alpha-dc01")?.ip).toBe("10.1.10.12");
  });

  test("a flow from inside may name the floating address too", () => {
    const p = plan(sites(floating(PORTAL), alphaFlows("{ id: 130, from: network:health, to: floating:portal, services: [HTTPS] }")));
    const alpha = p.vdoms.find((v) => v.name === "alpha");
    expect(alpha?.policies.find((x) => x.id === 130)).toMatchObject({ dstaddr: ["alpha-float-portal"], hop: "local" });
  });

  test.each<Mistake>([
    [
      "a floating address outside its network",
      floating("{ name: portal, network: servers, address: 10.1.20.11 }"),
      [ALPHA, "name: portal", "10.1.20.11"],
      "/firewall/floatingAddresses/0/address",
      /^expected an address inside the servers network 10\.1\.10\.0\/24, found 10\.1\.20\.11$/,
    ],
    [
      "a floating address on an unknown network",
      floating("{ name: portal, network: dmz, address: 10.1.10.11 }"),
      [ALPHA, "name: portal", "dmz"],
      "/firewall/floatingAddresses/0/network",
      /^unknown network "dmz"; expected one of health, servers$/,
    ],
    [
      "a floating address that is its network's gateway",
      floating("{ name: portal, network: servers, address: 10.1.10.1 }"),
      [ALPHA, "name: portal", "10.1.10.1"],
      "/firewall/floatingAddresses/0/address",
      /^expected an address no VM or gateway holds, found 10\.1\.10\.1, the gateway of network servers$/,
    ],
    [
      "a VM of the pair that does not exist",
      floating("{ name: portal, network: servers, address: 10.1.10.11, vms: [alpha-dc01, nobody] }"),
      [ALPHA, "name: portal", "nobody"],
      "/firewall/floatingAddresses/0/vms/1",
      /^unknown VM "nobody"; expected a VM of alpha on network servers: alpha-dc01, alpha-dc02, legacy-app$/,
    ],
    [
      "a VM of the pair on another network",
      floating("{ name: portal, network: servers, address: 10.1.10.11, vms: [alpha-dc01, journal] }"),
      [ALPHA, "name: portal", "journal"],
      "/firewall/floatingAddresses/0/vms/1",
      /^VM journal is on network health, not servers: a floating address moves between VMs of its own network$/,
    ],
    [
      "a VM given the floating address as its ip:",
      [floating("{ name: portal, network: health, address: 10.1.20.5 }")],
      [ALPHA, "ip: 10.1.20.5", "10.1.20.5"],
      "/workloads/1/ip",
      /^address 10\.1\.20\.5 is used twice; first at tiny\/tenants\/alpha\.yaml:\d+:\d+$/,
    ],
    [
      "two floating addresses of one name",
      floating(PORTAL, "{ name: portal, network: servers, address: 10.1.10.12 }"),
      [ALPHA, "address: 10.1.10.12", "portal"],
      "/firewall/floatingAddresses/1/name",
      /^duplicate floating address name "portal"; first defined at tiny\/tenants\/alpha\.yaml:\d+:\d+$/,
    ],
    [
      "an unknown floating address in a flow",
      [floating(PORTAL), alphaFlows(INBOUND.replace("floating:portal", "floating:nowhere"))],
      [ALPHA, "id: 130", "floating:nowhere"],
      "/firewall/flows/3/to",
      /^unknown floating address "nowhere" of tenant alpha; expected one of portal \(in flow 130\)$/,
    ],
    [
      "an inbound flow to a floating address without publishAs",
      [floating(PORTAL), alphaFlows(INBOUND.replace(", publishAs: 203.0.113.11", ""))],
      [ALPHA, "id: 130", "{"],
      "/firewall/flows/3",
      /^a flow from the internet must go to one vm:<name> or floating:<name> and give publishAs \(its public address\), found to "floating:portal" and no publishAs \(in flow 130\)$/,
    ],
  ])("%s", reportsOnly);
});
