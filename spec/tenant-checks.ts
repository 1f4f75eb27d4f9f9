import { Findings } from "./check-helpers";
import { checkFloatingAddresses } from "./firewall/floating-addresses";
import { holdServiceAddresses } from "./firewall/shared-service-holders";
import { vmNames } from "./expand-workloads";
import { hostAddressProblem, parseRange, type Ipv4Range } from "./ipv4";
import { networksByName, sharedServicesNetworks } from "./network-lookup";
import type { SiteIndex } from "./site-checks";
import type { SpecFile } from "./spec-file";
import type { CheckedVm } from "./checked-vm";
import type { Network, SiteFile, TenantFile, WorkloadSize } from "./types";
import { checkEncryptedPlacement, checkExistingVm, checkTemplateDisks, OU_MIN_VCENTER, versionAtLeast } from "./vm-checks";

/** VMs one tenant may declare (counts included): the largest example tenant has 188. */
export const MAX_VMS_PER_TENANT = 2000;

/** An exemption from endpoint protection says why in at least this many characters (as a waiver's reason). */
export const MIN_EXEMPTION_REASON = 20;

export interface CheckedTenant {
  findings: Findings;
  vms: CheckedVm[];
  ranges: Map<string, Ipv4Range>;
  cidr?: Ipv4Range;
}

