import { join } from "node:path";
import type { AddressBook } from "./address-book";
import type { Findings } from "./check-helpers";
import type { CheckedVm } from "./checked-vm";
import { parseRange, type Ipv4Range } from "./ipv4";
import { checkAcrossFiles, type Declared } from "./network-checks";
import { checkAgreements } from "./legal/agreements";
import { distinctErrors, expandFacilityDefaults } from "./facility/expand-defaults";
import { findRetiredFields } from "./retired-fields";
import { SchemaValidator } from "./schema-validator";
import { findSecrets } from "./secret-scan";
import { checkSite } from "./site-checks";
import { listTenantFiles } from "./site-directory";
import type { SpecError, SpecWarning } from "./spec-error";
import { SpecFile } from "./spec-file";
import { clashMessage, stackClaims, stackClashes } from "./stack-names";
import { checkTenant } from "./tenant-checks";
import type { Network, SiteFile, TenantFile } from "./types";
import type { PolicyFile } from "./generated/policy-file";
import type { WaiversFile } from "./generated/waivers-file";
import type { ApproversFile } from "./generated/approvers-file";
import { checkWaiverReferences } from "./waiver-references";
import { pathKind } from "./path-kind";
import { ParsedSpecCache } from "./parsed-spec-cache";

export { listSites, type SiteListOptions } from "./site-directory";

/** A tenant file that parsed, passed its schema and was checked against its site. */
export interface CheckedTenantFile {
  spec: TenantFile;
  file: SpecFile;
  findings: Findings;
  vms: CheckedVm[];
}

/** A site whose files all parsed and passed their schemas, with what the checks resolved. */
export interface CheckedSite {
  name: string;
  dir: string;
  spec: SiteFile;
  file: SpecFile;
  findings: Findings;
  tenants: CheckedTenantFile[];
  /** Every address the site and its VMs use (the site's own, tenant gateways, VMs' given `ip:`). */
  addresses: AddressBook;
  /** `policy.yaml` beside site.yaml: the site's thresholds for the policy rules. */
  policy?: { file: SpecFile; data: PolicyFile };
  /** `waivers.yaml` beside site.yaml: the findings the site accepts. */
  waivers?: { file: SpecFile; data: WaiversFile };
  /** `approvers.yaml` beside site.yaml: who may approve waivers, and their authority. */
  approvers?: { file: SpecFile; data: ApproversFile };
}

/** What loading one site's files found: the checked site (when site.yaml was readable), and all errors. */
export interface SiteLoad {
  checked?: CheckedSite;
  /** Every tenant file parsed and passed its schema (else `checked` holds only those that did). */
  complete: boolean;
  /** Errors so far, site file first, each file's in position order (a later stage may add more). */
  errors(): SpecError[];
  /** Files in tenants/ that were skipped, not loaded. */
  warnings: SpecWarning[];
}

let validator: SchemaValidator | undefined;
/** Files parsed at an earlier run (a YAML parse is about half of loading a room). */
const parsedSpecs = new ParsedSpecCache();

/** Parses a file and runs the secret scan, the retired-field check and the schema; `data` is set only when all passed. */
function readSpec<T>(
  path: string,
  display: string,
  validate: (f: SpecFile) => SpecError[],
): { file: SpecFile; data?: T; errors: SpecError[] } {
  let cached = false;
  const file = SpecFile.read(path, display, (text) => {
    const data = parsedSpecs.get(text);
    cached = data !== undefined;
    return data;
  });
  if (file.syntaxErrors.length) return { file, errors: file.syntaxErrors };
  // Taken before the checks below fill in defaults, and stored only once they all passed.
  const snapshot = cached ? undefined : parsedSpecs.snapshot(file.data);
  if (file.data === null)
    return {
      file,
      errors: [file.error("", `expected a mapping of fields (see the schema named on its first line), found an empty document`)],
    };
  const secrets = findSecrets(file);
  const retired = findRetiredFields(file);
  const schemaErrors = validate(file).filter((e) => !secrets.covers(e.pointer) && !retired.explains(e.pointer));
  const errors = [...secrets.errors, ...retired.errors.filter((e) => !secrets.covers(e.pointer)), ...schemaErrors];
  if (errors.length === 0 && snapshot !== undefined) parsedSpecs.put(file.text, snapshot);
  return { file, errors, data: errors.length ? undefined : (file.data as T) };
}

