import type { Criticality as ContractCriticality, Sensitivity } from "../contracts/facility-objects";
import type { Flow, Network, SiteFile, State } from "./generated/site-file";
import type { TenantFile, Workload } from "./generated/tenant-file";

/**
 * Typed spec objects: what the schemas in schema/ describe, after ajv filled in their defaults.
 * The file types are generated from schema/site.schema.json and schema/tenant.schema.json into
 * spec/generated/ (`npm run gen:types`); the names below pick out their parts.
 */
export type { Country, Dns, Flow, Lifecycle, Link, Network, PhysicalDevice, Psu, SiteFile, Source, VmSize } from "./generated/site-file";
export type { ExistingVm, TenantFile, Workload, WorkloadSize } from "./generated/tenant-file";

export type Criticality = Workload["criticality"];
export type Classification = Workload["classification"];

// The schema's values must be the contract's (contracts/classifications.ts), which the constructs
// write and the policies read: a compile error here means the two drifted.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesContract: [Same<Classification, Sensitivity>, Same<Criticality, ContractCriticality>] = [true, true];
void schemaMatchesContract;

export type Room = SiteFile["rooms"][number];
export type Rack = SiteFile["racks"][number];
export type Cluster = SiteFile["clusters"][number];
export type Host = Cluster["hosts"][number];
export type DistributedSwitch = SiteFile["distributedSwitch"];
export type NetworkPurpose = Network["purpose"];
export type San = SiteFile["san"];
export type KeyProvider = SiteFile["keyProviders"][number];
export type StoragePolicy = SiteFile["storagePolicies"][number];
export type Template = SiteFile["templates"][number];
export type SyslogTarget = SiteFile["syslog"][number];

/** Where each stack keeps its state, one variant per backend (ajv fills in remoteWorkspacePrefix "" for all). */
export type StateBackend = State;

export type FlowAction = Flow["action"];

/** site.yaml `firewall:` the FortiGate pair. */
export type SiteFirewall = NonNullable<SiteFile["firewall"]>;
export type FirewallUnit = SiteFirewall["units"][number];
export type CustomService = NonNullable<SiteFirewall["services"]>[number];
export type SharedService = NonNullable<SiteFirewall["sharedServices"]>[number];

/** A tenant file's `firewall:` its VDOM, zones and the flows it owns. */
export type TenantFirewall = NonNullable<TenantFile["firewall"]>;

/** site.yaml `facility:` power paths, cooling, sensors and the wiring of every device. */
export type Facility = NonNullable<SiteFile["facility"]>;
export type Sensor = NonNullable<Facility["sensors"]>[number];

/** site.yaml `esxiHardening:` the declared ESXi settings the configuration cannot set, with their source. */
export type EsxiHardening = NonNullable<SiteFile["esxiHardening"]>;
export type { EsxiHardeningSource, EsxiSettings } from "./generated/site-file";

/** site.yaml `backup:` the backup room, classes, copies and evidence. */
export type Backup = NonNullable<SiteFile["backup"]>;
export type BackupClass = Backup["classes"][number];

/** A tenant's `legal:` facts for the national rules. */
export type TenantLegal = NonNullable<TenantFile["legal"]>;
