import { stackNames } from "../contracts/stack-names";

/** A stack name someone would take: a site for its own stacks, or a tenant. */
export interface StackClaim<Owner> {
  stack: string;
  owner: Owner;
  /** The stack in words: "site tiny's vSphere stack", "tenant alpha's firewall stack". */
  what: string;
  /** What to do when the name is taken. */
  remedy: string;
  /** Earlier ranks take a name first: a site's own stacks, then tenants' firewall stacks, then tenants' own. */
  rank: number;
}

/**
 * Every stack name a site and its tenants take. When two want one name, the later rank is told to
 * choose another id: a tenant named vsphere, not the site; a tenant x-fw, not the tenant x beside it.
 * Site stacks count whether or not the site has a firewall yet, so adding one later breaks nothing.
 */
export function stackClaims<Owner>(
  site: string,
  siteOwner: Owner,
  tenants: readonly { tenant: string; owner: Owner }[],
): StackClaim<Owner>[] {
  const ofSite = (stack: string, what: string): StackClaim<Owner> => ({
    stack,
    owner: siteOwner,
    what: `site ${site}'s ${what} stack`,
    remedy: "choose another site id",
    rank: 0,
  });
  const ofTenant = (tenant: string, owner: Owner, firewall: boolean): StackClaim<Owner> => ({
    stack: firewall ? stackNames.tenantFirewall(site, tenant) : stackNames.tenant(site, tenant),
    owner,
    what: `tenant ${tenant}'s ${firewall ? "firewall stack" : "stack"}`,
    remedy: "choose another tenant id",
    rank: firewall ? 1 : 2,
  });
  return [
    ofSite(stackNames.vsphere(site), "vSphere"),
    ofSite(stackNames.facility(site), "facility"),
    ofSite(stackNames.firewall(site), "firewall"),
    ...tenants.flatMap(({ tenant, owner }) => [ofTenant(tenant, owner, true), ofTenant(tenant, owner, false)]),
  ];
}

/** Claims of a stack name another owner took first (by rank, then order), each with that first claim. */
export function stackClashes<Owner>(claims: readonly StackClaim<Owner>[]): { claim: StackClaim<Owner>; first: StackClaim<Owner> }[] {
  const firstClaim = new Map<string, StackClaim<Owner>>();
  const clashes: { claim: StackClaim<Owner>; first: StackClaim<Owner> }[] = [];
  for (const claim of [...claims].sort((a, b) => a.rank - b.rank)) {
    const first = firstClaim.get(claim.stack);
    if (first === undefined) firstClaim.set(claim.stack, claim);
    else if (first.owner !== claim.owner) clashes.push({ claim, first });
  }
  return clashes;
}

/** What a clash is reported as, at the later claim. */
export function clashMessage({ claim, first }: { claim: StackClaim<unknown>; first: StackClaim<unknown> }): string {
  return `${claim.what} would be ${claim.stack}, which is already ${first.what} (stacks share one output directory); ${claim.remedy}`;
}