/** Cross-reference checks of one tenant file against itself and its site. */
export function checkTenant(spec: TenantFile, file: SpecFile, fileBase: string, site: SiteFile, index: SiteIndex): CheckedTenant {
  const f = new Findings(file);
  if (spec.tenant !== fileBase)
    f.add("/tenant", `expected the file name ${JSON.stringify(fileBase)}, found ${JSON.stringify(spec.tenant)}`);
  if (spec.vlanRange.from > spec.vlanRange.to)
    f.add("/vlanRange", `expected from <= to, found ${spec.vlanRange.from} > ${spec.vlanRange.to}`);

  const tenantCidr = parseRange(spec.cidr);
  if (typeof tenantCidr === "string") f.add("/cidr", tenantCidr);

  // windows_options.domain_ou needs vSphere 8.0 Update 2 (provider docs, r/virtual_machine, windows_options).
  if (spec.directory?.ou !== undefined && !versionAtLeast(site.vcenter.version, OU_MIN_VCENTER))
    f.add(
      "/directory/ou",
      `an OU for new computer objects (guest customization domain_ou) needs vCenter ${OU_MIN_VCENTER.join(".")} (8.0 Update 2) or later, found vcenter.version ${site.vcenter.version} in site.yaml; leave ou out (computers land in the domain's default container) or upgrade vCenter`,
    );

  const clusters = new Set(site.clusters.map((c) => c.name));
  f.known(spec.cluster, clusters, "/cluster", "cluster");

  f.unique(
    spec.networks,
    (n) => n.name,
    (i) => `/networks/${i}/name`,
    "network name",
  );
  const ranges = new Map<string, Ipv4Range>();
  spec.networks.forEach((n, i) => {
    if (n.vlan < spec.vlanRange.from || n.vlan > spec.vlanRange.to) {
      f.add(`/networks/${i}/vlan`, `expected a VLAN in the tenant's range ${spec.vlanRange.from}-${spec.vlanRange.to}, found ${n.vlan}`);
    }
    const range = parseRange(n.cidr);
    if (typeof range === "string") return f.add(`/networks/${i}/cidr`, range);
    if (!ranges.has(n.name)) ranges.set(n.name, range); // a duplicate name is reported above; the first one counts
    if (typeof tenantCidr !== "string" && (range.first < tenantCidr.first || range.last > tenantCidr.last)) {
      f.add(`/networks/${i}/cidr`, `expected a network inside the tenant's range ${spec.cidr}, found ${n.cidr}`);
    }
    const gatewayProblem = n.gateway && hostAddressProblem(range, n.gateway, `the ${n.name} network`);
    if (gatewayProblem) f.add(`/networks/${i}/gateway`, gatewayProblem);
  });
  const own = networksByName(spec.networks);
  const shared = sharedServicesNetworks(site);
  const reachable = new Map<string, Network>([...shared, ...own]);

  const templates = new Map(site.templates.map((t) => [t.id, t]));
  const policies = new Map(site.storagePolicies.map((p) => [p.id, p]));
  const placements = new Set([...index.datastoreClusters, ...index.datastores]);
  const defaultPlacement = site.san.datastoreClusters?.[0]
    ? { kind: "datastore-cluster" as const, name: site.san.datastoreClusters[0].name }
    : { kind: "datastore" as const, name: site.san.datastores[0].name };

  const vms: CheckedVm[] = [];
  let declared = 0;
  spec.workloads.forEach((w, i) => {
    const at = `/workloads/${i}`;
    // Past the limit no more VMs are made: allocating and synthesizing that many would run for hours.
    declared += w.count ?? 1;
    if (declared > MAX_VMS_PER_TENANT) {
      if (declared - (w.count ?? 1) <= MAX_VMS_PER_TENANT)
        f.add(
          w.count === undefined ? at : `${at}/count`,
          `expected at most ${MAX_VMS_PER_TENANT} VMs in a tenant, found ${declared} up to here`,
        );
      return;
    }
    if (w.namePattern !== undefined && w.count === undefined) f.add(`${at}/namePattern`, `namePattern needs count, found no count`);
    if (w.ip !== undefined && (w.count ?? 1) > 1)
      f.add(`${at}/ip`, `a fixed ip needs a single VM, found count ${w.count}; leave ip out and addresses are allocated and pinned`);
    const lifecycle = w.lifecycle ?? spec.lifecycle ?? "active";

    let size: WorkloadSize | undefined;
    if (typeof w.size === "string") {
      if (f.known(w.size, index.vmSizes, `${at}/size`, "VM size")) size = site.vmSizes?.[w.size];
    } else size = w.size;

    const network = reachable.get(w.network);
    if (!network) f.known(w.network, reachable, `${at}/network`, "network (own or shared-services)");
    const range = network && (own.has(w.network) ? ranges.get(w.network) : index.ranges.get(w.network));
    const ipProblem = w.ip && range && hostAddressProblem(range, w.ip, `the ${w.network} network`);
    if (ipProblem) f.add(`${at}/ip`, ipProblem);

    const template = w.template === undefined ? undefined : templates.get(w.template);
    if (w.existing) checkExistingVm(f, w, at, size);
    else if (size && size.diskGb === undefined && lifecycle !== "unmanaged" && lifecycle !== "removed")
      f.add(`${at}/size`, `a new VM needs size.diskGb (its system disk, cloned from the template), found none`);
    else if (template && size?.diskGb !== undefined) checkTemplateDisks(f, template, size.diskGb, at, typeof w.size === "string");
    if (w.template !== undefined) f.known(w.template, index.templates, `${at}/template`, "template");
    else if (!w.existing && lifecycle !== "unmanaged")
      f.add(`${at}`, `a new VM needs a template to be cloned from (or existing: for a VM that already runs), found neither`);

    f.known(w.cluster, clusters, `${at}/cluster`, "cluster");
    if (w.datastore !== undefined) f.known(w.datastore, placements, `${at}/datastore`, "datastore or datastore cluster");
    if (w.storagePolicy !== undefined) f.known(w.storagePolicy, index.storagePolicies, `${at}/storagePolicy`, "storage policy");
    checkEncryptedPlacement(f, w, at, template, w.storagePolicy === undefined ? undefined : policies.get(w.storagePolicy));
    const backupClass = w.backupClass ?? site.backup?.defaults[w.criticality];
    if (w.backupClass !== undefined)
      f.known(w.backupClass, new Set((site.backup?.classes ?? []).map((c) => c.id)), `${at}/backupClass`, "backup class");
    else if (site.backup && backupClass === undefined && lifecycle !== "removed") {
      f.add(
        `${at}/criticality`,
        `criticality ${w.criticality} maps to no backup class: add it to backup.defaults in site.yaml or give the workload backupClass`,
      );
    }

    const endpointProtection = w.endpointProtection ?? site.endpointProtection;
    const reason = w.endpointExemptionReason?.trim();
    if (w.endpointProtection === "exempt" && (reason === undefined || reason.length < MIN_EXEMPTION_REASON))
      f.add(
        `${at}/endpointProtection`,
        reason === undefined
          ? `an exemption from endpoint protection needs endpointExemptionReason (why these VMs run without the security suite's agent or agentless protection), found none`
          : `endpointExemptionReason needs at least ${MIN_EXEMPTION_REASON} characters saying why these VMs run without endpoint protection, found ${reason.length}`,
      );
    if (w.endpointExemptionReason !== undefined && w.endpointProtection !== "exempt")
      f.add(
        `${at}/endpointExemptionReason`,
        `endpointExemptionReason goes with endpointProtection: exempt, found endpointProtection ${w.endpointProtection ?? `${endpointProtection ?? "undeclared"} (the site's default)`}`,
      );

    if (!size || !network) return;
    const placement =
      w.datastore === undefined
        ? w.existing // an adopted VM stays where it runs unless the spec names a target
          ? { kind: "datastore" as const, name: w.existing.datastore }
          : defaultPlacement
        : { kind: index.datastoreClusters.has(w.datastore) ? ("datastore-cluster" as const) : ("datastore" as const), name: w.datastore };
    const names = vmNames(w);
    const tooLong = template?.os === "windows" ? names.find((n) => n.length > 15) : undefined;
    if (tooLong)
      f.add(
        w.count === undefined ? `${at}/name` : `${at}/namePattern`,
        `a Windows computer name has at most 15 characters, found ${JSON.stringify(tooLong)} (${tooLong.length})`,
      );
    for (const name of names) {
      vms.push({
        name,
        workload: w,
        workloadPointer: at,
        size,
        network,
        sharedNetwork: !own.has(w.network),
        ip: w.ip,
        lifecycle,
        template,
        cluster: w.cluster ?? spec.cluster ?? site.clusters[0].name,
        backupClass,
        placement,
        storagePolicy: w.storagePolicy === undefined ? site.storagePolicies.find((p) => p.default) : policies.get(w.storagePolicy),
        endpointProtection,
        endpointExemptionReason: endpointProtection === "exempt" ? reason : undefined,
      });
    }
  });
  f.unique(
    vms,
    (vm) => vm.name,
    (i) => `${vms[i].workloadPointer}/name`,
    "VM name",
  );
  // Addresses that belong to the firewall's view of the tenant: the shared services' VMs and floating addresses.
  holdServiceAddresses(spec.tenant, vms, index.serviceHolders, f);
  checkFloatingAddresses(spec, own, ranges, vms, index.addresses, f);

  return { findings: f, vms, ranges, cidr: typeof tenantCidr === "string" ? undefined : tenantCidr };
}