/** A file beside site.yaml that a site may have: read and checked when it is there at all (a dangling link is bad input). */
function readOptional<T>(path: string, display: (p: string) => string, validate: (f: SpecFile) => SpecError[]) {
  if (pathKind(path).kind === "missing") return undefined;
  return readSpec<T>(path, display(path), validate);
}

function byPosition(a: SpecError, b: SpecError): number {
  return a.line - b.line || a.col - b.col;
}

/**
 * Loads one site's files: YAML, then JSON Schema (filling in defaults), then the cross-reference
 * checks inside each file and across them (VLANs, address ranges, addresses used twice). Reads files
 * only. Planning (addresses, the firewall) comes after, in plan/.
 */
export function loadSiteSpec(dir: string, name: string, display: (p: string) => string): SiteLoad {
  const schemas = (validator ??= new SchemaValidator());
  const sitePath = join(dir, "site.yaml");
  // Concise forms (PDU pairs, sensor defaults, link patterns) become the explicit form first; an error
  // in what they expanded to is reported at the form, once however many entries it expanded to.
  const site = readSpec<SiteFile>(sitePath, display(sitePath), (f) => {
    expandFacilityDefaults(f);
    return distinctErrors(schemas.validateSite(f));
  });
  const listing = listTenantFiles(dir, display);
  const tenants = listing.files.map(({ base, path }) => ({
    base,
    ...readSpec<TenantFile>(path, display(path), (file) => schemas.validateTenant(file)),
  }));
  const { warnings } = listing;
  const policy = readOptional<PolicyFile>(join(dir, "policy.yaml"), display, (f) => schemas.validatePolicy(f));
  const waivers = readOptional<WaiversFile>(join(dir, "waivers.yaml"), display, (f) => schemas.validateWaivers(f));
  const approvers = readOptional<ApproversFile>(join(dir, "approvers.yaml"), display, (f) => schemas.validateApprovers(f));
  const besideErrors = [...(policy?.errors ?? []), ...(waivers?.errors ?? []), ...(approvers?.errors ?? [])];
  if (!site.data) {
    const errors = [
      ...site.errors.sort(byPosition),
      ...besideErrors,
      ...listing.errors,
      ...tenants.flatMap((t) => t.errors.sort(byPosition)),
    ];
    return { complete: false, errors: () => errors, warnings };
  }

  const spec = site.data;
  const { findings: siteF, index } = checkSite(spec, site.file, name);
  const checked = tenants.map((t) => {
    if (!t.data) return undefined;
    if (!t.data.dns && spec.dns) t.data.dns = spec.dns;
    const c = checkTenant(t.data, t.file, t.base, spec, index);
    if (!t.data.dns && c.vms.some((vm) => !vm.workload.existing)) {
      c.findings.add("", `new VMs need DNS settings for guest customization: set dns in the tenant file or in site.yaml, found neither`);
    }
    return { spec: t.data, file: t.file, ...c };
  });
  const present = checked.filter((c): c is NonNullable<typeof c> => c !== undefined);
  const firstOf = new Map<string, (typeof present)[number]>();
  for (const c of present) {
    const first = firstOf.get(c.spec.tenant);
    if (first) c.findings.add("/tenant", `duplicate tenant ${JSON.stringify(c.spec.tenant)}; first defined in ${first.file.file}`);
    else firstOf.set(c.spec.tenant, c);
  }
  // A duplicate tenant is reported above, not again as a stack both would name.
  const distinct = [...firstOf.values()];
  checkAgreements(distinct);
  const claims = stackClaims(
    name,
    siteF,
    distinct.map((c) => ({ tenant: c.spec.tenant, owner: c.findings })),
  );
  for (const clash of stackClashes(claims)) clash.claim.owner.add("/tenant", clashMessage(clash));
  checkNetworksAcrossFiles(spec, siteF, present);
  // Waivers name approvers of the roster; approvers act for tenants of the site.
  const tenantIds = distinct.map((c) => c.spec.tenant);
  besideErrors.push(...checkWaiverReferences(name, waivers, approvers, tenantIds));

  const addresses = index.addresses;
  for (const c of present) c.spec.networks.forEach((n, i) => n.gateway && addresses.note(n.gateway, c.findings, `/networks/${i}/gateway`));
  // An address written into two VMs, or into a VM and a host or gateway of the site.
  for (const c of present) for (const vm of c.vms) if (vm.ip) addresses.use(vm.ip, c.findings, `${vm.workloadPointer}/ip`);

  const errors = () =>
    [...site.errors, ...siteF.errors]
      .sort(byPosition)
      .concat(besideErrors)
      .concat(listing.errors)
      .concat(tenants.flatMap((t, i) => [...t.errors, ...(checked[i]?.findings.errors ?? [])].sort(byPosition)));
  const tenantFilesChecked = present.map(({ spec: t, file, findings, vms }) => ({ spec: t, file, findings, vms }));
  return {
    checked: {
      name,
      dir,
      spec,
      file: site.file,
      findings: siteF,
      tenants: tenantFilesChecked,
      addresses,
      ...(policy?.data ? { policy: { file: policy.file, data: policy.data } } : {}),
      ...(waivers?.data ? { waivers: { file: waivers.file, data: waivers.data } } : {}),
      ...(approvers?.data ? { approvers: { file: approvers.file, data: approvers.data } } : {}),
    },
    complete: present.length === tenants.length && !listing.errors.length && besideErrors.length === 0,
    errors,
    warnings,
  };
}

