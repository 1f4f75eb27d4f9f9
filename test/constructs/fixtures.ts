/**
 * Small hand-built props for the construct tests, typed with the project's own types (spec/types.ts,
 * plan/model.ts, plan/firewall/plan-types.ts). Every fixture is a function, so a test can change its
 * copy without touching another test's.
 */
import type { AdoptedVm, NewVm, RemovedVm, Tenant, UnmanagedVm, VmCommon } from "../../plan/model";
import type { FirewallPlan, PlannedPolicy, VdomPlan, VlanInterface } from "../../plan/firewall/plan-types";
import { defaultDeny } from "../../plan/firewall/plan-firewall";
import type {
  Cluster,
  DistributedSwitch,
  Dns,
  ExistingVm,
  Host,
  Network,
  San,
  SiteFirewall,
  StoragePolicy,
  SyslogTarget,
  Template,
  TenantFile,
  Workload,
} from "../../spec/types";

export const SITE = "tiny";
export const DATACENTER = "tiny-dc";
export const NTP = ["ntp1.tiny.example", "ntp2.tiny.example"];

// ---------------------------------------------------------------------------------------------
// The park: one cluster of three hosts, a switch, infrastructure networks, a SAN with 2 datastores.
// ---------------------------------------------------------------------------------------------

export const managementNetwork = (): Network => ({
  name: "management",
  purpose: "management",
  vlan: 10,
  cidr: "10.0.10.0/24",
  gateway: "10.0.10.1",
  reserved: 10,
});
export const vmotionNetwork = (): Network => ({ name: "vmotion", purpose: "vmotion", vlan: 11, cidr: "10.0.11.0/24", reserved: 0 });
export const sharedNetwork = (): Network => ({
  name: "shared",
  purpose: "shared-services",
  vlan: 20,
  cidr: "10.0.20.0/24",
  gateway: "10.0.20.1",
  reserved: 10,
});
export const siteNetworks = (): Network[] => [managementNetwork(), vmotionNetwork(), sharedNetwork()];

export const host = (n: number, extra: Partial<Host> = {}): Host => ({
  name: `esx0${n}`,
  rack: n % 2 === 1 ? "r1" : "r2",
  address: `10.0.10.1${n}`,
  thumbprint: `AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:0${n}`,
  cpuCores: 32,
  memoryGb: 512,
  vmotionAddress: `10.0.11.1${n}`,
  ...extra,
});

export const cluster = (extra: Partial<Cluster> = {}): Cluster => ({
  name: "prod",
  ha: {
    enabled: true,
    hostFailuresToTolerate: 1,
    admissionControl: "resourcePercentage",
    apdResponse: "restartConservative",
    pdlResponse: "restartAggressive",
  },
  drs: { enabled: true, automation: "fullyAutomated" },
  hosts: [host(1, { hostname: "esx01.tiny.example" }), host(2), host(3)],
  ...extra,
});

export const distributedSwitch = (extra: Partial<DistributedSwitch> = {}): DistributedSwitch => ({
  name: "dvs-tiny",
  uplinks: ["uplink1", "uplink2"],
  hostNics: ["vmnic2", "vmnic3"],
  mtu: 9000,
  ...extra,
});

export const LUN1 = "naa.600a098038303053453f463045726b01";
export const LUN2 = "naa.600a098038303053453f463045726b02";

export const san = (extra: Partial<San> = {}): San => ({
  array: { id: "san1", model: "PowerStore 1200T", rack: "r1" },
  controllers: [
    { id: "san1-a", model: "PowerStore node A", rack: "r1" },
    { id: "san1-b", model: "PowerStore node B", rack: "r2" },
  ],
  fabrics: [
    { id: "A", switches: [{ id: "fc-a", model: "Connectrix DS-6610B", rack: "r1" }] },
    { id: "B", switches: [{ id: "fc-b", model: "Connectrix DS-6610B", rack: "r2" }] },
  ],
  luns: [
    { naa: LUN1, sizeGb: 4096, controller: "san1-a" },
    { naa: LUN2, sizeGb: 4096, controller: "san1-b" },
  ],
  datastores: [
    { name: "ds01", lun: LUN1, cluster: "prod" },
    { name: "ds02", lun: LUN2, cluster: "prod" },
  ],
  datastoreClusters: [{ name: "dsc-prod", datastores: ["ds01", "ds02"], automation: "automated" }],
  ...extra,
});

