/**
 * Generated from schema/tenant.schema.json by `npm run gen:types` (npx tsx schema/generate-types.ts): do not edit.
 * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.
 * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.
 */
import type { Country, Dns, Flow, Lifecycle, Network } from "./site-file";

/**
 * A legal regime, by the fixed id the output derives from a tenant's country and its workloads' data (contracts/legal-regimes.ts, docs/legal-regimes.md).
 *
 * This interface was referenced by `TenantFile`'s JSON-Schema
 * via the `definition` "regime".
 */
export type Regime =
  "nis2-dk" | "nis2-se" | "digitalsikkerhetsloven" | "nsm-grunnprinsipper" | "normen" | "sikkerhetsloven" | "sakerhetsskyddslagen" | "gdpr";

/**
 * One municipality served by the room (the host municipality is a tenant too): its networks and workloads. Written as sites/<site>/tenants/<tenant>.yaml.
 */
export interface TenantFile {
  $schema?: string;
  /**
   * Tenant id; must equal the file name. Names the stack <site>-<tenant>.
   */
  tenant: string;
  /**
   * Legal name of the municipality.
   */
  name: string;
  country: Country;
  /**
   * This tenant runs the room.
   */
  hostMunicipality: boolean;
  lifecycle?: Lifecycle;
  /**
   * With lifecycle removed: let Terraform destroy the tenant's objects instead of only forgetting them.
   */
  destroyApproved: boolean;
  /**
   * VLAN ids reserved for this tenant; its networks must use them.
   */
  vlanRange: {
    from: number;
    to: number;
  };
  /**
   * Address range reserved for this tenant; its networks must lie in it.
   */
  cidr: string;
  /**
   * Written by npm run clone: the site and tenant this tenant was cloned from (a record for reviewers; nothing reads it).
   */
  clonedFrom?: string;
  /**
   * vCenter group (DOMAIN\group) that operates this tenant's folder and resource pool.
   */
  operatorsGroup: string;
  /**
   * The legal facts the national rules need about this municipality.
   */
  legal?: {
    /**
     * Legal name and organisation number.
     */
    legalEntity: string;
    /**
     * Date of the latest protective-security (or risk) analysis.
     */
    analysisDate?: string;
    /**
     * Hosting or cooperation agreement between the host municipality and its partners. Required where there is another party: for a partner tenant (not hostMunicipality), and for a host municipality once it hosts a partner tenant on the site; a host that hosts nobody may leave it out. A tenant being onboarded (onboardingUntil set) may load without it: the policy check GOV-ONBOARDING reports it, advisory until onboardingUntil and mandatory after; a host needs it at load time only for its partners that are not onboarding.
     */
    agreementRef?: string;
    /**
     * Data-processing agreement reference.
     */
    dpaRef?: string;
    /**
     * Security protection agreement (SE: säkerhetsskyddsavtal) reference.
     */
    suaRef?: string;
    /**
     * Consultation with the supervisor (SE: samråd) reference.
     */
    samradRef?: string;
    /**
     * Norwegian health network (Norsk Helsenett) agreement reference.
     */
    nhnAgreementRef?: string;
    /**
     * SE: the written consultation with Säkerhetspolisen before an information system that processes information classified konfidentiell or higher is put into operation or changed (säkerhetsskyddsförordningen). samradRef is the other samråd: with the supervisory authority before outsourcing (säkerhetsskyddslagen 4 kap. 9 §).
     */
    sapoSamradRef?: string;
    /**
     * @minItems 1
     */
    reportingRoutes: {
      /**
       * Which law or rule requires the report: one of the regime ids the output derives from the tenant's country and data (docs/legal-regimes.md).
       */
      regime: Regime;
      authority: string;
      channel: string;
    }[];
    /**
     * End of a new tenant's onboarding (npm run clone sets 90 days after its evaluation date): until then missing evidence is advisory. Never relaxes what the law requires before processing starts.
     */
    onboardingUntil?: string;
    /**
     * Whether the tenant's data is processed in the room yet. npm run clone writes false: the security agreement and consultation, data-processing agreement and health-network agreement are due before it turns true.
     */
    processingStarted: boolean;
  };
  /**
   * Compute cluster the tenant's VMs run in; default the site's first cluster.
   */
  cluster?: string;
  /**
   * Active Directory that new Windows VMs join during customization. The join account's password is the sensitive variable ad_join_password, supplied at plan time. Without it, Windows VMs join the WORKGROUP and the work list names the computer objects to create.
   */
  directory?: {
    domain: string;
    /**
     * Account allowed to join computers (user name only).
     */
    joinAccount: string;
    /**
     * OU for new computer objects, e.g. OU=Servers,DC=fjordvik,DC=kommune,DC=no
     */
    ou?: string;
  };
  dns?: Dns;
  resourcePool?: {
    cpuShares: "low" | "normal" | "high";
    memoryShares: "low" | "normal" | "high";
    cpuLimitMhz?: number;
    memoryLimitGb?: number;
  };
  networks: Network[];
  /**
   * The tenant's VDOM on the site's FortiGate pair: its zones and the flows this tenant file owns.
   */
  firewall?: {
    /**
     * VDOM name; default the tenant id.
     */
    vdom?: string;
    /**
     * Inter-VDOM link to the shared VDOM (ends <link>0 and <link>1); default the first 11 characters of the VDOM name.
     */
    link?: string;
    /**
     * Zones group the tenant's networks; a network in no zone is a zone of its own.
     */
    zones?: {
      name: string;
      /**
       * @minItems 1
       */
      networks: string[];
      description?: string;
    }[];
    /**
     * Addresses that are no single VM's (the floating address of a load-balanced gateway pair), which flows name as floating:<name>.
     */
    floatingAddresses?: FloatingAddress[];
    /**
     * Flows this tenant owns, including flows to or from another tenant (the owning file says so by declaring it).
     */
    flows?: Flow[];
  };
  workloads: Workload[];
}
/**
 * An address that is no single VM's: the floating (virtual) address of a load-balanced or HA pair, which moves between its VMs. Flows name it as floating:<name>; an inbound flow publishes it with publishAs (the VIP maps the public address to it). It is reserved: allocation never gives it to a VM.
 *
 * This interface was referenced by `TenantFile`'s JSON-Schema
 * via the `definition` "floatingAddress".
 */
