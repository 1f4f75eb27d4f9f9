import { App, TerraformStack } from "cdktf";
import { BackupRoom } from "../constructs/backup-room";
import { FirewallPolicySet } from "../constructs/firewall-policy-set";
import { FortigateCluster, fortiosProvider } from "../constructs/fortigate-cluster";
import { MunicipalTenant } from "../constructs/municipal-tenant";
import { addRemovedBlock } from "../constructs/removed-blocks";
import { PowerAndCooling } from "../constructs/power-and-cooling";
import { TenantRecords } from "../constructs/tenant-records";
import { VmwareServerPark } from "../constructs/vmware-server-park";
import type { Site, Tenant } from "../spec/types";
import { configureStateBackend } from "./state-backend";
import { addVsphereProvider } from "./vsphere-provider";

/** Stack names of a site, split by blast radius (see the design's "Contracts"). */
export const stackNames = {
  vsphere: (site: string) => `${site}-vsphere`,
  facility: (site: string) => `${site}-facility`,
  tenant: (site: string, tenant: string) => `${site}-${tenant}`,
  firewall: (site: string) => `${site}-firewall`,
  tenantFirewall: (site: string, tenant: string) => `${site}-${tenant}-fw`,
};

export interface SiteStacks {
  vsphere: TerraformStack;
  facility: TerraformStack;
  tenants: Map<string, TerraformStack>;
  /** With a firewall: `<site>-firewall` and `<site>-<tenant>-fw` per tenant. */
  firewall?: TerraformStack;
  tenantFirewalls: Map<string, TerraformStack>;
}

function newStack(app: App, site: Site, name: string): TerraformStack {
  const stack = new TerraformStack(app, name);
  configureStateBackend(stack, site.spec, name);
  return stack;
}

/**
 * Wires one site into stacks: `<site>-facility` (terraform_data only), `<site>-vsphere` (the park and
 * SAN), and `<site>-<tenant>` per tenant, which depends on the vSphere stack so `cdktf deploy '*'`
 * applies them in order; with a firewall also `<site>-firewall` and `<site>-<tenant>-fw`.
 */
export function addSiteStacks(app: App, site: Site): SiteStacks {
  const s = site.spec;
  const facility = newStack(app, site, stackNames.facility(s.site));
  new PowerAndCooling(facility, "power-and-cooling", { site: s });
  new BackupRoom(facility, "backup-room", { site: s });
  new TenantRecords(facility, "tenants", { site });

  const vsphere = newStack(app, site, stackNames.vsphere(s.site));
  addVsphereProvider(vsphere, s);
  new VmwareServerPark(vsphere, "park", { site: s, facility });

  const tenants = new Map<string, TerraformStack>();
  for (const tenant of site.tenants) {
    const stack = newStack(app, site, stackNames.tenant(s.site, tenant.spec.tenant));
    stack.addDependency(vsphere);
    if (tenant.spec.lifecycle === "removed") removeTenant(stack, site, tenant);
    else {
      addVsphereProvider(stack, s);
      new MunicipalTenant(stack, "tenant", { site: s, tenant });
    }
    tenants.set(tenant.spec.tenant, stack);
  }

  // Firewall: box-wide settings and the shared VDOM in one stack; each tenant's VDOM in its own, so a
  // change for one municipality plans only its own firewall state. No vCenter credentials needed.
  const tenantFirewalls = new Map<string, TerraformStack>();
  if (!site.firewall || !s.firewall) return { vsphere, facility, tenants, tenantFirewalls };
  const firewall = newStack(app, site, stackNames.firewall(s.site));
  new FortigateCluster(firewall, "fortigate", { site: s, plan: site.firewall });
  const primary = s.firewall.units.find((u) => u.role === "primary")!;
  for (const vdom of site.firewall.vdoms.filter((v) => v.owner !== "site")) {
    const stack = newStack(app, site, stackNames.tenantFirewall(s.site, vdom.owner));
    stack.addDependency(firewall);
    fortiosProvider(stack, primary);
    new FirewallPolicySet(stack, "vdom", { plan: vdom });
    tenantFirewalls.set(vdom.owner, stack);
  }
  // A removed tenant's VDOM: its stack keeps `removed` blocks for the policies and objects it had.
  for (const retired of site.firewall.retired) {
    const stack = newStack(app, site, stackNames.tenantFirewall(s.site, retired.tenant));
    stack.addDependency(firewall);
    removedBlocksFor(stack, retired.destroy, (scratch) => {
      fortiosProvider(scratch, primary);
      new FirewallPolicySet(scratch, "vdom", { plan: retired.vdom });
    });
    tenantFirewalls.set(retired.tenant, stack);
  }
  return { vsphere, facility, tenants, firewall, tenantFirewalls };
}

/**
 * A removed tenant keeps its stack, holding only `removed` blocks for everything the tenant had:
 * Terraform forgets the objects, or destroys them when the tenant file says destroyApproved.
 */
function removeTenant(stack: TerraformStack, site: Site, tenant: Tenant): void {
  const active: Tenant = {
    ...tenant,
    spec: { ...tenant.spec, lifecycle: "active" },
    vms: tenant.vms.map((vm) => ({ ...vm, lifecycle: "active" })),
  };
  removedBlocksFor(stack, tenant.spec.destroyApproved, (scratch) => {
    addVsphereProvider(scratch, site.spec);
    new MunicipalTenant(scratch, "tenant", { site: site.spec, tenant: active });
  });
}

/**
 * Adds a `removed` block to `stack` for every resource `render` creates in a scratch stack: the
 * addresses come from rendering what the object had, so nothing is listed by hand.
 */
function removedBlocksFor(stack: TerraformStack, destroy: boolean, render: (scratch: TerraformStack) => void): void {
  const scratch = new TerraformStack(new App({ skipValidation: true }), "scratch");
  render(scratch);
  const resources = (scratch.toTerraform() as { resource?: Record<string, Record<string, unknown>> }).resource ?? {};
  for (const [type, byName] of Object.entries(resources)) {
    for (const name of Object.keys(byName)) addRemovedBlock(stack, `${type}.${name}`, destroy);
  }
}