export const standardPolicy = (): StoragePolicy => ({
  id: "standard",
  name: "vSAN Default Storage Policy",
  encryption: false,
  default: true,
});
export const encryptionPolicy = (): StoragePolicy => ({
  id: "encrypted",
  name: "VM Encryption Policy",
  encryption: true,
  keyProvider: "nkp",
  default: false,
});
export const storagePolicies = (): StoragePolicy[] => [standardPolicy(), encryptionPolicy()];

export const linuxTemplate = (): Template => ({
  id: "rhel9",
  vm: "tpl-rhel9",
  os: "linux",
  guestId: "rhel9_64Guest",
  hardwareVersion: 21,
  firmware: "efi",
  scsiType: "pvscsi",
  encrypted: false,
});
export const windowsTemplate = (): Template => ({
  id: "win2022",
  contentLibrary: "templates",
  item: "win2022-core",
  os: "windows",
  guestId: "windows2019srvNext_64Guest",
  hardwareVersion: 21,
  firmware: "efi",
  scsiType: "lsilogic-sas",
  encrypted: false,
});

export const syslogTarget = (extra: Partial<SyslogTarget> = {}): SyslogTarget => ({
  host: "syslog.tiny.example",
  port: 6514,
  protocol: "tls",
  retentionMonths: 12,
  ...extra,
});

// ---------------------------------------------------------------------------------------------
// A tenant with one new Linux VM, one new Windows VM and one adopted VM.
// ---------------------------------------------------------------------------------------------

export const tenantNetwork = (): Network => ({
  name: "app",
  purpose: "workload",
  vlan: 110,
  cidr: "10.1.0.0/24",
  gateway: "10.1.0.1",
  reserved: 10,
});

export const workload = (name: string, extra: Partial<Workload> = {}): Workload => ({
  name,
  size: "small",
  network: "app",
  criticality: "standard",
  classification: "internal",
  destroyApproved: false,
  ...extra,
});

/** The Linux VM and the adopted VM form the redundancy group "web". */
export const linuxWorkload = (): Workload =>
  workload("web01", {
    description: "Patient journal front end",
    template: "rhel9",
    criticality: "life-and-health",
    classification: "health",
    redundancyGroup: "web",
    backupClass: "gold",
  });
export const windowsWorkload = (): Workload => workload("files01", { description: "File server", template: "win2022" });
export const adoptedWorkload = (): Workload =>
  workload("web02", {
    description: "Journal front end (runs since 2019)",
    criticality: "critical",
    classification: "personal",
    redundancyGroup: "web",
    existing: existingVm(),
  });

export const existingVm = (): ExistingVm => ({
  importId: "/tiny-dc/vm/legacy/{name}",
  guestId: "rhel8_64Guest",
  firmware: "bios",
  efiSecureBoot: false,
  hardwareVersion: 14,
  coresPerSocket: 2,
  scsiType: "lsilogic-sas",
  datastore: "legacy-ds01",
  nicType: "e1000e",
  toolsUpgradePolicy: "manual",
  enableLogging: false,
  enableDiskUuid: true,
  cpuHotAdd: true,
  cpuHotRemove: false,
  memoryHotAdd: true,
  disks: [
    {
      label: "Hard disk 1",
      sizeGb: 80,
      controllerType: "scsi",
      unitNumber: 0,
      thinProvisioned: false,
      eagerlyScrub: true,
      diskMode: "persistent",
      writeThrough: false,
      diskSharing: "sharingNone",
    },
    {
      label: "Hard disk 2",
      sizeGb: 200,
      controllerType: "scsi",
      unitNumber: 1,
      thinProvisioned: true,
      eagerlyScrub: false,
      diskMode: "independent_persistent",
      writeThrough: false,
      diskSharing: "sharingNone",
    },
  ],
});

export const tenantDns = (): Dns => ({ servers: ["10.0.20.10", "10.0.20.11"], domain: "alpha.example", searchDomains: ["tiny.example"] });

const common = (w: Workload, extra: Partial<VmCommon> = {}): VmCommon => ({
  name: w.name,
  workload: w,
  workloadPointer: "/workloads/0",
  size: { cpus: 2, memoryGb: 4, diskGb: 60 },
  network: tenantNetwork(),
  sharedNetwork: false,
  cluster: "prod",
  placement: { kind: "datastore-cluster", name: "dsc-prod" },
  storagePolicy: standardPolicy(),
  ...extra,
});

export const linuxVm = (extra: Partial<NewVm> = {}): NewVm => ({
  ...common(linuxWorkload(), { backupClass: "gold" }),
  kind: "new",
  lifecycle: "active",
  size: { cpus: 2, memoryGb: 4, diskGb: 60 },
  template: linuxTemplate(),
  ip: "10.1.0.11",
  dns: tenantDns(),
  ...extra,
});

