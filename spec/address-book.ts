import type { ErrorSink } from "./check-helpers";

/**
 * The addresses a site uses (hosts, vmkernel ports, gateways, firewall units, VMs given one), each with
 * where it was first declared, so a second use is reported there: "address X is used twice; first at".
 */
export class AddressBook {
  /** Where each address was first declared, worked out (line and column) only for a message. */
  private readonly firstAt = new Map<string, () => string>();

  /** Records `ip` at `pointer`; reports it when already used. */
  use(ip: string, sink: ErrorSink, pointer: string): void {
    const first = this.firstAt.get(ip);
    if (first) sink.add(pointer, `address ${ip} is used twice; first at ${first()}`);
    else this.firstAt.set(ip, () => sink.where(pointer));
  }

  /** Records `ip` without a check (a tenant's gateway: its network's overlaps are checked elsewhere). */
  note(ip: string, sink: ErrorSink, pointer: string): void {
    this.firstAt.set(ip, () => sink.where(pointer));
  }

  has(ip: string): boolean {
    return this.firstAt.has(ip);
  }

  addresses(): Set<string> {
    return new Set(this.firstAt.keys());
  }
}
