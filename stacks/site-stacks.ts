import type { App, TerraformStack } from "cdktf";
import { BackupRoom, backupTagOf } from "../constructs/backup-room";
import { FirewallPolicySet } from "../constructs/firewall-policy-set";
import { FirewallRecords } from "../constructs/firewall-records";
import { FortigateCluster } from "../constructs/fortigate-cluster";
import { fortiosProvider } from "../constructs/fortios-provider";
import { HostHardeningRecords } from "../constructs/host-hardening-records";
import { addOperatorRecord } from "../constructs/operator-record";
import { asManaged, MunicipalTenant, type MunicipalTenantProps } from "../constructs/municipal-tenant";
import { PowerAndCooling } from "../constructs/power-and-cooling";
import { removedBlocksFor } from "../constructs/removed-blocks";
import { addPolicyRecords } from "../constructs/policy-records";
import { addStorageRecords } from "../constructs/storage-records";
import { addTemplateRecords } from "../constructs/template-records";
import { TenantRecords } from "../constructs/tenant-records";
import { VmwareServerPark } from "../constructs/vmware-server-park";
import type { ManagedVm, RemovedVm, Site, SiteFirewallModel, Tenant } from "../plan/model";
import { siteDevices } from "../spec/facility/devices";
import { stackNames } from "../contracts/stack-names";
import { configureStateBackend } from "./state-backend";
import { RoomStack } from "./room-stack";
import { addVsphereProvider } from "./vsphere-provider";

export interface SiteStacks {
  vsphere: TerraformStack;
  facility: TerraformStack;
  tenants: Map<string, TerraformStack>;
  /** With a firewall: `<site>-firewall` and `<site>-<tenant>-fw` per tenant. */
  firewall?: TerraformStack;
  tenantFirewalls: Map<string, TerraformStack>;
}

/**
 * Which stacks to fill: all by default. The others are still made (empty), because the site's stacks
 * name and depend on each other; the caller leaves them out of synthesis (omitUnbuiltStacks).
 */
export type StackFilter = (stack: string) => boolean;

const everyStack: StackFilter = () => true;

function newStack(app: App, site: Site, name: string): TerraformStack {
  const stack = new RoomStack(app, name);
  configureStateBackend(stack, { siteName: site.spec.site, stackName: name, state: site.spec.state });
  return stack;
}

/**
 * Wires one site into stacks: `<site>-facility` (terraform_data only), `<site>-vsphere` (the park and
 * SAN), and `<site>-<tenant>` per tenant, which depends on the vSphere stack so `cdktf deploy '*'`
 * applies them in order; with a firewall also `<site>-firewall` and `<site>-<tenant>-fw`.
 */
export function addSiteStacks(app: App, site: Site, build: StackFilter = everyStack): SiteStacks {
  const s = site.spec;
  const facility = newStack(app, site, stackNames.facility(s.site));
  if (build(facility.node.id)) addFacility(facility, site);

  const vsphere = newStack(app, site, stackNames.vsphere(s.site));
  if (build(vsphere.node.id)) addPark(vsphere, site);

  const tenants = new Map<string, TerraformStack>();
  for (const tenant of site.tenants) {
    const stack = newStack(app, site, stackNames.tenant(s.site, tenant.spec.tenant));
    stack.addDependency(vsphere);
    if (build(stack.node.id)) addTenant(stack, site, tenant);
    tenants.set(tenant.spec.tenant, stack);
  }
  const tenantFirewalls = new Map<string, TerraformStack>();
  const firewall = site.firewall ? addFirewallStacks(app, site, site.firewall, tenantFirewalls, build) : undefined;
  // Last, once every stack of the site exists: the operator object lists them all.
  if (build(facility.node.id))
    addOperatorRecord(facility, {
      siteName: s.site,
      legalEntity: s.municipality,
      country: s.country,
      hostTenant: site.tenants.find((t) => t.spec.hostMunicipality)?.spec.tenant,
      onboardingUntil: s.onboardingUntil,
      stacks: [vsphere, facility, ...tenants.values(), ...(firewall ? [firewall] : []), ...tenantFirewalls.values()].map(
        (st) => st.node.id,
      ),
    });
  return firewall ? { vsphere, facility, tenants, firewall, tenantFirewalls } : { vsphere, facility, tenants, tenantFirewalls };
}

/** Every stack of the site, in the order synth lists them. */
export function stacksOf(s: SiteStacks): TerraformStack[] {
  return [s.vsphere, s.facility, ...s.tenants.values(), ...(s.firewall ? [s.firewall] : []), ...s.tenantFirewalls.values()];
}

/** `<site>-facility`: terraform_data records of the room, its services and its policy files. */
function addFacility(facility: TerraformStack, site: Site): void {
  const s = site.spec;
  new PowerAndCooling(facility, "power-and-cooling", {
    siteName: s.site,
    rooms: s.rooms,
    racks: s.racks,
    facility: s.facility,
    devices: siteDevices(s),
  });
  new BackupRoom(facility, "backup-room", {
    siteName: s.site,
    backup: s.backup,
    syslog: s.syslog,
  });
  new TenantRecords(facility, "tenants", { siteName: s.site, tenants: site.tenants });
  addStorageRecords(facility, { siteName: s.site, san: s.san, keyProviders: s.keyProviders, storagePolicies: s.storagePolicies });
  addTemplateRecords(facility, { siteName: s.site, templates: s.templates });
  new HostHardeningRecords(facility, "host-hardening", { siteName: s.site, clusters: s.clusters, hardening: s.esxiHardening });
  if (site.firewall) new FirewallRecords(facility, "firewall-records", { siteName: s.site, firewall: site.firewall.spec });
  addPolicyRecords(facility, {
    siteName: s.site,
    policy: site.policy?.data,
    waivers: site.waivers?.data,
    approvers: site.approvers?.data,
  });
}

