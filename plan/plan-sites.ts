import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isIsoDate } from "../spec/dates";
import { EVALUATION_DATES, LOCK_FILE, readLock, serializeLock } from "../spec/ipam-lock";
import { listSites, loadSiteSpec, type CheckedSite, type SiteListOptions } from "../spec/load-sites";
import { networkByPurpose } from "../spec/network-lookup";
import { SpecErrors, type SpecError, type SpecWarning } from "../spec/spec-error";
import { allocateAddresses, vmKey, type WorkItem } from "./addresses/allocate-addresses";
import { checkVdomNames } from "./firewall/check-vdom-names";
import { planFirewall } from "./firewall/plan-firewall";
import type { FirewallPlan } from "./firewall/plan-types";
import type { Site, Tenant } from "./model";
import { resolveVm } from "./resolve-vm";

/** The address lock a site should have after this synth, and the DNS/directory work it implies. */
export interface IpamPlan {
  lockPath: string;
  text: string;
  changed: boolean;
  work: WorkItem[];
}

export interface PlannedSites {
  sites: Site[];
  ipam: Map<string, IpamPlan>;
  /** Files and directories skipped rather than loaded (also on SpecErrors when loading fails). */
  warnings: SpecWarning[];
  /**
   * A sha256 over every file the load read (each site's spec files and the lock it plans to write):
   * two loads with the same one planned the same sites (a synth worker compares its own load with its
   * caller's, so a file saved while synth runs cannot give a mixed output).
   */
  inputDigest: string;
}

export interface PlanOptions extends SiteListOptions {
  /** Evaluation date (YYYY-MM-DD): when held addresses are freed. */
  asOf: string;
}

/**
 * Loads and plans every site under `sitesDir`: the spec stage (YAML, schema, cross-references), then
 * the planners (addresses, the firewall), then the resolved model the stacks render. Throws SpecErrors
 * with every mistake found in any site. Reads files only; the caller writes the lock files once
 * synthesis succeeded.
 */
export function planSites(sitesDir: string, options: PlanOptions): PlannedSites {
  const { first, last } = EVALUATION_DATES;
  // cli/as-of.ts refuses other dates as usage errors; here one is a caller's bug.
  if (!isIsoDate(options.asOf) || options.asOf < first || options.asOf > last)
    throw new Error(
      `evaluation date ${JSON.stringify(options.asOf)} outside ${first} to ${last}: a held address's heldUntil would not read back`,
    );
  const { sites: dirs, display, warnings } = listSites(sitesDir, options);
  const errors: SpecError[] = [];
  const sites: Site[] = [];
  const ipam = new Map<string, IpamPlan>();
  const digest = createHash("sha256");
  for (const { name, dir } of dirs) {
    const planned = planSite(dir, name, options.asOf, display, warnings);
    errors.push(...planned.errors);
    if (planned.site && planned.ipam) {
      sites.push(planned.site);
      ipam.set(name, planned.ipam);
      for (const text of planned.texts) digest.update(String(text.length)).update("\0").update(text);
    }
  }
  if (errors.length) throw new SpecErrors(errors, warnings);
  return { sites, ipam, warnings, inputDigest: digest.digest("hex") };
}

function planSite(
  dir: string,
  name: string,
  asOf: string,
  display: (p: string) => string,
  warnings: SpecWarning[],
): { site?: Site; ipam?: IpamPlan; texts: string[]; errors: SpecError[] } {
  const load = loadSiteSpec(dir, name, display);
  warnings.push(...load.warnings);
  const checked = load.checked;
  if (!checked) return { texts: [], errors: load.errors() };
  const fw = checked.spec.firewall;
  if (fw) checkVdomNames(fw, checked.findings, checked.tenants);
  if (load.errors().length || !load.complete) return { texts: [], errors: load.errors() };

  const lockPath = join(dir, LOCK_FILE);
  const lock = readLock(lockPath, display(lockPath));
  if (lock.findings?.errors.length) return { texts: [], errors: lock.findings.errors };
  const spec = checked.spec;
  const addressPlan = allocateAddresses({
    tenants: checked.tenants.map((t) => ({ id: t.spec.tenant, dnsDomain: t.spec.dns?.domain, vms: t.vms })),
    previous: lock.entries,
    siteAddresses: checked.addresses.addresses(),
    asOf,
    holdDays: spec.ipam?.holdDays ?? 90,
    // A shared service's address is never handed to a new VM; the VM that is the service keeps it.
    sharedServices: new Map((fw?.sharedServices ?? []).flatMap((svc) => svc.addresses.map((ip) => [ip, svc.name] as const))),
  });
  const findingsOf = new Map(checked.tenants.map((t) => [t.spec.tenant, t.findings]));
  for (const p of addressPlan.problems) (p.in === "lock" ? lock.findings : findingsOf.get(p.tenant))?.add(p.pointer, p.message);

  const addressOf = (tenant: string, vm: string) => addressPlan.addresses.get(vmKey(tenant, vm));
  const firewallPlan = compileFirewall(checked, addressOf);
  const lockErrors = [...(lock.findings?.errors ?? [])].sort((a, b) => a.line - b.line || a.col - b.col);
  const errors = [...load.errors(), ...lockErrors];
  if (errors.length) return { texts: [], errors };

  const management = networkByPurpose(spec, "management");
  if (!management) throw new Error(`site ${name}: the site checks let a site without a management network through`);
  const tenants: Tenant[] = checked.tenants.map((t) => ({
    spec: t.spec,
    file: t.file.file,
    vms: t.vms.map((vm) => resolveVm(vm, addressOf(t.spec.tenant, vm.name), t.spec.dns)),
  }));
  const text = serializeLock(addressPlan.entries);
  return {
    site: {
      spec,
      dir,
      file: checked.file.file,
      managementNetwork: management,
      tenants,
      firewall: fw && firewallPlan ? { spec: fw, plan: firewallPlan } : undefined,
      policy: checked.policy,
      waivers: checked.waivers,
      approvers: checked.approvers,
    },
    ipam: { lockPath, text, changed: !existsSync(lockPath) || text !== readFileSync(lockPath, "utf8"), work: addressPlan.work },
    // The lock it plans to write stands for the lock it read: the plan is a function of both.
    texts: [
      name,
      checked.file.text,
      ...checked.tenants.map((t) => t.file.text),
      ...[checked.policy, checked.waivers, checked.approvers].map((f) => f?.file.text ?? ""),
      text,
    ],
    errors: [],
  };
}

/** The firewall plan, from the flows and the VMs' addresses; a tenant firewall section without a site firewall is an error. */
function compileFirewall(checked: CheckedSite, addressOf: (tenant: string, vm: string) => string | undefined): FirewallPlan | undefined {
  const fw = checked.spec.firewall;
  const live = checked.tenants.filter((t) => t.spec.lifecycle !== "removed");
  if (!fw) {
    for (const t of live) {
      if (t.spec.firewall) {
        t.findings.add(
          "/firewall",
          `the site declares no firewall, so a tenant cannot have a firewall section; add firewall: to site.yaml or remove this one`,
        );
      }
    }
    return undefined;
  }
  const tenants = checked.tenants.map((t) => ({
    spec: t.spec,
    findings: t.findings,
    vms: t.vms.map((vm) => ({
      name: vm.name,
      // Pinned, else what the workload gives (a removed VM stays in policies until its flows go).
      ip: addressOf(t.spec.tenant, vm.name) ?? vm.ip,
      network: vm.network,
      sharedNetwork: vm.sharedNetwork,
    })),
  }));
  return planFirewall(fw, checked.spec, checked.findings, tenants);
}
