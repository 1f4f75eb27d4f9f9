import type { FirewallPlan } from "./firewall/plan-types";

/**
 * Typed spec objects: what the schemas in schema/ describe, after ajv filled in their defaults.
 * Keep in step with schema/site.schema.json and schema/tenant.schema.json.
 */
export type Country = "SE" | "NO" | "DK";
export type Lifecycle = "active" | "retiring" | "removed" | "unmanaged";
export type Criticality = "life-and-health" | "critical" | "standard" | "low";
export type Classification = "public" | "internal" | "personal" | "health" | "security-classified";

export interface Room {
  id: string;
  type: "primary" | "backup" | "other";
  building: string;
  fireCell: string;
  epoZone: string;
  protectionClass?: number;
  fireSuppression?: string;
}

export interface Rack {
  id: string;
  room: string;
  designKw?: number;
}

export interface VmSize {
  cpus: number;
  memoryGb: number;
  diskGb: number;
}

export interface Host {
  name: string;
  rack: string;
  address: string;
  hostname?: string;
  thumbprint: string;
  cpuCores: number;
  memoryGb: number;
  uplinkNics?: string[];
  vmotionAddress?: string;
  lifecycle?: Lifecycle;
  importId?: string;
}

export interface Cluster {
  name: string;
  ha: {
    enabled: boolean;
    hostFailuresToTolerate: number;
    admissionControl: "resourcePercentage" | "slotPolicy" | "failoverHosts" | "disabled";
    heartbeatDatastores?: string[];
    apdResponse: "disabled" | "warning" | "restartConservative" | "restartAggressive";
    pdlResponse: "disabled" | "warning" | "restartAggressive";
  };
  drs: { enabled: boolean; automation: "manual" | "partiallyAutomated" | "fullyAutomated" };
  hosts: Host[];
}

export interface DistributedSwitch {
  name: string;
  uplinks: string[];
  standbyUplinks?: string[];
  hostNics: string[];
  mtu: number;
  version?: string;
}

export type NetworkPurpose = "management" | "vmotion" | "storage" | "shared-services" | "workload";

export interface Network {
  name: string;
  purpose: NetworkPurpose;
  vlan: number;
  cidr: string;
  gateway?: string;
  reserved: number;
}

export interface Dns {
  servers: string[];
  domain: string;
  searchDomains?: string[];
}

export interface PhysicalDevice {
  id: string;
  model: string;
  firmware?: string;
  rack: string;
  psus?: Psu[];
  links?: Link[];
}

export interface San {
  array: PhysicalDevice;
  controllers: PhysicalDevice[];
  fabrics: { id: "A" | "B"; switches: PhysicalDevice[] }[];
  luns: { naa: string; sizeGb: number; controller?: string }[];
  datastores: { name: string; lun: string; cluster: string; lifecycle?: Lifecycle }[];
  datastoreClusters?: { name: string; datastores: string[]; automation: "manual" | "automated" }[];
}

export interface KeyProvider {
  id: string;
  kind: "native" | "kms";
  redundant: boolean;
  description?: string;
}

export interface StoragePolicy {
  id: string;
  name: string;
  encryption: boolean;
  keyProvider?: string;
  default: boolean;
}

export interface Template {
  id: string;
  vm?: string;
  contentLibrary?: string;
  item?: string;
  os: "linux" | "windows";
  guestId: string;
  hardwareVersion: number;
}

export interface SyslogTarget {
  host: string;
  port: number;
  protocol: "tls" | "tcp" | "udp";
  retentionMonths?: number;
}

export type StateBackend =
  | { backend: "local"; localDir?: string }
  | { backend: "pg"; pgHost: string }
  | { backend: "s3"; s3Bucket: string; s3Region: string; s3Endpoint?: string }
  | { backend: "http"; httpAddress: string }
  | { backend: "remote"; remoteHostname: string; remoteOrganization: string; remoteWorkspacePrefix: string };

export type FlowAction = "accept" | "deny";

/** A flow in a tenant file or in the site's firewall section. */
export interface Flow {
  id: number;
  from: string;
  to: string;
  services: string[];
  action: FlowAction;
  log: "all" | "utm" | "disable";
  justification?: string;
  ticket?: string;
  publishAs?: string;
}

export interface FirewallUnit {
  id: string;
  role: "primary" | "secondary";
  rack: string;
  hostname: string;
  managementAddress: string;
  priority?: number;
  psus?: { watts: number; pdu?: string }[];
  serial?: string;
}

