/**
 * Stack names of a site, split by blast radius (README "What you get: stacks split by blast radius"):
 * what synth names its stacks and what the policy reports read back. spec/stack-names.ts decides who
 * may take a name when two would want the same one.
 */
export const stackNames = {
  vsphere: (site: string) => `${site}-vsphere`,
  facility: (site: string) => `${site}-facility`,
  tenant: (site: string, tenant: string) => `${site}-${tenant}`,
  firewall: (site: string) => `${site}-firewall`,
  tenantFirewall: (site: string, tenant: string) => `${site}-${tenant}-fw`,
};

/** What a stack of a site holds. */
export type StackKind =
  { kind: "vsphere" | "facility" | "firewall"; tenant?: undefined } | { kind: "tenant" | "tenant-firewall"; tenant: string };

const SITE_STACKS = [
  ["vsphere", stackNames.vsphere],
  ["facility", stackNames.facility],
  ["firewall", stackNames.firewall],
] as const;

/**
 * What a stack of a site is, from its name; undefined when the name is not one of the site's stacks.
 * Names are read as synth hands them out (spec/stack-names.ts): the site's own stacks first, then a
 * tenant's firewall stack (`<site>-<tenant>-fw`), then a tenant's own stack (`<site>-<tenant>`). With
 * the site's tenant ids (the `tenant` facility objects) the answer is exact: a tenant whose id ends
 * in `-fw` is told apart from another tenant's firewall stack, and a name no tenant has is undefined.
 * Without them, `<site>-x-fw` is read as tenant x's firewall stack. The caller picks the site (for
 * sites `a` and `a-b`, stack `a-b-vsphere` belongs to `a-b`: try the longest site id first).
 */
export function stackKindOf(site: string, stack: string, tenants?: readonly string[]): StackKind | undefined {
  for (const [kind, name] of SITE_STACKS) if (stack === name(site)) return { kind };
  const prefix = `${site}-`;
  if (!stack.startsWith(prefix) || stack.length === prefix.length) return undefined;
  const rest = stack.slice(prefix.length);
  if (tenants !== undefined) {
    const firewallOf = tenants.find((t) => stackNames.tenantFirewall(site, t) === stack);
    if (firewallOf !== undefined) return { kind: "tenant-firewall", tenant: firewallOf };
    return tenants.includes(rest) ? { kind: "tenant", tenant: rest } : undefined;
  }
  if (rest.endsWith("-fw") && rest.length > "-fw".length) return { kind: "tenant-firewall", tenant: rest.slice(0, -"-fw".length) };
  return { kind: "tenant", tenant: rest };
}
