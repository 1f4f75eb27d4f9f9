import { addDays } from "./dates";
import type { Findings } from "./check-helpers";
import { intToIp, parseRange, usableHosts } from "./ipv4";
import type { LockEntry } from "./ipam-lock";
import type { Tenant, Vm } from "./types";

/** What synth must tell DNS and directory admins for one VM. */
export interface WorkItem {
  action: "add" | "remove" | "change";
  tenant: string;
  vm: string;
  ip: string;
  previousIp?: string;
  fqdn: string;
  /** Windows guests need a computer object in the directory. */
  computerObject: boolean;
}

export interface IpamResult {
  entries: LockEntry[];
  work: WorkItem[];
}

/** Whether the VM gets an address pinned (given or allocated). */
function wantsAddress(vm: Vm): boolean {
  if (vm.lifecycle === "removed") return false;
  if (vm.workload.existing || vm.lifecycle === "unmanaged") return vm.ip !== undefined;
  return true;
}

/**
 * Gives every VM its address: the one in the spec, else the one pinned in the lock, else the lowest free
 * one of its network after the reserved block (and not `reserved` for a shared service). Freed addresses are held for `holdDays` from `asOf`.
 * Allocation follows tenant and workload order, so the result does not depend on file order on disk.
 */
export function allocate(
  tenants: { tenant: Tenant; findings: Findings }[],
  previous: LockEntry[],
  siteAddresses: ReadonlySet<string>,
  asOf: string,
  holdDays: number,
  /** Addresses never handed to a VM by allocation (a shared service's), though a VM may keep or be given one. */
  reserved: ReadonlySet<string> = new Set(),
): IpamResult {
  const stillHeld = previous.filter((e) => e.state === "held" && e.heldUntil! >= asOf);
  const held = new Map(stillHeld.map((e) => [e.ip, e]));
  const pinned = new Map(previous.filter((e) => e.state !== "held").map((e) => [e.vm, e]));
  const taken = new Set<string>([...siteAddresses, ...held.keys()]);

  const netKey = (t: Tenant, vm: Vm) => (vm.sharedNetwork ? `site/${vm.network.name}` : `${t.spec.tenant}/${vm.network.name}`);
  const all = tenants.flatMap(({ tenant, findings }) =>
    tenant.vms.filter(wantsAddress).map((vm) => ({ tenant, vm, findings, key: `${tenant.spec.tenant}/${vm.name}` })),
  );

  // Given addresses first, then pinned ones, so allocation never hands them out.
  for (const item of all) {
    if (item.vm.ip === undefined) continue;
    const h = held.get(item.vm.ip);
    if (h && h.vm !== item.key)
      item.findings.add(
        `${item.vm.workloadPointer}/ip`,
        `address ${item.vm.ip} is held for the removed VM ${h.vm} until ${h.heldUntil}; choose another or leave ip out`,
      );
    taken.add(item.vm.ip);
  }
  for (const item of all) {
    const pin = pinned.get(item.key);
    if (item.vm.ip === undefined && pin && pin.network === netKey(item.tenant, item.vm) && !taken.has(pin.ip)) {
      item.vm.ip = pin.ip;
      taken.add(pin.ip);
    }
  }
  const exhausted = new Set<string>();
  for (const item of all) {
    if (item.vm.ip !== undefined) continue;
    const net = item.vm.network;
    const range = parseRange(net.cidr);
    if (typeof range === "string") continue;
    const hosts = usableHosts(range);
    let candidate = hosts.first + net.reserved;
    const unavailable = (ip: string) => taken.has(ip) || reserved.has(ip) || ip === net.gateway;
    while (candidate <= hosts.last && unavailable(intToIp(candidate))) candidate++;
    if (candidate > hosts.last) {
      const key = netKey(item.tenant, item.vm);
      if (!exhausted.has(key)) {
        exhausted.add(key);
        const needing = all.filter((o) => netKey(o.tenant, o.vm) === key).length;
        const free = hosts.last - hosts.first + 1 - net.reserved;
        item.findings.add(
          item.vm.workloadPointer,
          `network ${net.name} (${net.cidr}) has too few free addresses for its VMs: ${needing} VMs need one, ${free} addresses after the ${net.reserved} reserved, some taken or held; VM ${item.vm.name} gets none`,
        );
      }
      continue;
    }
    item.vm.ip = intToIp(candidate);
    taken.add(item.vm.ip);
  }

  const entries: LockEntry[] = [];
  const work: WorkItem[] = [];
  const current = new Set<string>();
  for (const { tenant, vm, key } of all) {
    if (vm.ip === undefined) continue;
    current.add(key);
    entries.push({ ip: vm.ip, network: netKey(tenant, vm), vm: key, state: vm.lifecycle as LockEntry["state"] });
    const before = pinned.get(key);
    const fqdn = `${vm.name}.${tenant.spec.dns?.domain ?? "local"}`;
    const computerObject = vm.template?.os === "windows";
    const item = { tenant: tenant.spec.tenant, vm: vm.name, ip: vm.ip, fqdn, computerObject };
    if (vm.lifecycle === "retiring") {
      if (!before || before.state === "active") work.push({ ...item, action: "remove" });
    } else if (!before && !vm.workload.existing && vm.lifecycle === "active") {
      work.push({ ...item, action: "add" });
    } else if (before && before.ip !== vm.ip) {
      work.push({ ...item, action: "change", previousIp: before.ip });
    }
  }
  const holdUntil = addDays(asOf, holdDays);
  const lookup = new Map(all.map((i) => [i.key, i]));
  for (const before of pinned.values()) {
    const now = lookup.get(before.vm);
    if (now?.vm.ip === before.ip) continue;
    // The address was freed (VM gone, removed, or moved to another address): hold it back.
    if (!entries.some((e) => e.ip === before.ip)) entries.push({ ...before, state: "held", heldUntil: holdUntil });
    if (!current.has(before.vm) && before.state !== "retiring") {
      const [tenant, vm] = before.vm.split("/");
      const t = tenants.find((x) => x.tenant.spec.tenant === tenant)?.tenant;
      const computerObject = t?.vms.find((v) => v.name === vm)?.template?.os === "windows";
      work.push({ action: "remove", tenant, vm, ip: before.ip, fqdn: `${vm}.${t?.spec.dns?.domain ?? "local"}`, computerObject });
    }
  }
  entries.push(...stillHeld.filter((e) => !entries.some((x) => x.ip === e.ip)));
  return { entries, work: work.sort((a, b) => `${a.tenant}/${a.vm}`.localeCompare(`${b.tenant}/${b.vm}`)) };
}