export const windowsVm = (extra: Partial<NewVm> = {}): NewVm => ({
  ...common(windowsWorkload(), { placement: { kind: "datastore", name: "ds02" } }),
  kind: "new",
  lifecycle: "active",
  size: { cpus: 2, memoryGb: 4, diskGb: 60 },
  template: windowsTemplate(),
  ip: "10.1.0.12",
  dns: tenantDns(),
  ...extra,
});

export const adoptedVm = (extra: Partial<AdoptedVm> = {}): AdoptedVm => ({
  ...common(adoptedWorkload()),
  kind: "adopted",
  lifecycle: "active",
  existing: existingVm(),
  importId: "/tiny-dc/vm/legacy/web02",
  ip: "10.1.0.13",
  ...extra,
});

export const unmanagedVm = (): UnmanagedVm => ({
  ...common(workload("appliance01", { lifecycle: "unmanaged" })),
  kind: "unmanaged",
  lifecycle: "unmanaged",
  ip: "10.1.0.14",
});

/** A VM that was new and leaves the configuration (its template kept, so its resources can be listed). */
export const removedVm = (w: Workload = workload("old01", { template: "rhel9", lifecycle: "removed" })): RemovedVm => ({
  ...common(w),
  kind: "removed",
  lifecycle: "removed",
  template: linuxTemplate(),
});

export const tenantFile = (extra: Partial<TenantFile> = {}): TenantFile => ({
  tenant: "alpha",
  name: "Alpha kommune",
  country: "NO",
  hostMunicipality: true,
  destroyApproved: false,
  vlanRange: { from: 100, to: 199 },
  cidr: "10.1.0.0/16",
  operatorsGroup: "ALPHA\\vm-operators",
  networks: [tenantNetwork()],
  workloads: [linuxWorkload(), windowsWorkload(), adoptedWorkload()],
  ...extra,
});

/** The tenant with its three resolved VMs (each VM's workload is the tenant file's own entry). */
export function tenant(extra: { spec?: Partial<TenantFile>; vms?: Tenant["vms"] } = {}): Tenant {
  const spec = tenantFile(extra.spec);
  const [linux, windows, adopted] = spec.workloads;
  const vms: Tenant["vms"] = extra.vms ?? [
    linuxVm({ workload: linux ?? linuxWorkload() }),
    windowsVm({ workload: windows ?? windowsWorkload() }),
    adoptedVm({ workload: adopted ?? adoptedWorkload() }),
  ];
  return { spec, file: "tenants/alpha.yaml", vms };
}

// ---------------------------------------------------------------------------------------------
// The firewall pair and a tiny plan: the shared VDOM and one tenant VDOM.
// ---------------------------------------------------------------------------------------------

export const siteFirewall = (extra: Partial<SiteFirewall> = {}): SiteFirewall => ({
  model: "FortiGate 200F",
  firmware: "7.4.11",
  vdomLicences: 10,
  haGroup: { name: "tiny-fgcp", id: 7 },
  units: [
    { id: "fw-a", role: "primary", rack: "r1", hostname: "tiny-fw-a", managementAddress: "10.0.10.2" },
    { id: "fw-b", role: "secondary", rack: "r2", hostname: "tiny-fw-b", managementAddress: "10.0.10.3" },
  ],
  heartbeatInterfaces: ["ha1", "ha2"],
  managementInterface: "mgmt",
  internalInterface: "x1",
  internet: { interface: "x2", address: "203.0.113.10/29", gateway: "203.0.113.9" },
  sharedVdom: "shared",
  apiUser: "terraform",
  adminTimeoutMinutes: 10,
  ...extra,
});

/** The planner's own logged deny, as every VDOM plan ends. */
export const denyPolicy = (vdom: string): PlannedPolicy => defaultDeny(vdom);

export const sharedVdomPlan = (): VdomPlan => ({
  name: "shared",
  owner: { kind: "site" },
  zones: [{ name: "z-shared", interfaces: ["vlan20"], description: "site shared" }],
  addresses: [
    { name: "site-svc-dns-1", subnet: "10.0.20.10/32", comment: "dns" },
    { name: "site-svc-dns-2", subnet: "10.0.20.11/32", comment: "dns" },
    { name: "site-svc-dns", members: ["site-svc-dns-1", "site-svc-dns-2"], comment: "shared service dns" },
  ],
  vips: [],
  services: [],
  serviceGroups: [],
  policies: [
    {
      id: 10,
      vdom: "shared",
      name: "flow-10",
      srcintf: ["z-shared"],
      dstintf: ["x2"],
      srcaddr: ["site-svc-dns"],
      dstaddr: ["all"],
      services: ["DNS"],
      action: "accept",
      log: "all",
      nat: true,
      comments: "ticket=-; why=-; flow=site/10",
      hop: "local",
    },
    denyPolicy("shared"),
  ],
  routes: [{ seq: 1, vdom: "shared", dst: "0.0.0.0/0", device: "x2", gateway: "203.0.113.9", comment: "default route" }],
});

