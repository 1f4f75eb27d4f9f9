import type { Network, StoragePolicy, Template, WorkloadSize, Workload, Lifecycle } from "./types";

/**
 * One VM of a workload as the loader resolves it: count expanded, size, network, template, cluster,
 * placement and storage policy looked up. Addresses are the planner's (plan/addresses): `ip` here is
 * only what the spec itself gives.
 */
export interface CheckedVm {
  /** VM name in vCenter and spec identity inside the tenant. */
  name: string;
  /** The workload entry it came from, and its pointer into the tenant file (for messages). */
  workload: Workload;
  workloadPointer: string;
  /** cpus and memory; diskGb for a new VM (the loader requires it there, and refuses it on an existing one). */
  size: WorkloadSize;
  network: Network;
  /** The network belongs to the site (shared services) rather than the tenant. */
  sharedNetwork: boolean;
  lifecycle: Lifecycle;
  /** The address written in the workload (`ip:`), or the one a shared service names the VM for (its `vms`), if any. */
  ip?: string;
  template?: Template;
  /** Compute cluster the VM runs in. */
  cluster: string;
  /** Backup class (explicit, or from the site's defaults by criticality), when the site declares backup. */
  backupClass?: string;
  /**
   * Where its disks live: a datastore cluster (Storage DRS places it) or one datastore. An existing VM
   * without a workload datastore stays on the datastore it runs on (existing.datastore).
   */
  placement: { kind: "datastore" | "datastore-cluster"; name: string };
  /** The workload's storage policy, else the site's default one. */
  storagePolicy?: StoragePolicy;
  /** The workload's endpoint protection, else the site's default; none when neither declares one. */
  endpointProtection?: "agent" | "agentless" | "exempt";
  /** Why the VM is exempt from endpoint protection (only with `exempt`; the loader requires it then). */
  endpointExemptionReason?: string;
}
