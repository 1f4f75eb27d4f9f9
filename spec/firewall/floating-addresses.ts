import type { AddressBook } from "../address-book";
import type { Findings } from "../check-helpers";
import type { CheckedVm } from "../checked-vm";
import { hostAddressProblem, type Ipv4Range } from "../ipv4";
import { show } from "../spec-error";
import type { Network, TenantFile } from "../types";

/**
 * A tenant's floating addresses (firewall.floatingAddresses): the address of a load-balanced or HA
 * pair, which is no single VM's. Each lies in one of the tenant's networks (not its gateway), names VMs
 * of that network, and is reserved in the site's address book: allocation never hands it out, and a
 * VM's ip: equal to it is reported as an address used twice.
 */
export function checkFloatingAddresses(
  spec: TenantFile,
  own: ReadonlyMap<string, Network>,
  ranges: ReadonlyMap<string, Ipv4Range>,
  vms: readonly CheckedVm[],
  addresses: AddressBook,
  f: Findings,
): void {
  const floating = spec.firewall?.floatingAddresses ?? [];
  f.unique(
    floating,
    (a) => a.name,
    (i) => `/firewall/floatingAddresses/${i}/name`,
    "floating address name",
  );
  floating.forEach((a, i) => {
    const at = `/firewall/floatingAddresses/${i}`;
    const network = own.get(a.network);
    if (!network) return void f.known(a.network, own, `${at}/network`, "network");
    const range = ranges.get(a.network);
    const problem = range && hostAddressProblem(range, a.address, `the ${a.network} network`);
    if (problem) f.add(`${at}/address`, problem);
    else if (a.address === network.gateway)
      f.add(`${at}/address`, `expected an address no VM or gateway holds, found ${a.address}, the gateway of network ${a.network}`);
    else if (range) addresses.use(a.address, f, `${at}/address`);

    const onNetwork = vms.filter((vm) => !vm.sharedNetwork && vm.network.name === a.network).map((vm) => vm.name);
    (a.vms ?? []).forEach((name, j) => {
      const vm = vms.find((v) => v.name === name);
      if (!vm) {
        const list = onNetwork.length ? `${onNetwork.slice(0, 12).join(", ")}${onNetwork.length > 12 ? ", ..." : ""}` : "(none)";
        return f.add(`${at}/vms/${j}`, `unknown VM ${show(name)}; expected a VM of ${spec.tenant} on network ${a.network}: ${list}`);
      }
      if (vm.sharedNetwork || vm.network.name !== a.network)
        f.add(
          `${at}/vms/${j}`,
          `VM ${name} is on network ${vm.network.name}, not ${a.network}: a floating address moves between VMs of its own network`,
        );
    });
  });
}
