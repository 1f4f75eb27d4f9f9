import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, visit } from "yaml";
import type { Site, Tenant } from "../../plan/model";
import { addDays } from "../../spec/dates";
import { networkOfInterface } from "../../spec/ipv4";
import { isSpecId, SPEC_ID_WORDS } from "../../spec/site-directory";
import { UsageError } from "../exit-codes";
import { readCidrOption, type AddressPlan, type UsedRange } from "./address-plan";
import { cloneSiteDocument } from "./clone-site-document";
import { cloneTenantDocument } from "./clone-tenant-document";
import { renameComments } from "./file-comments";
import { locateNotes, type ReviewNote } from "./review-notes";
import { planSiteAddresses, siteRanges } from "./site-address-plan";
import { defaultDisplayName, defaultVmPrefix, Renaming, vmPrefixOf, type TenantNames } from "./tenant-names";
import { readVlansOption } from "./vlan-plan";

export interface SiteCloneOptions {
  from: string;
  to: string;
  cidr?: string;
  vlans?: string;
  displayName?: string;
  /** Partner tenants that come along, source id -> new id; the host municipality always does, as <to>. */
  tenants: ReadonlyMap<string, string>;
  asOf: string;
  onboardingDays: number;
}

/** One file of the new site: its path under the site directory, text and what to review in it. */
export interface ClonedFile {
  rel: string;
  text: string;
  review: (ReviewNote & { line: number })[];
}

export interface SiteClone {
  files: ClonedFile[];
  /** What stayed behind, by the source file it is in. */
  dropped: { file: string; notes: ReviewNote[] }[];
  cidr: string;
  internet?: string;
}

/** Names of a tenant, with the prefix its VMs share. */
function namesOf(t: Tenant): TenantNames {
  return {
    id: t.spec.tenant,
    displayName: t.spec.name,
    vmPrefix: vmPrefixOf((t.spec.workloads ?? []).map((w) => w.namePattern ?? w.name)),
  };
}

/**
 * A whole site for a partner that builds its own room from a working one: site.yaml, the host
 * municipality (the new site's host, named <to>), the partners asked for, and policy.yaml, each renamed
 * and moved with the same guarantees as a tenant clone. Approvers and waivers are grants of the source's
 * people and are not copied.
 */
