import { ipToInt, usableHosts, type Ipv4Range } from "../../spec/ipv4";
import type { Network } from "../../spec/types";

/** Why allocation never hands out an address of a network. */
export type Unallocatable = "outside" | "network-address" | "broadcast-address" | "gateway" | "shared-service" | "reserved-block";

/**
 * The addresses allocation may hand out on one network: its host addresses after the `reserved` block,
 * except its gateway and the shared services' addresses. Allocation picks from it; the lock's pins are
 * checked against it, so a pin is never kept where allocation would never have put it.
 */
export class NetworkPool {
  /** The lowest and highest address allocation may hand out (some may be the gateway or a service's). */
  readonly first: number;
  readonly last: number;

  constructor(
    readonly network: Network,
    readonly range: Ipv4Range,
    /** Shared services' addresses, each with its service's name. */
    private readonly services: ReadonlyMap<string, string>,
  ) {
    const hosts = usableHosts(range);
    this.first = hosts.first + network.reserved;
    this.last = hosts.last;
  }

  /** Why allocation would never hand out `ip`, or undefined when it may (free or not). */
  whyNot(ip: string): Unallocatable | undefined {
    const value = ipToInt(ip);
    const hosts = usableHosts(this.range);
    if (value < this.range.first || value > this.range.last) return "outside";
    if (value < hosts.first) return "network-address";
    if (value > hosts.last) return "broadcast-address";
    if (ip === this.network.gateway) return "gateway";
    if (this.services.has(ip)) return "shared-service";
    if (value < this.first) return "reserved-block";
    return undefined;
  }

  /** What `whyNot` found, in words that follow an address ("10.1.20.1 is the gateway of ..."). */
  describe(ip: string, why: Unallocatable): string {
    const net = `${this.network.name} ${this.range.cidr}`;
    switch (why) {
      case "outside":
        return `lies outside its network ${net} (re-addressed?)`;
      case "network-address":
        return `is the network address of ${net}`;
      case "broadcast-address":
        return `is the broadcast address of ${net}`;
      case "gateway":
        return `is the gateway of network ${net}`;
      case "shared-service":
        return `is the address of the shared service ${this.services.get(ip) ?? "?"} on network ${net}`;
      case "reserved-block":
        return `lies in the reserved block of network ${net} (its first ${this.network.reserved} host addresses)`;
    }
  }
}