/** `<site>-vsphere`: the park and the SAN. */
function addPark(vsphere: TerraformStack, site: Site): void {
  const s = site.spec;
  addVsphereProvider(vsphere, s.vcenter);
  new VmwareServerPark(vsphere, "park", {
    siteName: s.site,
    datacenter: { name: s.vcenter.datacenter, exists: s.vcenter.datacenterExists },
    clusters: s.clusters,
    distributedSwitch: s.distributedSwitch,
    networks: s.networks,
    ntpServers: s.ntp,
    san: s.san,
    storagePolicies: s.storagePolicies,
    backupTags: s.backup?.classes.map(backupTagOf),
  });
}

/** `<site>-<tenant>`: the tenant's VMs, networks and permissions, or `removed` blocks for a removed one. */
function addTenant(stack: TerraformStack, site: Site, tenant: Tenant): void {
  if (tenant.spec.lifecycle === "removed") return removeTenant(stack, site, tenant);
  addVsphereProvider(stack, site.spec.vcenter);
  new MunicipalTenant(stack, "tenant", tenantProps(site, tenant));
}

/** What a tenant's construct needs of its site. */
function tenantProps(site: Site, tenant: Tenant): MunicipalTenantProps {
  const s = site.spec;
  return {
    siteName: s.site,
    datacenter: s.vcenter.datacenter,
    distributedSwitch: s.distributedSwitch.name,
    tenant,
    homeCluster: tenant.spec.cluster ?? s.clusters[0].name,
    encryptionPolicy: s.storagePolicies.find((p) => p.encryption),
    backupTags: new Map((s.backup?.classes ?? []).map((c) => [c.id, backupTagOf(c)])),
  };
}

/**
 * Firewall: box-wide settings and the shared VDOM in one stack; each tenant's VDOM in its own, so a
 * change for one municipality plans only its own firewall state. No vCenter credentials needed.
 */
function addFirewallStacks(
  app: App,
  site: Site,
  firewall: SiteFirewallModel,
  tenantFirewalls: Map<string, TerraformStack>,
  build: StackFilter,
): TerraformStack {
  const s = site.spec;
  const { spec: fw, plan } = firewall;
  const stack = newStack(app, site, stackNames.firewall(s.site));
  if (build(stack.node.id))
    new FortigateCluster(stack, "fortigate", {
      firewall: fw,
      plan,
      managementNetwork: site.managementNetwork,
      ntpServers: s.ntp,
      dns: s.dns,
      syslog: s.syslog[0],
    });
  const primary = fw.units.find((u) => u.role === "primary");
  if (!primary) throw new Error(`site ${s.site}: the firewall has no primary unit (the site checks require one)`);
  for (const vdom of plan.vdoms) {
    if (vdom.owner.kind !== "tenant") continue;
    const tenantStack = newStack(app, site, stackNames.tenantFirewall(s.site, vdom.owner.tenant));
    tenantStack.addDependency(stack);
    if (build(tenantStack.node.id)) {
      fortiosProvider(tenantStack, primary);
      new FirewallPolicySet(tenantStack, "vdom", { plan: vdom });
    }
    tenantFirewalls.set(vdom.owner.tenant, tenantStack);
  }
  // A removed tenant's VDOM: its stack keeps `removed` blocks for the policies and objects it had.
  // The order turns round: this stack deploys first, so its zones and policies are gone before the
  // firewall stack destroys the VDOM, link ends and VLAN interfaces they name (destroy in reverse order
  // of creation; that FortiOS refuses to delete a referenced entry is not verified here, the order is
  // right either way). It needs nothing of the firewall stack.
  for (const retired of plan.retired) {
    const tenantStack = newStack(app, site, stackNames.tenantFirewall(s.site, retired.tenant));
    stack.addDependency(tenantStack);
    if (build(tenantStack.node.id))
      removedBlocksFor(tenantStack, retired.destroy, (scratch) => {
        fortiosProvider(scratch, primary);
        new FirewallPolicySet(scratch, "vdom", { plan: retired.vdom });
      });
    tenantFirewalls.set(retired.tenant, tenantStack);
  }
  return stack;
}

/**
 * A removed tenant keeps its stack, holding only `removed` blocks for everything the tenant had:
 * Terraform forgets the objects, or destroys them when the tenant file says destroyApproved.
 */
function removeTenant(stack: TerraformStack, site: Site, tenant: Tenant): void {
  const asActive: Tenant = {
    ...tenant,
    spec: { ...tenant.spec, lifecycle: "active" },
    vms: tenant.vms.flatMap((vm) => (vm.kind === "unmanaged" ? [] : [wasManaged(vm)])),
  };
  removedBlocksFor(stack, tenant.spec.destroyApproved, (scratch) => {
    addVsphereProvider(scratch, site.spec.vcenter);
    new MunicipalTenant(scratch, "tenant", tenantProps(site, asActive));
  });
}

/** A VM of a removed tenant as it was while the tenant was active. */
function wasManaged(vm: ManagedVm | RemovedVm): ManagedVm {
  return vm.kind === "removed" ? asManaged(vm) : { ...vm, lifecycle: "active" };
}
