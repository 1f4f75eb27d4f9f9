import type { ErrorSink, Findings } from "../check-helpers";
import type { CheckedVm } from "../checked-vm";
import { intToIp, ipToInt, parseRange, usableHosts } from "../ipv4";
import { sharedServicesNetworks } from "../network-lookup";
import { show } from "../spec-error";
import type { SiteFile } from "../types";

/** The VM a shared service names for one of its addresses, and where site.yaml says so. */
export interface ServiceHolder {
  /** `<tenant>/<vm>` */
  vm: string;
  service: string;
  network: string;
  address: string;
  /** `file:line:col` of the `vms` entry. */
  readonly where: string;
  pointer: string;
}

/**
 * The site's side of shared services and the VMs that hold their addresses (`vms: [<tenant>/<vm>]`, one
 * per address, in order). Allocation never hands out a service's address (plan/addresses/network-pool.ts),
 * so a VM meant to be the service but left without ip: would get another one and the firewall's address
 * object would point at nothing. Hence an address is either a named VM's, or an appliance's in the
 * network's reserved block (which allocation does not use either). Returns the holders by `<tenant>/<vm>`;
 * the tenant checks give each its address (holdServiceAddresses).
 */
export function serviceHolders(site: SiteFile, f: Findings): Map<string, ServiceHolder> {
  const holders = new Map<string, ServiceHolder>();
  const byAddress = new Map<string, ServiceHolder>();
  const shared = sharedServicesNetworks(site);
  (site.firewall?.sharedServices ?? []).forEach((s, i) => {
    const at = `/firewall/sharedServices/${i}`;
    const network = shared.get(s.network);
    const range = network && parseRange(network.cidr);
    if (!network || range === undefined || typeof range === "string") return; // reported by checkFirewall
    if (s.vms === undefined) {
      const hosts = usableHosts(range);
      const poolFirst = hosts.first + network.reserved;
      const block = network.reserved > 0 ? `${intToIp(hosts.first)}-${intToIp(poolFirst - 1)}` : "none: reserved is 0";
      s.addresses.forEach((a, j) => {
        const value = ipToInt(a);
        if (value < poolFirst || value > hosts.last) return; // outside the network: reported by checkFirewall
        f.add(
          `${at}/addresses/${j}`,
          `expected the VM that holds ${a} named in vms: (<tenant>/<vm>, one per address; a VM without ip: would get another address and the firewall would point at nothing), or an appliance's address in the reserved block of ${s.network} (${block}); found no VM named`,
        );
      });
      return;
    }
    if (s.vms.length !== s.addresses.length) {
      f.add(
        `${at}/vms`,
        `expected one VM per address (${s.addresses.length} address${s.addresses.length === 1 ? "" : "es"}), found ${s.vms.length} VM${s.vms.length === 1 ? "" : "s"}`,
      );
      return;
    }
    s.vms.forEach((vm, j) => {
      const pointer = `${at}/vms/${j}`;
      // Where it is written is worked out (line and column, a parse of the file) only for a message.
      const holder: ServiceHolder = {
        vm,
        service: s.name,
        network: s.network,
        address: s.addresses[j],
        get where() {
          return f.where(pointer);
        },
        pointer,
      };
      const before = holders.get(vm);
      if (before && before.address !== holder.address)
        return f.add(pointer, `VM ${vm} is already named for ${before.address} at ${before.where}; a VM holds one address`);
      const other = byAddress.get(holder.address);
      if (other && other.vm !== vm)
        return f.add(pointer, `address ${holder.address} is already held by VM ${other.vm} at ${other.where}; one VM holds an address`);
      if (!before) holders.set(vm, holder);
      if (!other) byAddress.set(holder.address, holder);
    });
  });
  return holders;
}

/**
 * Gives each VM of `tenant` that a shared service names its address, as if its workload said ip:, so
 * allocation pins it there. A VM that cannot hold it (another ip:, another network, removed) is an error
 * at that VM's workload, naming the service.
 */
export function holdServiceAddresses(tenant: string, vms: CheckedVm[], holders: ReadonlyMap<string, ServiceHolder>, f: ErrorSink): void {
  for (const vm of vms) {
    const h = holders.get(`${tenant}/${vm.name}`);
    if (!h) continue;
    const at = vm.workloadPointer;
    const named = () => `shared service ${h.service} (${h.where})`;
    if (vm.lifecycle === "removed") {
      f.add(
        vm.workload.lifecycle === undefined ? "/lifecycle" : `${at}/lifecycle`,
        `a removed VM holds no address, but ${named()} names VM ${vm.name} for ${h.address}; take it out of the service's vms`,
      );
    } else if (!vm.sharedNetwork || vm.network.name !== h.network) {
      f.add(
        `${at}/network`,
        `expected network ${h.network}, where ${named()} puts VM ${vm.name} at ${h.address}, found ${vm.network.name}`,
      );
    } else if (vm.ip !== undefined && vm.ip !== h.address) {
      f.add(
        `${at}/ip`,
        `expected ${h.address}, the address shared service ${h.service} gives VM ${vm.name} (${h.where}), found ${vm.ip}; write that address or leave ip out`,
      );
    } else {
      vm.ip = h.address;
    }
  }
}

/** A VM of the site's tenants as the cross-file check sees it. */
export interface TenantVms {
  tenant: string;
  vms: readonly { name: string; network: { name: string }; sharedNetwork: boolean }[];
}

/** Every VM a shared service names exists (checked once all tenant files are read); reported in site.yaml. */
export function checkHoldersExist(site: SiteFile, f: ErrorSink, tenants: readonly TenantVms[]): void {
  const known = new Set(tenants.flatMap((t) => t.vms.map((vm) => `${t.tenant}/${vm.name}`)));
  (site.firewall?.sharedServices ?? []).forEach((s, i) => {
    if (s.vms === undefined || s.vms.length !== s.addresses.length) return;
    s.vms.forEach((vm, j) => {
      if (known.has(vm)) return;
      const onNetwork = tenants
        .flatMap((t) => t.vms.filter((v) => v.sharedNetwork && v.network.name === s.network).map((v) => `${t.tenant}/${v.name}`))
        .sort();
      const list = onNetwork.length
        ? `${onNetwork.slice(0, 12).join(", ")}${onNetwork.length > 12 ? ", ..." : ""}`
        : "(none: give the VM network " + s.network + " in its workload)";
      f.add(`/firewall/sharedServices/${i}/vms/${j}`, `unknown VM ${show(vm)}; expected a VM on network ${s.network}: ${list}`);
    });
  });
}