/**
 * Checks that span files: a VLAN id names one network, address ranges do not overlap, tenant ranges
 * keep clear of each other and of the site's networks. Each entry is parsed on its own, so a duplicate
 * name (reported by the file's checks) never makes a network look as if it overlapped itself.
 */
function checkNetworksAcrossFiles(
  spec: SiteFile,
  siteF: Findings,
  tenants: readonly { spec: TenantFile; findings: Findings; cidr?: Ipv4Range }[],
): void {
  const vlans: (Declared & { vlan: number })[] = [];
  const networks: (Declared & { range: Ipv4Range })[] = [];
  const declare = (findings: Findings, nets: Network[], label: string) =>
    nets.forEach((n, i) => {
      vlans.push({ findings, pointer: `/networks/${i}/vlan`, label: `${label} network ${n.name}`, vlan: n.vlan });
      const range = parseRange(n.cidr);
      if (typeof range !== "string")
        networks.push({ findings, pointer: `/networks/${i}/cidr`, label: `${label} network ${n.name}`, range });
    });
  declare(siteF, spec.networks, "site");
  if (spec.firewall?.internet.vlan) {
    vlans.push({
      findings: siteF,
      pointer: "/firewall/internet/vlan",
      label: "site firewall's internet uplink",
      vlan: spec.firewall.internet.vlan,
    });
  }
  const siteNetworks = [...networks];
  const vlanRanges: (Declared & { from: number; to: number })[] = [];
  const tenantCidrs: (Declared & { range: Ipv4Range })[] = [];
  for (const c of tenants) {
    declare(c.findings, c.spec.networks, c.spec.tenant);
    vlanRanges.push({ findings: c.findings, pointer: "/vlanRange", label: `tenant ${c.spec.tenant}`, ...c.spec.vlanRange });
    if (c.cidr) tenantCidrs.push({ findings: c.findings, pointer: "/cidr", label: `tenant ${c.spec.tenant}`, range: c.cidr });
  }
  checkAcrossFiles(vlans, networks, vlanRanges, tenantCidrs, siteNetworks);
}