export interface CustomService {
  name: string;
  tcp?: string;
  udp?: string;
  description?: string;
}

export interface SharedService {
  name: string;
  network: string;
  addresses: string[];
  description?: string;
}

/** site.yaml `firewall:` the FortiGate pair. */
export interface SiteFirewall {
  model: string;
  firmware: string;
  vdomLicences: number;
  haGroup: { name: string; id: number };
  units: FirewallUnit[];
  heartbeatInterfaces: string[];
  managementInterface: string;
  internalInterface: string;
  internet: { interface: string; vlan?: number; address: string; gateway: string };
  monitorInterfaces?: string[];
  sharedVdom: string;
  apiUser: string;
  adminTimeoutMinutes: number;
  services?: CustomService[];
  serviceGroups?: { name: string; members: string[] }[];
  sharedServices?: SharedService[];
  dos?: Record<string, number>;
  flows?: Flow[];
}

/** A tenant file's `firewall:` its VDOM, zones and the flows it owns. */
export interface TenantFirewall {
  vdom?: string;
  link?: string;
  zones?: { name: string; networks: string[]; description?: string }[];
  flows?: Flow[];
}

/** Where a typed facility fact comes from, and when it was last verified. */
export interface Source {
  document: string;
  verified: string;
}

export interface Psu {
  pdu: string;
  watts: number;
}

export interface Link {
  port: string;
  peer: string;
  peerPort: string;
}

export interface Sensor {
  id: string;
  rack?: string;
  room?: string;
  measure: "inlet-temp" | "humidity" | "smoke" | "water";
  lowCritical: number;
  lowWarning: number;
  highWarning: number;
  highCritical: number;
  delayMin: number;
  hysteresis: number;
  route: string;
}

/** site.yaml `facility:` power paths, cooling, sensors and the wiring of every device. */
export interface Facility {
  defaultSource?: Source;
  boards?: { id: string; path: "A" | "B"; room: string; capacityKw: number; source?: Source }[];
  generators?: { id: string; kw: number; fuelHours: number; ats: string; feeds?: string[]; source?: Source }[];
  ups?: {
    id: string;
    path: "A" | "B";
    room: string;
    board: string;
    modules: { kw: number; status: "ok" | "in-repair" }[];
    runtimeMin: number;
    source?: Source;
  }[];
  pdus?: { id: string; rack: string; ups: string; capacityKw: number; source?: Source }[];
  devices?: {
    id: string;
    role: "core-switch" | "backup-server" | "tape-library" | "other";
    rack: string;
    model: string;
    firmware?: string;
    psus?: Psu[];
    links?: Link[];
    source?: Source;
  }[];
  power?: Record<string, Psu[]>;
  links?: Record<string, Link[]>;
  cooling?: { id: string; room: string; kw: number; feed: string; source?: Source }[];
  alarmRoutes?: { id: string; target: string; hours: "24/7" | "office"; severities: ("warning" | "critical")[] }[];
  sensors?: Sensor[];
}

export interface BackupClass {
  id: string;
  rpoHours: number;
  retentionDays: number;
  immutable: boolean;
  offsite: boolean;
  tag?: string;
}

/** site.yaml `backup:` the backup room, classes, copies and evidence. */
export interface Backup {
  room: string;
  repositories?: {
    id: string;
    rack: string;
    model: string;
    firmware?: string;
    capacityTb: number;
    immutable: boolean;
    psus?: Psu[];
    links?: Link[];
    source?: Source;
  }[];
  classes: BackupClass[];
  defaults: Partial<Record<Criticality, string>>;
  copies: {
    id: string;
    class: string;
    room?: string;
    site?: string;
    media: "disk" | "object-storage" | "tape" | "cloud";
    immutable: boolean;
    offsiteKm?: number;
    source?: Source;
  }[];
  evidence?: {
    id: string;
    about: string;
    kind: string;
    date: string;
    result: "pass" | "fail" | "partial";
    by: string;
    documentRef: string;
    nextDue: string;
  }[];
}

/** A tenant's `legal:` facts for the national rules. */
export interface TenantLegal {
  legalEntity: string;
  analysisDate?: string;
  agreementRef: string;
  dpaRef?: string;
  suaRef?: string;
  samradRef?: string;
  nhnAgreementRef?: string;
  reportingRoutes: { regime: string; authority: string; channel: string }[];
  onboardingUntil?: string;
}

