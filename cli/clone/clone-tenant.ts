import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Site } from "../../plan/model";
import { parseRange, type Ipv4Range } from "../../spec/ipv4";
import { readSpecBytes } from "../../spec/spec-source";
import { isSpecId, SPEC_ID_WORDS } from "../../spec/site-directory";
import { UsageError } from "../exit-codes";
import { firstOverlap, nextFreeRange, planAddresses, readCidrOption } from "./address-plan";
import { cloneTenantDocument, type ClonedTenant } from "./clone-tenant-document";
import { chooseFlowIdOffset } from "./flow-ids";
import { locateNotes, type ReviewNote } from "./review-notes";
import { siteUsage } from "./site-usage";
import { defaultDisplayName, defaultVmPrefix, Renaming, vmPrefixOf } from "./tenant-names";
import { describeVlanUse, firstVlanClash, nextFreeVlans, planVlans, readVlansOption } from "./vlan-plan";

export interface TenantCloneOptions {
  from: string;
  to: string;
  cidr?: string;
  vlans?: string;
  displayName?: string;
  vmPrefix?: string;
  asOf: string;
  /** Days of onboarding after the evaluation date. */
  onboardingDays: number;
}

/** A clone decided and rewritten, not yet checked or written. */
export interface TenantClone extends ClonedTenant {
  /** tenants/<to>.yaml under the site directory. */
  path: string;
  cidr: string;
  vlanRange: { from: number; to: number };
  flowIdOffset: number;
  review: (ReviewNote & { line: number })[];
}

/**
 * Decides where the new tenant goes on a loaded site (names, address range, VLANs, flow ids) and
 * rewrites the source tenant's file for it. Refuses, as usage errors, what would collide with the site.
 */
export function cloneTenantOnSite(site: Site, o: TenantCloneOptions): TenantClone {
  if (!isSpecId(o.to)) throw new UsageError(`--to: expected a tenant id (${SPEC_ID_WORDS}), found ${JSON.stringify(o.to)}`);
  const source = site.tenants.find((t) => t.spec.tenant === o.from);
  const ids = site.tenants.map((t) => t.spec.tenant);
  if (!source)
    throw new UsageError(
      `--from: site ${site.spec.site} has no tenant ${JSON.stringify(o.from)}; its tenants are ${ids.join(", ")}`,
      false,
    );
  if (ids.includes(o.to)) throw new UsageError(`--to: site ${site.spec.site} already has a tenant ${o.to}; nothing was written`, false);
  const usage = siteUsage(site);
  const sourceRange = parseRange(source.spec.cidr) as Ipv4Range;
  const target = o.cidr === undefined ? nextFreeRange(sourceRange, usage.ranges) : readCidrOption(o.cidr);
  const clash = firstOverlap(target, usage.ranges);
  if (clash) throw new UsageError(`--cidr ${target.cidr} overlaps ${clash.owner} (${clash.range.cidr}); nothing was written`, false);
  const networks = source.spec.networks.map((n) => parseRange(n.cidr) as Ipv4Range);
  const addresses = planAddresses(sourceRange, networks, target);

  const vlanRange = o.vlans === undefined ? nextFreeVlans(source.spec.vlanRange, usage.vlans) : readVlansOption(o.vlans);
  const vlanClash = firstVlanClash(vlanRange, usage.vlans);
  if (vlanClash)
    throw new UsageError(`--vlans ${vlanRange.from}-${vlanRange.to} overlaps ${describeVlanUse(vlanClash)}; nothing was written`, false);
  const vlans = planVlans(
    source.spec.vlanRange,
    source.spec.networks.map((n) => n.vlan),
    vlanRange,
  );
  const flowIdOffset = chooseFlowIdOffset(
    (source.spec.firewall?.flows ?? []).map((f) => f.id),
    usage.flowIds,
  );

  const workloadNames = (source.spec.workloads ?? []).map((w) => w.namePattern ?? w.name);
  const fromPrefix = vmPrefixOf(workloadNames);
  const renaming = new Renaming(
    { id: source.spec.tenant, displayName: source.spec.name, vmPrefix: fromPrefix },
    {
      id: o.to,
      displayName:
        o.displayName ?? defaultDisplayName({ id: source.spec.tenant, displayName: source.spec.name }, o.to, source.spec.country),
      vmPrefix:
        o.vmPrefix ??
        (fromPrefix
          ? defaultVmPrefix(
              o.to,
              new Set(site.tenants.flatMap((t) => vmPrefixOf((t.spec.workloads ?? []).map((w) => w.namePattern ?? w.name)) ?? [])),
            )
          : undefined),
    },
  );
  const text = readSourceText(site.dir, o.from);
  const cloned = cloneTenantDocument(text, {
    site,
    source,
    renaming,
    addresses,
    vlanRange,
    moveVlan: (v) => vlans.get(v) ?? v,
    flowIdOffset,
    asOf: o.asOf,
    onboardingDays: o.onboardingDays,
    keep: usage.siteObjectNames,
  });
  return {
    ...cloned,
    path: join(site.dir, "tenants", `${o.to}.yaml`),
    cidr: target.cidr,
    vlanRange,
    flowIdOffset,
    review: locateNotes(cloned.text, cloned.review),
  };
}

function readSourceText(siteDir: string, tenant: string): string {
  const yaml = join(siteDir, "tenants", `${tenant}.yaml`);
  const file = existsSync(yaml) ? yaml : join(siteDir, "tenants", `${tenant}.yml`);
  const read = readSpecBytes(file);
  if ("problem" in read) throw new UsageError(`${file}: ${read.problem}`, false);
  return Buffer.from(read.bytes).toString("utf8");
}
