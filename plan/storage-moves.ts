import type { AdoptedVm, Site } from "./model";

/**
 * An adopted VM whose spec names a placement other than the datastore it runs on: its first apply
 * migrates it. The provider reads an imported VM's `datastore_id` from vCenter, and a different
 * `datastore_id` or a `datastore_cluster_id` in the configuration relocates the VM's home and every
 * disk (a storage vMotion: DiskMigrateRelocateOperation in virtual_machine_disk_subresource.go
 * relocates each disk when `datastore_id` changes).
 */
export interface StorageMove {
  tenant: string;
  vm: string;
  from: string;
  to: AdoptedVm["placement"];
  /** Provisioned size of its disks: what the storage vMotion copies (thin disks copy what they hold). */
  gb: number;
}

export function storageMoves(site: Site): StorageMove[] {
  const moves: StorageMove[] = [];
  for (const tenant of site.tenants)
    for (const vm of tenant.vms) {
      if (vm.kind !== "adopted") continue;
      const from = vm.existing.datastore;
      if (vm.placement.kind === "datastore" && vm.placement.name === from) continue;
      const gb = vm.existing.disks.reduce((sum, d) => sum + d.sizeGb, 0);
      moves.push({ tenant: tenant.spec.tenant, vm: vm.name, from, to: vm.placement, gb });
    }
  return moves.sort((a, b) => a.tenant.localeCompare(b.tenant) || a.vm.localeCompare(b.vm));
}

/** The moves as work-list text: what the first apply would do, and how much it copies. */
export function formatStorageMoves(site: string, moves: readonly StorageMove[]): string {
  if (moves.length === 0) return "";
  const total = moves.reduce((sum, m) => sum + m.gb, 0);
  const lines = [`Storage moves the next apply makes for ${site} (storage vMotion of running VMs, ${total} GB in all):`];
  for (const m of moves) {
    const to = m.to.kind === "datastore" ? `datastore ${m.to.name}` : `datastore cluster ${m.to.name} (Storage DRS picks the datastore)`;
    lines.push(`  move    ${m.vm} (tenant ${m.tenant}) ${m.gb} GB from datastore ${m.from} to ${to}`);
  }
  lines.push(`  To keep a VM where it is, leave its workload's datastore out (it stays on existing.datastore).`);
  return lines.join("\n") + "\n";
}
