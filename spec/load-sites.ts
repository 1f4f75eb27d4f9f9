import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { Findings } from "./check-helpers";
import { allocate, type WorkItem } from "./ipam";
import { LOCK_FILE, readLock, serializeLock } from "./ipam-lock";
import { parseRange, type Ipv4Range } from "./ipv4";
import { checkTenantVdoms } from "./firewall/check-firewall";
import { planFirewall } from "./firewall/resolve-flows";
import { checkAcrossFiles, type Declared } from "./network-checks";
import { SchemaValidator } from "./schema-validator";
import { findSecrets } from "./secret-scan";
import { checkSite } from "./site-checks";
import { SpecErrors, type SpecError } from "./spec-error";
import { SpecFile } from "./spec-file";
import { checkTenant } from "./tenant-checks";
import type { Network, Site, SiteFile, Tenant, TenantFile } from "./types";

/** The address lock a site should have after this synth, and the DNS/directory work it implies. */
export interface IpamPlan {
  lockPath: string;
  text: string;
  changed: boolean;
  work: WorkItem[];
}

export interface LoadedSites {
  sites: Site[];
  ipam: Map<string, IpamPlan>;
}

export interface LoadOptions {
  /** Evaluation date (YYYY-MM-DD): when held addresses are freed. */
  asOf: string;
  /** Load only this site. */
  site?: string;
  /** How file names appear in messages; default relative to the working directory. */
  display?: (path: string) => string;
}

let validator: SchemaValidator | undefined;

/**
 * Loads every site under `sitesDir`: YAML, then JSON Schema, then cross-reference checks, then typed
 * objects and pinned addresses. Throws SpecErrors with every mistake found (site file first).
 * Reads files only; the caller writes the lock files once synthesis succeeded.
 */
export function loadSites(sitesDir: string, options: LoadOptions): LoadedSites {
  validator ??= new SchemaValidator();
  const display = options.display ?? ((p: string) => (relative(process.cwd(), p).startsWith("..") ? p : relative(process.cwd(), p)));
  const dirError = (message: string): never => {
    throw new SpecErrors([{ file: display(sitesDir), line: 0, col: 0, pointer: "", message }]);
  };
  if (!existsSync(sitesDir) || !statSync(sitesDir).isDirectory()) dirError("expected a directory of sites (<site>/site.yaml), found none");
  const siteDirs = readdirSync(sitesDir)
    .filter((name) => existsSync(join(sitesDir, name, "site.yaml")))
    .sort();
  if (siteDirs.length === 0) dirError(`expected at least one site (${display(join(sitesDir, "<site>", "site.yaml"))}), found none`);
  if (options.site !== undefined && !siteDirs.includes(options.site))
    dirError(`no site ${JSON.stringify(options.site)}; expected one of ${siteDirs.join(", ")}`);

  const errors: SpecError[] = [];
  const sites: Site[] = [];
  const ipam = new Map<string, IpamPlan>();
  for (const name of siteDirs.filter((n) => options.site === undefined || n === options.site)) {
    const loaded = loadSite(join(sitesDir, name), name, options.asOf, display);
    errors.push(...loaded.errors);
    if (loaded.site) sites.push(loaded.site);
    if (loaded.ipam) ipam.set(name, loaded.ipam);
  }
  if (errors.length) throw new SpecErrors(errors);
  return { sites, ipam };
}

/** Parses a file and runs the secret scan and the schema; `data` is set only when all passed. */
function readSpec<T>(
  path: string,
  display: string,
  validate: (f: SpecFile) => SpecError[],
): { file: SpecFile; data?: T; errors: SpecError[] } {
  const file = SpecFile.read(path, display);
  if (file.syntaxErrors.length) return { file, errors: file.syntaxErrors };
  const secrets = findSecrets(file);
  const schemaErrors = validate(file).filter((e) => !secrets.pointers.has(e.pointer));
  const errors = [...secrets.errors, ...schemaErrors];
  return { file, errors, data: errors.length ? undefined : (file.data as T) };
}

function byPosition(a: SpecError, b: SpecError): number {
  return a.line - b.line || a.col - b.col;
}