/** sites/<site>/site.yaml */
export interface SiteFile {
  site: string;
  municipality: string;
  country: Country;
  environment: "production" | "test" | "lab";
  state?: StateBackend;
  rooms: Room[];
  racks: Rack[];
  vcenter: { server: string; datacenter: string; datacenterExists: boolean; allowUnverifiedSsl: boolean };
  vmSizes?: Record<string, VmSize>;
  clusters: Cluster[];
  distributedSwitch: DistributedSwitch;
  networks: Network[];
  dns?: Dns;
  san: San;
  keyProviders: KeyProvider[];
  storagePolicies: StoragePolicy[];
  templates: Template[];
  ntp: string[];
  syslog: SyslogTarget[];
  firewall?: SiteFirewall;
  facility?: Facility;
  backup?: Backup;
  ipam?: { holdDays: number };
}

export interface ExistingVm {
  importId: string;
  uuid?: string;
  guestId: string;
  firmware: "bios" | "efi";
  efiSecureBoot: boolean;
  hardwareVersion: number;
  coresPerSocket: number;
  nicType: "vmxnet3" | "e1000" | "e1000e" | "vmxnet2" | "pcnet32" | "sriov";
  toolsUpgradePolicy: "manual" | "upgradeAtPowerCycle";
  enableLogging: boolean;
  enableDiskUuid: boolean;
  cpuHotAdd: boolean;
  cpuHotRemove: boolean;
  memoryHotAdd: boolean;
  disks: {
    label: string;
    sizeGb: number;
    controllerType: "scsi" | "sata" | "ide" | "nvme";
    unitNumber: number;
    thinProvisioned: boolean;
    eagerlyScrub: boolean;
    diskMode: string;
    writeThrough: boolean;
    diskSharing: "sharingNone" | "sharingMultiWriter";
  }[];
}

export interface Workload {
  name: string;
  description?: string;
  count?: number;
  namePattern?: string;
  template?: string;
  size: string | VmSize;
  network: string;
  cluster?: string;
  ip?: string;
  criticality: Criticality;
  classification: Classification;
  redundancyGroup?: string;
  datastore?: string;
  storagePolicy?: string;
  backupClass?: string;
  lifecycle?: Lifecycle;
  destroyApproved: boolean;
  existing?: ExistingVm;
}

/** sites/<site>/tenants/<tenant>.yaml */
export interface TenantFile {
  tenant: string;
  name: string;
  country: Country;
  hostMunicipality: boolean;
  lifecycle?: Lifecycle;
  destroyApproved: boolean;
  vlanRange: { from: number; to: number };
  cidr: string;
  operatorsGroup: string;
  legal?: TenantLegal;
  cluster?: string;
  directory?: { domain: string; joinAccount: string; ou?: string };
  dns?: Dns;
  resourcePool?: {
    cpuShares: "low" | "normal" | "high";
    memoryShares: "low" | "normal" | "high";
    cpuLimitMhz?: number;
    memoryLimitGb?: number;
  };
  networks: Network[];
  firewall?: TenantFirewall;
  workloads: Workload[];
}

/** One VM after expanding counts and resolving references; what the constructs render. */
export interface Vm {
  /** VM name in vCenter and spec identity inside the tenant. */
  name: string;
  /** The workload entry it came from (pointer into the tenant file, for messages). */
  workload: Workload;
  workloadPointer: string;
  size: VmSize;
  network: Network;
  /** Whether the network belongs to the site (shared services) rather than the tenant. */
  sharedNetwork: boolean;
  /** Address given in the spec or pinned in ipam.lock.yaml; undefined for an existing VM given none. */
  ip?: string;
  lifecycle: Lifecycle;
  template?: Template;
  /** Compute cluster the VM runs in. */
  cluster: string;
  /** Backup class (explicit, or from the site's defaults by criticality), when the site declares backup. */
  backupClass?: string;
  /** Datastore cluster or datastore the VM lives on. */
  placement: { kind: "datastore" | "datastore-cluster"; name: string };
  storagePolicy?: StoragePolicy;
}

export interface Tenant {
  spec: TenantFile;
  file: string;
  vms: Vm[];
}

/** A loaded, checked site with its tenants. */
export interface Site {
  spec: SiteFile;
  dir: string;
  file: string;
  tenants: Tenant[];
  /** Policies and objects per VDOM, when the site has a firewall. */
  firewall?: FirewallPlan;
}