export interface FloatingAddress {
  /**
   * Name a flow uses (floating:<name>); the address object is <tenant>-float-<name>.
   */
  name: string;
  /**
   * The tenant network the address lies in.
   */
  network: string;
  /**
   * The floating address: inside the network, not its gateway, not any VM's ip.
   */
  address: string;
  /**
   * The VMs of this tenant that share the address (all on its network).
   *
   * @minItems 1
   */
  vms?: string[];
  description?: string;
}
/**
 * A VM, or with count a set of like VMs.
 *
 * This interface was referenced by `TenantFile`'s JSON-Schema
 * via the `definition` "workload".
 */
export interface Workload {
  /**
   * VM name, or with count the workload name.
   */
  name: string;
  description?: string;
  /**
   * Number of like VMs; their names come from namePattern.
   */
  count?: number;
  namePattern?: string;
  /**
   * Template id from the site; required for a new VM.
   */
  template?: string;
  /**
   * A size name from the site's vmSizes, or cpus/memoryGb/diskGb (diskGb only for a new VM: an existing VM's disks are its existing.disks).
   */
  size: string | WorkloadSize;
  /**
   * Tenant network or site shared-services network.
   */
  network: string;
  /**
   * Compute cluster for these VMs; default the tenant's cluster.
   */
  cluster?: string;
  /**
   * Fixed address; otherwise one is allocated and pinned in ipam.lock.yaml.
   */
  ip?: string;
  /**
   * life-and-health restarts first after a host failure.
   */
  criticality: "life-and-health" | "critical" | "standard" | "low";
  /**
   * Most sensitive data the VM holds; personal, health and security-classified get the encryption storage policy.
   */
  classification: "public" | "internal" | "personal" | "health" | "security-classified";
  /**
   * VMs in the same group never share a host (mandatory anti-affinity).
   */
  redundancyGroup?: string;
  /**
   * Datastore or datastore cluster name; default the first datastore cluster. For an existing VM the target: without it the VM stays on existing.datastore, and a different one moves its disks (storage vMotion, listed in the work list).
   */
  datastore?: string;
  /**
   * Storage policy id; sensitive VMs always get the encryption policy.
   */
  storagePolicy?: string;
  lifecycle?: Lifecycle;
  destroyApproved: boolean;
  existing?: ExistingVm;
  /**
   * Backup class id; default from the site's backup defaults by criticality.
   */
  backupClass?: string;
  /**
   * How these VMs are protected against malware: agent (the security suite's agent in the guest), agentless (through the hypervisor) or exempt (with endpointExemptionReason); default the site's endpointProtection. Carried as the VM's endpoint-protection tag.
   */
  endpointProtection?: "agent" | "agentless" | "exempt";
  /**
   * Why these VMs run without endpoint protection (a vendor appliance that allows no agent, ...): required with endpointProtection: exempt, at least 20 characters, and only then.
   */
  endpointExemptionReason?: string;
}
/**
 * This interface was referenced by `TenantFile`'s JSON-Schema
 * via the `definition` "workloadSize".
 */