/** The tenant VDOM, with its policies deliberately out of id order (the sort resource puts them in order). */
export const tenantVdomPlan = (): VdomPlan => ({
  name: "alpha",
  owner: { kind: "tenant", tenant: "alpha" },
  link: "alpha",
  zones: [{ name: "z-app", interfaces: ["vlan110"], description: "alpha app" }],
  addresses: [
    { name: "alpha-net-app", subnet: "10.1.0.0/24", comment: "alpha network app" },
    { name: "alpha-vm-web01", subnet: "10.1.0.11/32", comment: "alpha vm web01" },
  ],
  vips: [{ name: "vip-203-0-113-11", extip: "203.0.113.11", mappedip: "10.1.0.11", extintf: "x2", comment: "publishes web01" }],
  services: [{ name: "journal-app", tcp: "8443", comment: "journal" }],
  serviceGroups: [{ name: "web", members: ["HTTPS", "journal-app"] }],
  policies: [
    denyPolicy("alpha"),
    {
      id: 30,
      vdom: "alpha",
      name: "flow-30",
      srcintf: ["alpha1"],
      dstintf: ["z-app"],
      srcaddr: ["all"],
      dstaddr: ["vip-203-0-113-11"],
      services: ["web"],
      action: "accept",
      log: "all",
      nat: false,
      comments: "ticket=CHG-1; why=citizens reach the journal; flow=alpha/30",
      hop: "ingress",
    },
    {
      id: 20,
      vdom: "alpha",
      name: "flow-20",
      srcintf: ["z-app"],
      dstintf: ["alpha1"],
      srcaddr: ["alpha-net-app"],
      dstaddr: ["all"],
      services: ["DNS"],
      action: "accept",
      log: "all",
      nat: false,
      comments: "ticket=-; why=-; flow=alpha/20",
      hop: "egress",
    },
  ],
  routes: [{ seq: 1, vdom: "alpha", dst: "0.0.0.0/0", device: "alpha1", comment: "via shared" }],
});

export const tenantVlan = (): VlanInterface => ({
  name: "vlan110",
  vlan: 110,
  vdom: "alpha",
  ip: "10.1.0.1/24",
  trunk: "internal",
  description: "alpha app",
});

export const firewallPlan = (extra: Partial<FirewallPlan> = {}): FirewallPlan => ({
  sharedVdom: "shared",
  internetInterface: "x2",
  vlanInterfaces: [
    { name: "vlan20", vlan: 20, vdom: "shared", ip: "10.0.20.1/24", trunk: "internal", description: "site shared" },
    tenantVlan(),
  ],
  vdoms: [sharedVdomPlan(), tenantVdomPlan()],
  retired: [],
  ...extra,
});

// ---------------------------------------------------------------------------------------------
// Reading synthesized JSON where a matcher cannot say it.
// ---------------------------------------------------------------------------------------------

/** The synthesized stack as JSON. */
export type Synth = Record<string, any>;

export const parse = (synthesized: string): Synth => JSON.parse(synthesized) as Synth;

/** Every resource of one type, by address name. */
export function resources(synthesized: string, type: string): Record<string, any> {
  return (parse(synthesized).resource?.[type] ?? {}) as Record<string, any>;
}

/** Every data source of one type, by address name. */
export function dataSources(synthesized: string, type: string): Record<string, any> {
  return (parse(synthesized).data?.[type] ?? {}) as Record<string, any>;
}

/** Every resource address (`type.name`) of the synthesized stack. */
export function resourceAddresses(synthesized: string): string[] {
  const all = (parse(synthesized).resource ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(all).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/** The `removed` blocks of the synthesized stack. */
export function removedBlocks(synthesized: string): { from: string; lifecycle: { destroy: boolean } }[] {
  return (parse(synthesized).removed ?? []) as { from: string; lifecycle: { destroy: boolean } }[];
}

/** The `import` blocks of the synthesized stack. */
export function importBlocks(synthesized: string): { to: string; id: string }[] {
  return (parse(synthesized).import ?? []) as { to: string; id: string }[];
}