function loadSite(
  dir: string,
  name: string,
  asOf: string,
  display: (p: string) => string,
): { site?: Site; ipam?: IpamPlan; errors: SpecError[] } {
  const sitePath = join(dir, "site.yaml");
  const site = readSpec<SiteFile>(sitePath, display(sitePath), (f) => validator!.validateSite(f));
  const tenantsDir = join(dir, "tenants");
  const tenantFiles = existsSync(tenantsDir)
    ? readdirSync(tenantsDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  const tenants = tenantFiles.map((f) => ({
    base: basename(f).replace(/\.ya?ml$/, ""),
    ...readSpec<TenantFile>(join(tenantsDir, f), display(join(tenantsDir, f)), (file) => validator!.validateTenant(file)),
  }));
  const collect = (): SpecError[] => [...site.errors.sort(byPosition), ...tenants.flatMap((t) => t.errors.sort(byPosition))];
  if (!site.data) return { errors: collect() };

  const spec = site.data;
  const checkedSite = checkSite(spec, site.file, name);
  const index = checkedSite.index;
  const checked = tenants.map((t) => {
    if (!t.data) return undefined;
    if (!t.data.dns && spec.dns) t.data.dns = spec.dns;
    const c = checkTenant(t.data, t.file, t.base, spec, index);
    if (!t.data.dns && c.vms.some((vm) => !vm.workload.existing))
      c.findings.add("", `new VMs need DNS settings for guest customization: set dns in the tenant file or in site.yaml, found neither`);
    return { spec: t.data, file: t.file, ...c };
  });
  const present = checked.filter((c): c is NonNullable<typeof c> => c !== undefined);
  present.forEach((c, i) => {
    const first = present.slice(0, i).find((o) => o.spec.tenant === c.spec.tenant);
    if (first) c.findings.add("/tenant", `duplicate tenant ${JSON.stringify(c.spec.tenant)}; first defined in ${first.file.file}`);
  });

  // Checks that span files: VLANs and address ranges. Each entry is parsed on its own, so a duplicate
  // name (reported above) never makes a network look as if it overlapped itself.
  const vlans: (Declared & { vlan: number })[] = [];
  const networks: (Declared & { range: Ipv4Range })[] = [];
  const declare = (findings: Findings, nets: Network[], label: string) =>
    nets.forEach((n, i) => {
      vlans.push({ findings, pointer: `/networks/${i}/vlan`, label: `${label} network ${n.name}`, vlan: n.vlan });
      const range = parseRange(n.cidr);
      if (typeof range !== "string")
        networks.push({ findings, pointer: `/networks/${i}/cidr`, label: `${label} network ${n.name}`, range });
    });
  const siteF = checkedSite.findings;
  declare(siteF, spec.networks, "site");
  if (spec.firewall?.internet.vlan)
    vlans.push({
      findings: siteF,
      pointer: "/firewall/internet/vlan",
      label: "site firewall's internet uplink",
      vlan: spec.firewall.internet.vlan,
    });
  const siteNetworks = [...networks];
  const vlanRanges: (Declared & { from: number; to: number })[] = [];
  const tenantCidrs: (Declared & { range: Ipv4Range })[] = [];
  for (const c of present) {
    declare(c.findings, c.spec.networks, c.spec.tenant);
    vlanRanges.push({ findings: c.findings, pointer: "/vlanRange", label: `tenant ${c.spec.tenant}`, ...c.spec.vlanRange });
    if (c.cidr) tenantCidrs.push({ findings: c.findings, pointer: "/cidr", label: `tenant ${c.spec.tenant}`, range: c.cidr });
  }
  checkAcrossFiles(vlans, networks, vlanRanges, tenantCidrs, siteNetworks);
  checkTenantVdoms(
    spec,
    siteF,
    present.map((c) => ({ spec: c.spec, findings: c.findings })),
  );
  const siteAddresses = new Map(index.usedAddresses);
  for (const c of present)
    c.spec.networks.forEach((n, i) => n.gateway && siteAddresses.set(n.gateway, c.findings.where(`/networks/${i}/gateway`)));
  checkGivenAddresses(present, siteAddresses);

  const errorsSoFar = () =>
    [...site.errors, ...siteF.errors]
      .sort(byPosition)
      .concat(tenants.flatMap((t, i) => [...t.errors, ...(checked[i]?.findings.errors ?? [])].sort(byPosition)));
  if (errorsSoFar().length || present.length !== tenants.length) return { errors: errorsSoFar() };

  // Addresses: given, pinned or allocated.
  const lockPath = join(dir, LOCK_FILE);
  const lock = readLock(lockPath, display(lockPath));
  if (lock.findings) return { errors: lock.findings.errors };
  const tenantObjects: Tenant[] = present.map((c) => ({ spec: c.spec, file: c.file.file, vms: c.vms }));
  const result = allocate(
    tenantObjects.map((tenant, i) => ({ tenant, findings: present[i].findings })),
    lock.entries,
    new Set(siteAddresses.keys()),
    asOf,
    spec.ipam?.holdDays ?? 90,
    // A shared service's address is never handed to a new VM; the VM that is the service keeps it.
    new Set((spec.firewall?.sharedServices ?? []).flatMap((svc) => svc.addresses)),
  );
  // The firewall plan needs the pinned addresses (vm: endpoints).
  const firewall = planFirewall(
    spec,
    siteF,
    tenantObjects.map((tenant, i) => ({ tenant, findings: present[i].findings })),
  );
  const after = errorsSoFar();
  if (after.length) return { errors: after };
  const text = serializeLock(result.entries);
  return {
    site: { spec, dir, file: site.file.file, tenants: tenantObjects, firewall },
    ipam: { lockPath, text, changed: !existsSync(lockPath) || text !== readFileSync(lockPath, "utf8"), work: result.work },
    errors: [],
  };
}

/** An address written into two VMs, or into a VM and a host or gateway of the site. */
function checkGivenAddresses(
  tenants: { findings: Findings; vms: { ip?: string; workloadPointer: string }[] }[],
  site: Map<string, string>,
): void {
  const seen = new Map(site);
  for (const t of tenants) {
    for (const vm of t.vms) {
      if (!vm.ip) continue;
      const pointer = `${vm.workloadPointer}/ip`;
      const first = seen.get(vm.ip);
      if (first) t.findings.add(pointer, `address ${vm.ip} is used twice; first at ${first}`);
      else seen.set(vm.ip, t.findings.where(pointer));
    }
  }
}
