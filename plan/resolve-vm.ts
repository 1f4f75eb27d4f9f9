import type { CheckedVm } from "../spec/checked-vm";
import type { Dns } from "../spec/types";
import type { Vm } from "./model";

/**
 * A checked VM with its planned address, as the union the constructs render. Called only for a site
 * without errors, so what the checks and allocation guarantee holds; a broken guarantee is our bug.
 */
export function resolveVm(vm: CheckedVm, ip: string | undefined, dns: Dns | undefined): Vm {
  const { lifecycle, ip: given, ...common } = vm;
  const existing = vm.workload.existing;
  switch (lifecycle) {
    case "removed":
      return { ...common, kind: "removed", lifecycle, existing, ip: given };
    case "unmanaged":
      return { ...common, kind: "unmanaged", lifecycle, ip };
    case "active":
    case "retiring": {
      if (existing)
        return { ...common, kind: "adopted", lifecycle, existing, importId: existing.importId.replace(/\{name\}/g, vm.name), ip };
      const diskGb = vm.size.diskGb;
      if (!vm.template || ip === undefined || !dns || diskGb === undefined) {
        const missing = !vm.template ? "a template" : ip === undefined ? "an address" : !dns ? "DNS settings" : "size.diskGb";
        throw new Error(`VM ${vm.name}: a new VM reached planning without ${missing}`);
      }
      return { ...common, kind: "new", lifecycle, size: { ...vm.size, diskGb }, template: vm.template, ip, dns };
    }
  }
}
