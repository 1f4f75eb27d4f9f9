import type { CheckedSite } from "../spec/load-sites";
import type { CheckedVm } from "../spec/checked-vm";
import type { Dns, ExistingVm, Network, SiteFile, SiteFirewall, Template, TenantFile, VmSize } from "../spec/types";
import type { FirewallPlan } from "./firewall/plan-types";

/**
 * The resolved model: what loading and planning hand to the stacks. Every union here says what the
 * loader and the planners guarantee (a new VM has a template and an address, an adopted one its
 * import id), so constructs render it without `!` and without re-checking the spec.
 */

/** What every VM has, whatever its lifecycle: what the loader resolved (spec/checked-vm.ts). */
export type VmCommon = Omit<CheckedVm, "lifecycle" | "ip">;

/** A VM Terraform creates: cloned from its template, customized with its pinned address. */
export interface NewVm extends Omit<VmCommon, "size"> {
  kind: "new";
  /** With its system disk's size (the loader requires diskGb for a new VM). */
  size: VmSize;
  lifecycle: "active" | "retiring";
  template: Template;
  ip: string;
  /** DNS for its guest customization (the tenant's, else the site's). */
  dns: Dns;
}

/** A running VM Terraform adopts through an import block and never reboots. */
export interface AdoptedVm extends VmCommon {
  kind: "adopted";
  lifecycle: "active" | "retiring";
  existing: ExistingVm;
  /** Its inventory path for the import block, `{name}` filled in. */
  importId: string;
  /** Only when the spec gives one: an adopted VM keeps the address it has. */
  ip?: string;
}

/** Known and counted (capacity, policies, addresses), never applied. */
export interface UnmanagedVm extends VmCommon {
  kind: "unmanaged";
  lifecycle: "unmanaged";
  ip?: string;
}

/** Leaves the configuration through a `removed` block; destroyed only when the spec approves. */
export interface RemovedVm extends VmCommon {
  kind: "removed";
  lifecycle: "removed";
  /** What it was while managed, so its resources can be listed for the `removed` blocks. */
  existing?: ExistingVm;
  /** The address the spec still gives it (not pinned: a removed VM's pin is freed and held). */
  ip?: string;
}

export type ManagedVm = NewVm | AdoptedVm;
export type Vm = ManagedVm | UnmanagedVm | RemovedVm;

export interface Tenant {
  spec: TenantFile;
  /** The tenant file as the user named it, for messages. */
  file: string;
  vms: Vm[];
}

/** The site's FortiGate pair: what the spec says, and the per-VDOM plan compiled from the flows. */
export interface SiteFirewallModel {
  spec: SiteFirewall;
  plan: FirewallPlan;
}

/** A loaded, checked and planned site with its tenants. */
export interface Site {
  spec: SiteFile;
  dir: string;
  file: string;
  /** The network the hosts, the vCenter and the firewall management ports live on (the loader requires one). */
  managementNetwork: Network;
  tenants: Tenant[];
  firewall?: SiteFirewallModel;
  /** The site's policy thresholds (policy.yaml), with the file for messages. */
  policy?: CheckedSite["policy"];
  /** The findings the site accepts (waivers.yaml), with the file for messages. */
  waivers?: CheckedSite["waivers"];
  /** Who may approve waivers (approvers.yaml), with the file for messages. */
  approvers?: CheckedSite["approvers"];
}

/** Whether the VM is rendered as a `vsphere_virtual_machine` (new or adopted, active or retiring). */
export function isManaged(vm: Vm): vm is ManagedVm {
  return vm.kind === "new" || vm.kind === "adopted";
}
