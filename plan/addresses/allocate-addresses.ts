import type { CheckedVm } from "../../spec/checked-vm";
import { addDays } from "../../spec/dates";
import { intToIp, parseRange } from "../../spec/ipv4";
import type { LockEntry } from "../../spec/ipam-lock";
import { NetworkPool } from "./network-pool";

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
  /** Shared services' addresses with the service's name: never handed out, though a VM may be given one. */
  sharedServices: ReadonlyMap<string, string>;
}

/** A mistake allocation found, to be reported at `pointer` in a tenant's file or in the site's lock file. */
export type AllocationProblem = { pointer: string; message: string } & ({ in: "tenant"; tenant: string } | { in: "lock" });

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
 * Why a pin cannot be kept, naming the VM and the fix, or undefined when it can. A pin on a shared
 * service's address is kept: the service was declared at the address its VM already had.
 */
function pinProblem(pin: LockEntry, pool: NetworkPool): string | undefined {
  const why = pool.whyNot(pin.ip);
  if (why === undefined || why === "shared-service") return undefined;
  const keep = why === "reserved-block" ? `, or keep it by writing ip: ${pin.ip} in its workload or lowering reserved` : "";
  return `pinned address ${pin.ip} of VM ${pin.vm} ${pool.describe(pin.ip, why)}; delete this entry to give the VM a new address${keep}`;
}

/**
 * Gives every VM its address: the one in the spec, else the one pinned in the lock, else the lowest free
 * one of its network's pool (after the reserved block, not the gateway, not a shared service's). A pin
 * the pool would never have handed out (the network was re-addressed or its reserved block grown) is a
 * problem in the lock, never silently replaced. A pin whose VM left, or moved to another network, is
 * held. Freed addresses are held for `holdDays` from `asOf`. Allocation follows tenant and workload
 * order, so the result does not depend on file order on disk. Pure: reads its input, returns the
 * addresses, the new lock and the work list.
 */
export function allocateAddresses(input: AllocationInput): AddressPlan {
  const { tenants, previous, asOf } = input;
  const stillHeld = previous.filter((e) => e.state === "held" && e.heldUntil !== undefined && e.heldUntil >= asOf);
  const held = new Map(stillHeld.map((e) => [e.ip, e]));
  const pinned = new Map(previous.filter((e) => e.state !== "held").map((e) => [e.vm, e]));
  const taken = new Set<string>([...input.siteAddresses, ...held.keys()]);
  const addresses = new Map<string, string>();
  const problems: AllocationProblem[] = [];

  const netKey = (tenant: string, vm: CheckedVm) => (vm.sharedNetwork ? `site/${vm.network.name}` : `${tenant}/${vm.network.name}`);
  const pools = new Map<string, NetworkPool | undefined>();
  const poolOf = (tenant: string, vm: CheckedVm): NetworkPool | undefined => {
    const network = netKey(tenant, vm);
    if (!pools.has(network)) {
      const range = parseRange(vm.network.cidr);
      pools.set(network, typeof range === "string" ? undefined : new NetworkPool(vm.network, range, input.sharedServices));
    }
    return pools.get(network);
  };
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
        in: "tenant",
        tenant: tenant.id,
        pointer: `${vm.workloadPointer}/ip`,
        message: `address ${vm.ip} is held for the removed VM ${h.vm} until ${h.heldUntil}; choose another or leave ip out`,
      });
    }
    give(key, vm.ip);
  }
  for (const { tenant, vm, key } of all) {
    const pin = pinned.get(key);
    const pool = poolOf(tenant.id, vm);
    // A pin for another network is the VM's old address: it is held below, and the VM gets a new one.
    if (addresses.has(key) || !pin || !pool || pin.network !== netKey(tenant.id, vm)) continue;
    const problem = pinProblem(pin, pool);
    if (problem) problems.push({ in: "lock", pointer: `/addresses/${previous.indexOf(pin)}/ip`, message: problem });
    else if (!taken.has(pin.ip)) give(key, pin.ip);
  }
  const exhausted = new Set<string>();
  for (const { tenant, vm, key } of all) {
    if (addresses.has(key)) continue;
    const net = vm.network;
    const pool = poolOf(tenant.id, vm);
    if (!pool) continue;
    let candidate = pool.first;
    const unavailable = (ip: string) => taken.has(ip) || pool.whyNot(ip) !== undefined;
    while (candidate <= pool.last && unavailable(intToIp(candidate))) candidate++;
    if (candidate <= pool.last) {
      give(key, intToIp(candidate));
      continue;
    }
    const network = netKey(tenant.id, vm);
    if (exhausted.has(network)) continue;
    exhausted.add(network);
    const needing = all.filter((o) => netKey(o.tenant.id, o.vm) === network).length;
    const free = pool.last - pool.first + 1;
    problems.push({
      in: "tenant",
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
  // The addresses in entries so far: a look-up, not a scan of them per freed address.
  const entryIps = new Set(entries.map((e) => e.ip));
  for (const before of pinned.values()) {
    if (addresses.get(before.vm) === before.ip) continue;
    // The address was freed (VM gone, removed, or moved to another address): hold it back.
    if (!entryIps.has(before.ip)) {
      entries.push({ ...before, state: "held", heldUntil: holdUntil });
      entryIps.add(before.ip);
    }
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
  entries.push(...stillHeld.filter((e) => !entryIps.has(e.ip)));
  work.sort((a, b) => vmKey(a.tenant, a.vm).localeCompare(vmKey(b.tenant, b.vm)));
  return { addresses, entries, work, problems };
}
