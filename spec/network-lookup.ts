import type { Network, NetworkPurpose } from "./types";

/**
 * The site's networks looked up by purpose or name, in one place. A duplicate name is reported by the
 * site checks; until then the first declaration counts.
 */
export function networkByPurpose(site: { readonly networks: readonly Network[] }, purpose: NetworkPurpose): Network | undefined {
  return site.networks.find((n) => n.purpose === purpose);
}

/** Networks by name, the first declaration of a name winning. */
export function networksByName(networks: readonly Network[]): Map<string, Network> {
  return new Map([...networks].reverse().map((n) => [n.name, n]));
}

/** The site's shared-services networks (DNS, directory, ...), which tenants' VMs and flows may use, by name. */
export function sharedServicesNetworks(site: { readonly networks: readonly Network[] }): Map<string, Network> {
  return networksByName(site.networks.filter((n) => n.purpose === "shared-services"));
}
