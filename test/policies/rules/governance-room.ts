import type { FacilityOf } from "../../../contracts/facility-objects";
import { RoomBuilder } from "../room-builder";

/** A VM of the small governance rooms: its tenant, tags by category (null leaves a category out), cluster and port group. */
export interface TestVm {
  name: string;
  tenant: string;
  criticality?: string | null;
  classification?: string | null;
  lifecycle?: string | null;
  endpoint?: string | null;
  backup?: string | null;
  cluster?: string;
  network?: string;
  storagePolicy?: string;
}

const CATEGORIES = ["tenant", "criticality", "data-classification", "lifecycle", "endpoint-protection", "backup-class"];

/**
 * A site as the stacks write it: the vSphere stack creates tag categories, fixed tags, clusters and the
 * site's port groups; each tenant stack reads them by name, creates its tenant tag, pool and port groups,
 * and its VMs. Facility objects (tenants, workloads) are added by the test.
 */
/** The VM's tags of the categories with fixed tags, as [category, tag] (the tenant tag is its own). */
const fixedTagsOf = (vm: TestVm): [string, string][] =>
  (
    [
      ["criticality", vm.criticality],
      ["data-classification", vm.classification],
      ["lifecycle", vm.lifecycle],
      ["endpoint-protection", vm.endpoint],
      ["backup-class", vm.backup],
    ] as const
  ).flatMap(([c, v]): [string, string][] => (v ? [[c, v]] : []));

export function governanceRoom(vms: readonly TestVm[]): RoomBuilder {
  const b = new RoomBuilder();
  for (const c of CATEGORIES) b.resource("vsphere", "vsphere_tag_category", c, { name: c });
  const fixed = new Set<string>();
  const clusters = new Set<string>(["prod"]);
  for (const vm of vms) {
    for (const [c, v] of fixedTagsOf(vm)) fixed.add(`${c}|${v}`);
    clusters.add(vm.cluster ?? "prod");
  }
  for (const f of fixed) {
    const [c, v] = f.split("|") as [string, string];
    b.resource("vsphere", "vsphere_tag", `${c}_${v}`, { name: v, category_id: `\${vsphere_tag_category.${c}.id}` });
  }
  for (const c of clusters) b.resource("vsphere", "vsphere_compute_cluster", c, { name: c });
  b.resource("vsphere", "vsphere_distributed_port_group", "site_shared", { name: "s-shared", vlan_id: 20 });
  for (const tenant of [...new Set(vms.map((v) => v.tenant))]) {
    const stack = `s-${tenant}`;
    for (const c of CATEGORIES) b.data(stack, "vsphere_tag_category", c, { name: c });
    b.resource(stack, "vsphere_tag", `tenant_${tenant}`, { name: tenant, category_id: "${data.vsphere_tag_category.tenant.id}" });
    for (const f of fixed) {
      const [c, v] = f.split("|") as [string, string];
      b.data(stack, "vsphere_tag", `${c}_${v}`, { name: v, category_id: `\${data.vsphere_tag_category.${c}.id}` });
    }
    for (const c of clusters) {
      b.data(stack, "vsphere_compute_cluster", c, { name: c });
      b.resource(stack, "vsphere_resource_pool", `pool_${c}`, {
        name: tenant,
        parent_resource_pool_id: `\${data.vsphere_compute_cluster.${c}.resource_pool_id}`,
      });
    }
    b.resource(stack, "vsphere_distributed_port_group", "servere", { name: `${tenant}-servere`, vlan_id: 110 });
    b.resource(stack, "vsphere_distributed_port_group", "helse", { name: `${tenant}-helse`, vlan_id: 130 });
    b.data(stack, "vsphere_network", "shared", { name: "s-shared" });
    b.data(stack, "vsphere_storage_policy", "encrypted", { name: "VM Encryption Policy" });
    b.data(stack, "vsphere_storage_policy", "standard", { name: "Standard" });
    for (const vm of vms.filter((v) => v.tenant === tenant)) {
      const tags = [`\${vsphere_tag.tenant_${tenant}.id}`];
      for (const [c, v] of fixedTagsOf(vm)) tags.push(`\${data.vsphere_tag.${c}_${v}.id}`);
      const network = vm.network ?? "servere";
      b.resource(stack, "vsphere_virtual_machine", vm.name, {
        name: vm.name,
        resource_pool_id: `\${vsphere_resource_pool.pool_${vm.cluster ?? "prod"}.id}`,
        tags,
        network_interface: [
          { network_id: network === "shared" ? "${data.vsphere_network.shared.id}" : `\${vsphere_distributed_port_group.${network}.id}` },
        ],
        ...(vm.storagePolicy ? { storage_policy_id: `\${data.vsphere_storage_policy.${vm.storagePolicy}.id}` } : {}),
      });
    }
  }
  return b;
}

/** A VM with every tag, of tenant t1. */
export const vm = (name: string, more: Partial<TestVm> = {}): TestVm => ({
  name,
  tenant: "t1",
  criticality: "standard",
  classification: "internal",
  lifecycle: "active",
  endpoint: "agent",
  backup: "backup-silver",
  ...more,
});

type Fields<K extends "tenant" | "workload"> = Omit<FacilityOf<K>, "kind" | "site">;

export const tenant = (id: string, more: Partial<Fields<"tenant">> = {}): Fields<"tenant"> => ({
  id,
  name: id,
  country: "NO",
  hostMunicipality: false,
  lifecycle: "active",
  legalEntity: `${id} kommune`,
  regimes: [],
  analysisDate: null,
  agreementRef: null,
  dpaRef: null,
  suaRef: null,
  samradRef: null,
  nhnAgreementRef: null,
  sapoSamradRef: null,
  reportingRoutes: [],
  onboardingUntil: null,
  processingStarted: true,
  ...more,
});

export const workload = (id: string, tenantId: string, vms: string[], more: Partial<Fields<"workload">> = {}): Fields<"workload"> => ({
  id,
  tenantId,
  system: id,
  vms,
  sensitivity: "internal",
  criticality: "standard",
  lifecycle: "active",
  backupClass: "silver",
  addresses: vms.map(() => null),
  endpointProtection: "agent",
  endpointExemptionReason: null,
  ...more,
});
