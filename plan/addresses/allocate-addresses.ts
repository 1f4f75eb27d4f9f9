import type { CheckedVm } from "../../spec/checked-vm";
import { addDays } from "../../spec/dates";
import { intToIp, parseRange, usableHosts } from "../../spec/ipv4";
import type { LockEntry } from "../../spec/ipam-lock";

/** What synth must tell DNS and directory admins for one VM. */
export type WorkItem = {
  tenant: string;
  vm: string;
  ip: string;
  fqdn: string;
  /** Windows guests need a computer object in the directory. */
  computerObject: boolean;
} & ({ action: "add" } | { action: "remove" } | { action: "change"; previousIp: string });

/** A tenant as allocation sees it. */
export interface AddressTenant {
  id: string;
  /** DNS domain for the work list (`local` when the tenant declares none). */
  dnsDomain?: string;
  vms: readonly CheckedVm[];
}

export interface AllocationInput {
  tenants: readonly AddressTenant[];
  /** The entries of the site's ipam.lock.yaml. */
  previous: readonly LockEntry[];
  /** Addresses the site itself uses (hosts, vmkernel ports, gateways): never given to a VM. */
  siteAddresses: ReadonlySet<string>;
  /** Evaluation date: held addresses whose heldUntil lies before it are free again. */
  asOf: string;
  /** How long a freed address is held back. */
  holdDays: number;
  /** Addresses allocation never hands out (a shared service's), though a VM may keep or be given one. */
  reserved: ReadonlySet<string>;
}

/** A mistake allocation found, to be reported at `pointer` in the tenant's file. */
export interface AllocationProblem {
  tenant: string;
  pointer: string;
  message: string;
}

export interface AddressPlan {
  /** The address of every VM that has one, by `<tenant>/<vm>`. */
  addresses: ReadonlyMap<string, string>;
  /** The lock the site should have after this synth. */
  entries: LockEntry[];
  work: WorkItem[];
  problems: AllocationProblem[];
}

/** `<tenant>/<vm>`: a VM's key in the lock and in the address map. */
export const vmKey = (tenant: string, vm: string): string => `${tenant}/${vm}`;

/** Whether the VM gets an address pinned (given or allocated). */
function wantsAddress(vm: CheckedVm): boolean {
  if (vm.lifecycle === "removed") return false;
  if (vm.workload.existing || vm.lifecycle === "unmanaged") return vm.ip !== undefined;
  return true;
}

/**
 * Gives every VM its address: the one in the spec, else the one pinned in the lock, else the lowest free
 * one of its network after the reserved block (and not `reserved`). Freed addresses are held for
 * `holdDays` from `asOf`. Allocation follows tenant and workload order, so the result does not depend
 * on file order on disk. Pure: reads its input, returns the addresses, the new lock and the work list.
 */