export interface WorkloadSize {
  cpus: number;
  memoryGb: number;
  /**
   * Size of the system disk of a new VM (required there); an existing VM declares its disks in existing.disks instead.
   */
  diskGb?: number;
}
/**
 * A VM that already runs: adopted by import, never cloned or customized, and carrying its own values for every setting whose change would reboot it.
 *
 * This interface was referenced by `TenantFile`'s JSON-Schema
 * via the `definition` "existingVm".
 */
export interface ExistingVm {
  /**
   * Inventory path of the running VM, which Terraform imports: /<datacenter>/vm/<folder>/<name>. {name} stands for the VM's name (for a workload with count). After the import Terraform moves the VM into tenants/<tenant>, which needs no reboot.
   */
  importId: string;
  /**
   * BIOS UUID as reported by vCenter.
   */
  uuid?: string;
  guestId: string;
  firmware: "bios" | "efi";
  efiSecureBoot: boolean;
  hardwareVersion: number;
  /**
   * Cores per virtual socket; the VM's cpus must be a multiple of it (vSphere rejects anything else).
   */
  coresPerSocket: number;
  /**
   * The VM's SCSI controller type, from the inventory; required when a disk is on SCSI. Without it the provider's default (pvscsi) would swap the controller of an LSI VM on the first apply.
   */
  scsiType?: "pvscsi" | "lsilogic" | "lsilogic-sas";
  /**
   * The datastore the VM's home and disks are on today, from the inventory. The VM stays there unless the workload's datastore names another target.
   */
  datastore: string;
  nicType: "vmxnet3" | "e1000" | "e1000e" | "vmxnet2" | "pcnet32" | "sriov";
  toolsUpgradePolicy: "manual" | "upgradeAtPowerCycle";
  enableLogging: boolean;
  enableDiskUuid: boolean;
  cpuHotAdd: boolean;
  cpuHotRemove: boolean;
  memoryHotAdd: boolean;
  /**
   * @minItems 1
   */
  disks: {
    /**
     * Hard disk N, in SCSI order.
     */
    label: string;
    sizeGb: number;
    controllerType: "scsi" | "sata" | "ide" | "nvme";
    unitNumber: number;
    thinProvisioned: boolean;
    eagerlyScrub: boolean;
    diskMode: "persistent" | "nonpersistent" | "undoable" | "independent_persistent" | "independent_nonpersistent" | "append";
    writeThrough: boolean;
    diskSharing: "sharingNone" | "sharingMultiWriter";
  }[];
}