export function cloneSite(sites: readonly Site[], o: SiteCloneOptions): SiteClone {
  if (!isSpecId(o.to)) throw new UsageError(`--to: expected a site id (${SPEC_ID_WORDS}), found ${JSON.stringify(o.to)}`);
  const source = sites.find((s) => s.spec.site === o.from);
  if (!source)
    throw new UsageError(`--from: no site ${JSON.stringify(o.from)}; the sites are ${sites.map((s) => s.spec.site).join(", ")}`, false);
  if (sites.some((s) => s.spec.site === o.to)) throw new UsageError(`--to: site ${o.to} already exists; nothing was written`, false);
  const host = source.tenants.find((t) => t.spec.hostMunicipality);
  for (const [from, to] of o.tenants) {
    const t = source.tenants.find((x) => x.spec.tenant === from);
    if (!t) throw new UsageError(`--tenant ${from}=${to}: site ${o.from} has no tenant ${from}`, false);
    if (t === host) throw new UsageError(`--tenant ${from}=${to}: ${from} is the host municipality, which comes along as ${o.to}`, false);
    if (!isSpecId(to) || to === o.to || [...o.tenants].some(([f, x]) => x === to && f !== from))
      throw new UsageError(`--tenant ${from}=${to}: expected a new tenant id, distinct from the others and from ${o.to}`, false);
  }

  // Names: the site, its host (who becomes the new room's host, named like the site) and the partners.
  const municipality =
    o.displayName ?? defaultDisplayName({ id: source.spec.site, displayName: source.spec.municipality }, o.to, source.spec.country);
  const siteNames = { from: { id: source.spec.site, displayName: source.spec.municipality }, to: { id: o.to, displayName: municipality } };
  const moves: { tenant: Tenant; to: TenantNames }[] = [];
  const prefixes = new Set<string>();
  const prefixFor = (id: string) => {
    const p = defaultVmPrefix(id, prefixes);
    prefixes.add(p);
    return p;
  };
  if (host) moves.push({ tenant: host, to: { id: o.to, displayName: municipality, vmPrefix: prefixFor(o.to) } });
  for (const [from, to] of o.tenants) {
    const tenant = source.tenants.find((x) => x.spec.tenant === from) as Tenant;
    moves.push({
      tenant,
      to: {
        id: to,
        displayName: defaultDisplayName({ id: from, displayName: tenant.spec.name }, to, tenant.spec.country),
        vmPrefix: prefixFor(to),
      },
    });
  }
  const pairs = [siteNames, ...moves.map((m) => ({ from: namesOf(m.tenant), to: m.to }))];

  // Addresses: beside every other site's, so the rooms of a cooperation can be connected.
  // The source is one of them: the new room is connected to it more often than to any other.
  const others: UsedRange[] = sites.flatMap((s) => [
    ...siteRanges(s),
    ...(s.spec.firewall
      ? [{ range: networkOfInterface(s.spec.firewall.internet.address), owner: `the internet uplink of site ${s.spec.site}` }]
      : []),
  ]);
  const { plan, target, internet } = planSiteAddresses(source, others, o.cidr === undefined ? undefined : readCidrOption(o.cidr));
  const moveVlan = vlanShift(
    source,
    moves.map((m) => m.tenant),
    o.vlans,
  );

  const files: ClonedFile[] = [];
  const dropped: SiteClone["dropped"] = [];
  const droppedVms = new Map<string, ReadonlySet<string>>();
  for (const m of moves) {
    const renaming = new Renaming(namesOf(m.tenant), m.to, pairs);
    const cloned = cloneTenantDocument(readFileSync(tenantFile(source, m.tenant.spec.tenant), "utf8"), {
      site: source,
      source: m.tenant,
      renaming,
      addresses: plan,
      vlanRange: { from: moveVlan(m.tenant.spec.vlanRange.from), to: moveVlan(m.tenant.spec.vlanRange.to) },
      moveVlan,
      flowIdOffset: 0,
      asOf: o.asOf,
      onboardingDays: o.onboardingDays,
      inNewSite: true,
      keepsHost: m.tenant === host,
      keep: new Set(),
    });
    droppedVms.set(m.tenant.spec.tenant, cloned.droppedVms);
    files.push({ rel: join("tenants", `${m.to.id}.yaml`), text: cloned.text, review: locateNotes(cloned.text, cloned.review) });
    if (cloned.dropped.length) dropped.push({ file: m.tenant.file, notes: cloned.dropped });
  }
  const left = source.tenants.filter((t) => !moves.some((m) => m.tenant === t));
  if (left.length)
    dropped.push({
      file: join(source.dir, "tenants"),
      notes: left.map((t) => ({
        path: [],
        line: 0,
        text: `tenant ${t.spec.tenant}: a partner of ${source.spec.site}'s room (take it along with --tenant ${t.spec.tenant}=<id>)`,
      })),
    });

  const siteRenaming = new Renaming(siteNames.from, siteNames.to, pairs.slice(1));
  const site = cloneSiteDocument(readFileSync(join(source.dir, "site.yaml"), "utf8"), {
    sourceSite: source.spec.site,
    newSite: o.to,
    municipality,
    renaming: siteRenaming,
    addresses: plan,
    moveVlan,
    keepsVm: (tenant, vm) => droppedVms.has(tenant) && !droppedVms.get(tenant)?.has(vm),
    asOf: o.asOf,
    onboardingUntil: addDays(o.asOf, o.onboardingDays),
  });
  files.unshift({ rel: "site.yaml", text: site.text, review: locateNotes(site.text, site.review) });
  const policy = join(source.dir, "policy.yaml");
  if (existsSync(policy)) {
    const text = renamedText(readFileSync(policy, "utf8"), siteRenaming, plan);
    files.push({
      rel: "policy.yaml",
      text,
      review: locateNotes(text, [{ path: [], text: `the source's thresholds and their reasons: confirm each for ${municipality}` }]),
    });
  }
  const grants = ["approvers.yaml", "waivers.yaml"].filter((f) => existsSync(join(source.dir, f)));
  if (grants.length)
    dropped.push({
      file: source.dir,
      notes: grants.map((f) => ({
        path: [],
        line: 0,
        text: `${f}: the source's people and the risks they accepted; ${municipality} names its own`,
      })),
    });
  return { files, dropped, cidr: target.cidr, internet: internet?.to.cidr };
}

/** VLANs move by one offset when --vlans is given (a new room has its own switches, so by default they stay). */
function vlanShift(source: Site, tenants: readonly Tenant[], option: string | undefined): (vlan: number) => number {
  if (option === undefined) return (v) => v;
  const range = readVlansOption(option);
  const used = [
    ...source.spec.networks.map((n) => n.vlan),
    ...tenants.flatMap((t) => [t.spec.vlanRange.from, t.spec.vlanRange.to, ...t.spec.networks.map((n) => n.vlan)]),
  ];
  const low = Math.min(...used);
  const high = Math.max(...used);
  if (high - low > range.to - range.from)
    throw new UsageError(
      `--vlans ${range.from}-${range.to} is too small: site ${source.spec.site}'s networks and tenants use VLANs ${low}-${high} (${high - low + 1} ids)`,
      false,
    );
  return (v) => v - low + range.from;
}

function tenantFile(site: Site, tenant: string): string {
  const yaml = join(site.dir, "tenants", `${tenant}.yaml`);
  return existsSync(yaml) ? yaml : join(site.dir, "tenants", `${tenant}.yml`);
}

/** A YAML file with its values and comments renamed. */
function renamedText(text: string, renaming: Renaming, addresses: AddressPlan): string {
  const doc = parseDocument(text);
  visit(doc, {
    Scalar(key, node) {
      if (key !== "key" && typeof node.value === "string") node.value = renaming.apply(node.value);
    },
  });
  renameComments(doc, renaming, addresses);
  return doc.toString({ lineWidth: 0 });
}
