import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { copySites, edit, load, loadErrors } from "../helpers";

/** Loads, then writes the lock as synth would, and returns the pinned address per VM. */
function synthLock(sites: string, asOf = "2026-11-22"): { byVm: Record<string, string>; entries: any[]; work: string[] } {
  const loaded = load(sites, asOf);
  const plan = loaded.ipam.get("tiny")!;
  writeFileSync(plan.lockPath, plan.text);
  const entries = parse(plan.text).addresses as any[];
  const byVm = Object.fromEntries(entries.filter((e) => e.state !== "held").map((e) => [e.vm, e.ip]));
  return { byVm, entries, work: plan.work.map((w) => `${w.action} ${w.vm} ${w.ip}`) };
}

const THIRD_DC = `  - name: extra
    template: rhel9
    size: small
    network: servers
    criticality: standard
    classification: internal
`;

describe("address pinning (ipam.lock.yaml)", () => {
  test("allocates the lowest free address after the reserved block, skipping the gateway", () => {
    const sites = copySites();
    const { byVm } = synthLock(sites);
    expect(byVm).toEqual({ "alpha/alpha-dc01": "10.1.10.11", "alpha/alpha-dc02": "10.1.10.12", "alpha/journal": "10.1.20.5" });
  });

  test("adding a VM before the others never renumbers them", () => {
    const sites = copySites();
    const before = synthLock(sites).byVm;
    edit(sites, "tiny/tenants/alpha.yaml", "workloads:\n", `workloads:\n${THIRD_DC}`);
    const after = synthLock(sites);
    expect(after.byVm).toEqual({ ...before, "alpha/extra": "10.1.10.13" });
    expect(after.work).toEqual(["add extra 10.1.10.13"]);
  });

  test("a removed VM's address is held until the hold ends, then given out again", () => {
    const sites = copySites();
    synthLock(sites);
    edit(sites, "tiny/tenants/alpha.yaml", "count: 2", "count: 1");
    const removed = synthLock(sites);
    expect(removed.entries).toContainEqual({
      ip: "10.1.10.12",
      network: "alpha/servers",
      vm: "alpha/alpha-dc02",
      state: "held",
      heldUntil: "2027-02-20",
    });
    expect(removed.work).toEqual(["remove alpha-dc02 10.1.10.12"]);

    edit(sites, "tiny/tenants/alpha.yaml", "workloads:\n", `workloads:\n${THIRD_DC}`);
    expect(synthLock(sites, "2026-12-01").byVm["alpha/extra"]).toBe("10.1.10.13");

    // After the hold has passed, the freed address is free again.
    const sites2 = copySites();
    synthLock(sites2);
    edit(sites2, "tiny/tenants/alpha.yaml", "count: 2", "count: 1");
    synthLock(sites2);
    edit(sites2, "tiny/tenants/alpha.yaml", "workloads:\n", `workloads:\n${THIRD_DC}`);
    const later = synthLock(sites2, "2027-02-21");
    expect(later.byVm["alpha/extra"]).toBe("10.1.10.12");
    expect(later.entries.some((e) => e.state === "held")).toBe(false);
  });

  test("a fixed address that is held for a removed VM is refused", () => {
    const sites = copySites();
    synthLock(sites);
    edit(sites, "tiny/tenants/alpha.yaml", "count: 2", "count: 1");
    synthLock(sites);
    edit(sites, "tiny/tenants/alpha.yaml", "workloads:\n", `workloads:\n${THIRD_DC}    ip: 10.1.10.12\n`);
    const [error] = loadErrors(sites);
    expect(error).toMatchObject({ file: "tiny/tenants/alpha.yaml", pointer: "/workloads/0/ip" });
    expect(error.message).toMatch(/10\.1\.10\.12 is held for the removed VM alpha\/alpha-dc02 until 2027-02-20/);
  });

  test("a retiring VM keeps its address and its DNS records go on the work list", () => {
    const sites = copySites();
    synthLock(sites);
    edit(
      sites,
      "tiny/tenants/alpha.yaml",
      "    redundancyGroup: domain-controllers\n",
      "    redundancyGroup: domain-controllers\n    lifecycle: retiring\n",
    );
    const retiring = synthLock(sites);
    expect(retiring.byVm["alpha/alpha-dc01"]).toBe("10.1.10.11");
    expect(retiring.entries.find((e) => e.vm === "alpha/alpha-dc01").state).toBe("retiring");
    expect(retiring.work).toEqual(["remove alpha-dc01 10.1.10.11", "remove alpha-dc02 10.1.10.12"]);
    // Said once, not at every synth.
    expect(synthLock(sites).work).toEqual([]);
  });

  test("a shared service's address is never allocated to a new VM, but the VM that is the service keeps it", () => {
    const sites = copySites();
    // The shared DNS service's appliances sit at 10.0.20.10-11; put a VM with ip: on .10 and add new VMs to the shared network.
    edit(
      sites,
      "tiny/tenants/alpha.yaml",
      "workloads:\n",
      `workloads:\n  - { name: dns1, template: rhel9, size: small, network: shared, ip: 10.0.20.10, criticality: critical, classification: internal }\n`,
    );
    expect(synthLock(sites).byVm["alpha/dns1"]).toBe("10.0.20.10");
    edit(
      sites,
      "tiny/tenants/alpha.yaml",
      "workloads:\n",
      `workloads:\n  - { name: new1, template: rhel9, size: small, network: shared, criticality: standard, classification: internal }\n`,
    );
    // After the reserved block (.1-.11, which holds the service's appliances) the next free is .12.
    const { byVm } = synthLock(sites);
    expect(byVm["alpha/new1"]).toBe("10.0.20.12");
    expect(byVm["alpha/dns1"]).toBe("10.0.20.10");
  });

  // Since the lock has its own schema, each mistake of an entry is reported at its field.
  test("a malformed lock file is reported with its line", () => {
    const sites = copySites();
    writeFileSync(join(sites, "tiny", "ipam.lock.yaml"), "version: 1\naddresses:\n  - ip: nope\n    vm: alpha/x\n");
    const file = "tiny/ipam.lock.yaml";
    expect(loadErrors(sites)).toEqual([
      { file, line: 3, col: 5, pointer: "/addresses/0/network", message: 'missing required field "network"' },
      { file, line: 3, col: 5, pointer: "/addresses/0/state", message: 'missing required field "state"' },
      expect.objectContaining({
        file,
        line: 3,
        col: 9,
        pointer: "/addresses/0/ip",
        message: expect.stringMatching(/^expected an IPv4 address/),
      }),
    ]);
  });

  test("the lock is sorted by address and has no timestamps", () => {
    const sites = copySites();
    synthLock(sites);
    const text = readFileSync(join(sites, "tiny", "ipam.lock.yaml"), "utf8");
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}/);
    const ips = (parse(text).addresses as any[]).map((e) => e.ip);
    expect(ips).toEqual(["10.1.10.11", "10.1.10.12", "10.1.20.5"]);
  });
});
