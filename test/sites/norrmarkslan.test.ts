import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { AS_OF, EXAMPLES, runSynth, sharedSynth, tempDir } from "../helpers";
import { COUNTY_SITE, SHARED_SYNTHS } from "../shared-synth";
import { buildRooms } from "../../policies/engine/room";
import { readTerraformInput } from "../../policies/engine/terraform-input";
import { ALL_RULES } from "../../policies/rules";
import { tenantViewDifferences } from "../policies/tenant-view";

/**
 * The county example site (sites/norrmarkslan): one room, the joint board's tenant and fourteen
 * members, about 4,000 VMs. The shared examples leave it out (test/shared-synth.ts), so it is
 * synthesized here, once, from its own copy. Snapshots: the site-wide stacks and the template member's
 * tenant stack; every other stack is covered by its resource counts, and every VM's address by a
 * hash of the sorted (tenant, VM, ip) list.
 */

const SOURCE = join(SHARED_SYNTHS.examples, COUNTY_SITE);
const TEMPLATE = "tallmo";
const HOST = "gdn";

interface TfJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

let sites: string;
let out: string;
let result: { code: number; stdout: string; stderr: string };

const stacks = (): string[] => readdirSync(join(out, "stacks")).sort();
const stackText = (stack: string): string => readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8");
const stackJson = (stack: string): TfJson => JSON.parse(stackText(stack)) as TfJson;
const tenantFiles = (): string[] =>
  readdirSync(join(SOURCE, "tenants"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.replace(/\.yaml$/, ""))
    .sort();
const tenantSpec = (tenant: string): Record<string, unknown> =>
  parse(readFileSync(join(SOURCE, "tenants", `${tenant}.yaml`), "utf8")) as Record<string, unknown>;

/** Resource type -> count, sorted by type. */
function resourceCounts(stack: string): Record<string, number> {
  const resource = stackJson(stack).resource ?? {};
  return Object.fromEntries(
    Object.keys(resource)
      .sort()
      .map((type) => [type, Object.keys(resource[type] ?? {}).length]),
  );
}

/** Every VM of a tenant stack as `tenant vm ip` (the ip the clone's customization gives it, or `-`). */
function vmAddresses(tenant: string): string[] {
  const vms = stackJson(`${COUNTY_SITE}-${tenant}`).resource?.vsphere_virtual_machine ?? {};
  return Object.values(vms).map((vm) => {
    const clone = vm.clone as { customize?: { network_interface?: { ipv4_address?: string }[] } } | undefined;
    return `${tenant} ${String(vm.name)} ${clone?.customize?.network_interface?.[0]?.ipv4_address ?? "-"}`;
  });
}

describe("the shared examples", () => {
  test("leave the county site out (EXAMPLES and the shared synthesis), which the repository's sites/ holds", () => {
    expect(readdirSync(SHARED_SYNTHS.examples)).toContain(COUNTY_SITE);
    expect(readdirSync(EXAMPLES)).not.toContain(COUNTY_SITE);
    expect(readdirSync(EXAMPLES).sort()).toEqual(readdirSync(SHARED_SYNTHS.examples).filter((d) => d !== COUNTY_SITE).sort());
    expect(readdirSync(sharedSynth("examples").sites)).not.toContain(COUNTY_SITE);
    expect(readdirSync(join(sharedSynth("examples").out, "stacks")).filter((s) => s.startsWith(`${COUNTY_SITE}-`))).toEqual([]);
  });
});

describe("the county example site", () => {
  beforeAll(() => {
    sites = join(tempDir("county-"), "sites");
    cpSync(SOURCE, join(sites, COUNTY_SITE), { recursive: true });
    out = join(tempDir("county-out-"), "out");
    result = runSynth(["--sites", sites, "--out", out, "--as-of", AS_OF]);
  }, 600_000); // a minute on an idle two-core machine, several on a busy one

  test("synthesizes and passes every mandatory rule (exit 0), writing no new address pin", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readFileSync(join(sites, COUNTY_SITE, "ipam.lock.yaml"), "utf8")).toBe(readFileSync(join(SOURCE, "ipam.lock.yaml"), "utf8"));
  });

  test("is one room for the joint board and fourteen members, about 4,000 VMs, 20 to 650 each", () => {
    const tenants = tenantFiles();
    expect(tenants).toContain(HOST);
    expect(tenants).toContain(TEMPLATE);
    expect(tenants.length).toBe(15);
    expect(tenantSpec(HOST).hostMunicipality).toBe(true);
    const perTenant = new Map(tenants.map((t) => [t, vmAddresses(t).length]));
    const members = tenants.filter((t) => t !== HOST);
    for (const m of members) {
      expect({ m, hostMunicipality: tenantSpec(m).hostMunicipality ?? false }).toEqual({ m, hostMunicipality: false });
      expect({ m, inBand: (perTenant.get(m) ?? 0) >= 20 && (perTenant.get(m) ?? 0) <= 650 }).toEqual({ m, inBand: true });
    }
    const total = [...perTenant.values()].reduce((s, n) => s + n, 0);
    expect(total).toBeGreaterThanOrEqual(3800);
    expect(total).toBeLessThanOrEqual(4200);
  });

  test("every member but the template was cloned from the template", () => {
    for (const m of tenantFiles().filter((t) => t !== HOST && t !== TEMPLATE))
      expect({ m, clonedFrom: tenantSpec(m).clonedFrom }).toEqual({ m, clonedFrom: `${COUNTY_SITE}/${TEMPLATE}` });
  });

  test("the security-classified workloads run only on the dedicated cluster, which no other tenant uses", () => {
    const classifiedTenants = tenantFiles().filter((t) =>
      (tenantSpec(t).workloads as { classification: string }[]).some((w) => w.classification === "security-classified"),
    );
    expect(classifiedTenants).toEqual(["bjorkvik"]);
    const onCluster = (t: string): string | undefined => tenantSpec(t).cluster as string | undefined;
    expect(onCluster("bjorkvik")).toBe("skydd");
    for (const t of tenantFiles().filter((x) => x !== "bjorkvik")) expect({ t, cluster: onCluster(t) }).not.toEqual({ t, cluster: "skydd" });
    const pools = Object.values(stackJson(`${COUNTY_SITE}-bjorkvik`).resource?.vsphere_resource_pool ?? {}).map((p) => p.parent_resource_pool_id);
    expect(pools).toEqual(["${data.vsphere_compute_cluster.skydd.resource_pool_id}"]);
  });

  test("the FortiGates' VDOM licences hold every tenant's VDOM, the shared one and root", () => {
    const vdoms = Object.keys(stackJson(`${COUNTY_SITE}-firewall`).resource?.fortios_system_vdom ?? {});
    const licences = (parse(readFileSync(join(SOURCE, "site.yaml"), "utf8")) as { firewall: { vdomLicences: number } }).firewall.vdomLicences;
    expect(vdoms.length).toBe(16); // fifteen tenants and the shared VDOM
    expect(vdoms.length + 1).toBeLessThanOrEqual(licences);
  });

  test("snapshots: the site-wide stacks and the template member's tenant stack", () => {
    for (const stack of ["vsphere", "facility", "firewall", TEMPLATE].map((s) => `${COUNTY_SITE}-${s}`))
      expect(stackText(stack)).toMatchSnapshot(stack);
  });

  test("every other stack: its resource counts", () => {
    const snapshotted = new Set(["vsphere", "facility", "firewall", TEMPLATE].map((s) => `${COUNTY_SITE}-${s}`));
    const counts = Object.fromEntries(stacks().filter((s) => !snapshotted.has(s)).map((s) => [s, resourceCounts(s)]));
    expect(Object.keys(counts).length).toBe(2 * 15 - 1); // each tenant's two stacks, the template's VDOM stack included
    expect(counts).toMatchSnapshot();
  });

  test("each tenant's view finds what the whole room finds of that tenant, for every rule of reach tenant (synth --tenant)", () => {
    const rooms = buildRooms(readTerraformInput([out]));
    expect(rooms.map((r) => r.site)).toEqual([COUNTY_SITE]);
    const room = rooms[0];
    expect(room.facility("tenant")).toHaveLength(15);
    const rules = ALL_RULES.filter((r) => r.meta.reach === "tenant");
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(tenantViewDifferences(room, rule)).toEqual([]);
  });

  test("every VM's address: the sha256 of the sorted (tenant, VM, ip) list", () => {
    const list = tenantFiles().flatMap(vmAddresses).sort();
    expect(new Set(list.map((l) => l.split(" ")[2])).size).toBe(list.length); // no address twice
    expect({ vms: list.length, sha256: createHash("sha256").update(list.join("\n")).digest("hex") }).toMatchSnapshot();
  });
});
