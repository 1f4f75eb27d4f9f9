import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { load } from "../helpers";
import { ALPHA, BETA_YAML, reportsOnly, SITE, sites, withBeta, type Edit, type Mistake } from "../spec-error-matchers";

/**
 * A shared service (site.yaml firewall.sharedServices) names the VMs that hold its addresses
 * (`vms: [<tenant>/<vm>]`, one per address, in order): the named VM gets that address (as if its workload
 * said ip:), so the firewall's address object points at the VM. An address no VM holds lies in the
 * network's reserved block (an appliance): in the allocation pool, no VM would ever get it.
 */

const DNS = "    - { name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11] }";

/** The tiny site's dns service, written anew. */
function dns(entry: string): Edit {
  return [SITE, DNS, `    - ${entry}`];
}

/** Alpha's workloads plus these (one flow-style entry a line). */
function alphaVms(...vms: string[]): Edit {
  return [ALPHA, "workloads:\n", `workloads:\n${vms.map((v) => `  - ${v}\n`).join("")}`];
}

const vm = (name: string, extra = "") =>
  `{ name: ${name}, template: rhel9, size: small, network: shared, criticality: critical, classification: internal${extra} }`;

/** Loads, writes the lock as synth would, and returns the pinned address per VM. */
function pinned(dir: string): Record<string, string> {
  const plan = load(dir).ipam.get("tiny");
  if (!plan) throw new Error("no ipam plan for tiny");
  writeFileSync(plan.lockPath, plan.text);
  const entries = (parse(plan.text) as { addresses: { vm: string; ip: string; state: string }[] }).addresses;
  return Object.fromEntries(entries.filter((e) => e.state !== "held").map((e) => [e.vm, e.ip]));
}

/** The address objects of the shared VDOM. */
function sharedObjects(dir: string): unknown[] {
  const plan = load(dir).sites[0].firewall?.plan;
  return plan?.vdoms.find((v) => v.name === plan.sharedVdom)?.addresses ?? [];
}

describe("a shared service names the VMs that hold its addresses", () => {
  test("the named VMs get the service's addresses (no ip: needed), and the firewall points at them", () => {
    const dir = sites(
      dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11], vms: [alpha/dns1, alpha/dns2] }"),
      alphaVms(vm("dns2"), vm("dns1"), vm("other")),
    );
    const byVm = pinned(dir);
    expect(byVm["alpha/dns1"]).toBe("10.0.20.10");
    expect(byVm["alpha/dns2"]).toBe("10.0.20.11");
    // Another VM on the network gets neither (the tiny site reserves .1-.11).
    expect(byVm["alpha/other"]).toBe("10.0.20.12");
    expect(sharedObjects(dir)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "site-svc-dns-1", subnet: "10.0.20.10/32" }),
        expect.objectContaining({ name: "site-svc-dns-2", subnet: "10.0.20.11/32" }),
      ]),
    );
    // Same input, same lock: the second synth pins the same addresses.
    expect(pinned(dir)).toEqual(byVm);
  });

  test("a named VM whose ip: is the service's address is accepted", () => {
    const dir = sites(
      dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11], vms: [alpha/dns1, alpha/dns2] }"),
      alphaVms(vm("dns1", ", ip: 10.0.20.10"), vm("dns2")),
    );
    expect(pinned(dir)).toMatchObject({ "alpha/dns1": "10.0.20.10", "alpha/dns2": "10.0.20.11" });
  });

  test("a named VM of another tenant (beta) gets its address too", () => {
    const dir = sites(
      dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11], vms: [alpha/dns1, beta/dns2] }"),
      alphaVms(vm("dns1")),
      withBeta(BETA_YAML.replace("workloads:\n", `workloads:\n  - ${vm("dns2")}\n`)),
    );
    expect(pinned(dir)).toMatchObject({ "alpha/dns1": "10.0.20.10", "beta/dns2": "10.0.20.11" });
  });

  test("appliances: addresses in the reserved block need no VM", () => {
    const dir = sites(dns("{ name: dns, network: shared, addresses: [10.0.20.3, 10.0.20.4] }"));
    expect(() => load(dir)).not.toThrow();
  });
});