export function allocateAddresses(input: AllocationInput): AddressPlan {
  const { tenants, previous, asOf, reserved } = input;
  const stillHeld = previous.filter((e) => e.state === "held" && e.heldUntil !== undefined && e.heldUntil >= asOf);
  const held = new Map(stillHeld.map((e) => [e.ip, e]));
  const pinned = new Map(previous.filter((e) => e.state !== "held").map((e) => [e.vm, e]));
  const taken = new Set<string>([...input.siteAddresses, ...held.keys()]);
  const addresses = new Map<string, string>();
  const problems: AllocationProblem[] = [];

  const netKey = (tenant: string, vm: CheckedVm) => (vm.sharedNetwork ? `site/${vm.network.name}` : `${tenant}/${vm.network.name}`);
  const all = tenants.flatMap((tenant) => tenant.vms.filter(wantsAddress).map((vm) => ({ tenant, vm, key: vmKey(tenant.id, vm.name) })));
  const give = (key: string, ip: string) => {
    addresses.set(key, ip);
    taken.add(ip);
  };

  // Given addresses first, then pinned ones, so allocation never hands them out.
  for (const { tenant, vm, key } of all) {
    if (vm.ip === undefined) continue;
    const h = held.get(vm.ip);
    if (h && h.vm !== key) {
      problems.push({
        tenant: tenant.id,
        pointer: `${vm.workloadPointer}/ip`,
        message: `address ${vm.ip} is held for the removed VM ${h.vm} until ${h.heldUntil}; choose another or leave ip out`,
      });
    }
    give(key, vm.ip);
  }
  for (const { tenant, vm, key } of all) {
    const pin = pinned.get(key);
    if (!addresses.has(key) && pin && pin.network === netKey(tenant.id, vm) && !taken.has(pin.ip)) give(key, pin.ip);
  }
  const exhausted = new Set<string>();
  for (const { tenant, vm, key } of all) {
    if (addresses.has(key)) continue;
    const net = vm.network;
    const range = parseRange(net.cidr);
    if (typeof range === "string") continue;
    const hosts = usableHosts(range);
    let candidate = hosts.first + net.reserved;
    const unavailable = (ip: string) => taken.has(ip) || reserved.has(ip) || ip === net.gateway;
    while (candidate <= hosts.last && unavailable(intToIp(candidate))) candidate++;
    if (candidate <= hosts.last) {
      give(key, intToIp(candidate));
      continue;
    }
    const network = netKey(tenant.id, vm);
    if (exhausted.has(network)) continue;
    exhausted.add(network);
    const needing = all.filter((o) => netKey(o.tenant.id, o.vm) === network).length;
    const free = hosts.last - hosts.first + 1 - net.reserved;
    problems.push({
      tenant: tenant.id,
      pointer: vm.workloadPointer,
      message: `network ${net.name} (${net.cidr}) has too few free addresses for its VMs: ${needing} VMs need one, ${free} addresses after the ${net.reserved} reserved, some taken or held; VM ${vm.name} gets none`,
    });
  }

  const entries: LockEntry[] = [];
  const work: WorkItem[] = [];
  const fqdnOf = (tenant: AddressTenant, vm: string) => `${vm}.${tenant.dnsDomain ?? "local"}`;
  for (const { tenant, vm, key } of all) {
    const ip = addresses.get(key);
    if (ip === undefined) continue;
    entries.push({ ip, network: netKey(tenant.id, vm), vm: key, state: vm.lifecycle as LockEntry["state"] });
    const before = pinned.get(key);
    const item = { tenant: tenant.id, vm: vm.name, ip, fqdn: fqdnOf(tenant, vm.name), computerObject: vm.template?.os === "windows" };
    if (vm.lifecycle === "retiring") {
      if (!before || before.state === "active") work.push({ ...item, action: "remove" });
    } else if (!before && !vm.workload.existing && vm.lifecycle === "active") {
      work.push({ ...item, action: "add" });
    } else if (before && before.ip !== ip) {
      work.push({ ...item, action: "change", previousIp: before.ip });
    }
  }
  const holdUntil = addDays(asOf, input.holdDays);
  for (const before of pinned.values()) {
    if (addresses.get(before.vm) === before.ip) continue;
    // The address was freed (VM gone, removed, or moved to another address): hold it back.
    if (!entries.some((e) => e.ip === before.ip)) entries.push({ ...before, state: "held", heldUntil: holdUntil });
    if (!addresses.has(before.vm) && before.state !== "retiring") {
      const [tenantId, vmName] = before.vm.split("/");
      const tenant = tenants.find((t) => t.id === tenantId);
      const computerObject = tenant?.vms.find((v) => v.name === vmName)?.template?.os === "windows";
      work.push({
        action: "remove",
        tenant: tenantId,
        vm: vmName,
        ip: before.ip,
        fqdn: fqdnOf(tenant ?? { id: tenantId, vms: [] }, vmName),
        computerObject,
      });
    }
  }
  entries.push(...stillHeld.filter((e) => !entries.some((x) => x.ip === e.ip)));
  work.sort((a, b) => vmKey(a.tenant, a.vm).localeCompare(vmKey(b.tenant, b.vm)));
  return { addresses, entries, work, problems };
}