describe("a shared service whose addresses are not tied to a VM", () => {
  test.each<Mistake>([
    [
      // The stumble: dns1 without ip: would get 10.0.20.12 and the policy would point at nothing.
      "an address in the allocation pool that no VM is named for",
      [dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.12] }"), alphaVms(vm("dns1"))],
      [SITE, "name: dns, network: shared", "10.0.20.12"],
      "/firewall/sharedServices/0/addresses/1",
      /^expected the VM that holds 10\.0\.20\.12 named in vms: \(<tenant>\/<vm>, one per address; a VM without ip: would get another address and the firewall would point at nothing\), or an appliance's address in the reserved block of shared \(10\.0\.20\.1-10\.0\.20\.11\); found no VM named$/,
    ],
    [
      "vms: not one per address",
      dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11], vms: [alpha/dns1] }"),
      [SITE, "name: dns, network: shared", "[alpha/dns1]"],
      "/firewall/sharedServices/0/vms",
      /^expected one VM per address \(2 addresses\), found 1 VM$/,
    ],
    [
      "a VM that does not exist",
      [dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11], vms: [alpha/dns1, alpha/nobody] }"), alphaVms(vm("dns1"))],
      [SITE, "name: dns, network: shared", "alpha/nobody"],
      "/firewall/sharedServices/0/vms/1",
      /^unknown VM "alpha\/nobody"; expected a VM on network shared: alpha\/dns1$/,
    ],
    [
      "a VM named in the wrong form",
      dns("{ name: dns, network: shared, addresses: [10.0.20.10], vms: [dns1] }"),
      [SITE, "name: dns, network: shared", "dns1]"],
      "/firewall/sharedServices/0/vms/0",
      /^expected <tenant>\/<vm>, such as alpha\/dns01, found "dns1"$/,
    ],
    [
      "one VM named for two addresses",
      [dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11], vms: [alpha/dns1, alpha/dns1] }"), alphaVms(vm("dns1"))],
      [SITE, "name: dns, network: shared", "alpha/dns1]"],
      "/firewall/sharedServices/0/vms/1",
      /^VM alpha\/dns1 is already named for 10\.0\.20\.10 at tiny\/site\.yaml:\d+:\d+; a VM holds one address$/,
    ],
    [
      "the named VM's ip: is another address: reported at the ip, naming the service",
      [
        dns("{ name: dns, network: shared, addresses: [10.0.20.10, 10.0.20.11], vms: [alpha/dns1, alpha/dns2] }"),
        alphaVms(vm("dns1", ", ip: 10.0.20.20"), vm("dns2")),
      ],
      [ALPHA, "name: dns1", "10.0.20.20"],
      "/workloads/0/ip",
      /^expected 10\.0\.20\.10, the address shared service dns gives VM dns1 \(tiny\/site\.yaml:\d+:\d+\), found 10\.0\.20\.20; write that address or leave ip out$/,
    ],
    [
      "the named VM is on another network",
      [
        dns("{ name: dns, network: shared, addresses: [10.0.20.10], vms: [alpha/dns1] }"),
        alphaVms(vm("dns1").replace("network: shared", "network: servers")),
      ],
      [ALPHA, "name: dns1", "servers"],
      "/workloads/0/network",
      /^expected network shared, where shared service dns \(tiny\/site\.yaml:\d+:\d+\) puts VM dns1 at 10\.0\.20\.10, found servers$/,
    ],
    [
      "the named VM is removed",
      [dns("{ name: dns, network: shared, addresses: [10.0.20.10], vms: [alpha/dns1] }"), alphaVms(vm("dns1", ", lifecycle: removed"))],
      [ALPHA, "name: dns1", "removed"],
      "/workloads/0/lifecycle",
      /^a removed VM holds no address, but shared service dns \(tiny\/site\.yaml:\d+:\d+\) names VM dns1 for 10\.0\.20\.10; take it out of the service's vms$/,
    ],
  ])("%s", reportsOnly);

  test("the examples name every VM that holds a shared service's address", () => {
    for (const site of ["fjordvik", "kvistrup"]) {
      const text = readFileSync(join(__dirname, "../../sites", site, "site.yaml"), "utf8");
      const services = (parse(text) as { firewall: { sharedServices: { name: string; vms?: string[] }[] } }).firewall.sharedServices;
      expect(services.filter((s) => s.vms).length).toBeGreaterThan(0);
    }
  });
});
