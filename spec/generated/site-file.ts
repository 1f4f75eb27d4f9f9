/**
 * Generated from schema/site.schema.json by `npm run gen:types` (npx tsx schema/generate-types.ts): do not edit.
 * Change the schema and regenerate; test/spec/generated-types.test.ts fails while this file is stale.
 * Describes a spec file after ajv filled in its defaults: a property with a default is never missing.
 */

/**
 * Country whose law applies: SE, NO or DK.
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "country".
 */
export type Country = "SE" | "NO" | "DK";
/**
 * Default active (a workload follows its tenant). active: managed; retiring: kept, tagged, address held; removed: Terraform forgets it (or destroys it with destroyApproved); unmanaged: known and counted, never applied.
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "lifecycle".
 */
export type Lifecycle = "active" | "retiring" | "removed" | "unmanaged";
/**
 * Where each stack keeps its Terraform state. Credentials have no field here: they come from the environment at plan time (PGUSER/PGPASSWORD, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, TF_HTTP_USERNAME/TF_HTTP_PASSWORD, TF_TOKEN_<host>).
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "state".
 */
export type State = {
  backend: "local" | "pg" | "s3" | "http" | "remote";
  /**
   * local: directory for state files, relative to each stack directory. Default ../../../terraform-state (beside the output directory).
   */
  localDir?: string;
  /**
   * pg: the PostgreSQL server and database. Each stack gets its own schema, named after the stack.
   */
  pg?: PgConnection;
  s3Bucket?: string;
  s3Region?: string;
  /**
   * On-premises S3 endpoint, such as https://s3.example.org.
   */
  s3Endpoint?: string;
  /**
   * http: base URL; the state path /<site>/<stack> is appended.
   */
  httpAddress?: string;
  /**
   * remote: host name of the Terraform Enterprise or HCP Terraform service.
   */
  remoteHostname?: string;
  remoteOrganization?: string;
  remoteWorkspacePrefix: string;
} & (
  | {
      backend: "local";
    }
  | {
      backend: "pg";
      pg: PgConnection;
    }
  | {
      backend: "s3";
      s3Bucket: string;
      s3Region: string;
    }
  | {
      backend: "http";
      /**
       * An https URL with host, optional port and path only: no user name or password, query (?) or fragment (#), which is where credentials would go.
       */
      httpAddress: string;
    }
  | {
      backend: "remote";
      remoteHostname: string;
      remoteOrganization: string;
    }
);

/**
 * One consolidated municipal server room: the rooms, racks, VMware park, SAN and shared infrastructure networks. Written by engineers as sites/<site>/site.yaml.
 */
export interface SiteFile {
  /**
   * Path to this schema, for editor completion.
   */
  $schema?: string;
  /**
   * Site id; prefixes every stack name (<site>-vsphere, <site>-facility, <site>-<tenant>). Must equal the directory name.
   */
  site: string;
  /**
   * The municipality that owns and runs the room.
   */
  municipality: string;
  /**
   * End of a new room's onboarding (npm run clone -- site sets it 90 days after its evaluation date): until then a record that is missing altogether (a restore test, a service record) is an advisory finding; a failed or overdue one is not.
   */
  onboardingUntil?: string;
  country: Country;
  /**
   * A production site may not keep Terraform state locally.
   */
  environment: "production" | "test" | "lab";
  state?: State;
  /**
   * Physical rooms: the primary server room, the backup room and any other.
   *
   * @minItems 1
   */
  rooms: {
    id: string;
    /**
     * Role of the room.
     */
    type: "primary" | "backup" | "other";
    building: string;
    /**
     * Fire cell (brandcelle/brandcell/brandcell) the room belongs to.
     */
    fireCell: string;
    /**
     * Emergency-power-off zone.
     */
    epoZone: string;
    /**
     * EN 50600 protection class.
     */
    protectionClass?: number;
    /**
     * Fire suppression system, e.g. inert gas.
     */
    fireSuppression?: string;
    /**
     * Physical access protection of the room (PHY-ACCESS). A fact left out is reported as not declared.
     */
    access?: {
      /**
       * Access control that logs every entry (badge reader with an entry log).
       */
      logged?: boolean;
      /**
       * An intrusion alarm on the room (door contact, motion sensor) that reaches someone at any hour.
       */
      intrusionAlarm?: boolean;
      /**
       * Camera surveillance of the entrance (where the law allows it).
       */
      cctv?: boolean;
    };
    /**
     * Whether liquid-carrying pipes (water, heating, sewage, chilled water) run above the racks or electrical equipment.
     */
    liquidPipesAboveIt?: boolean;
    /**
     * Where the room's facts (fire cell, EPO zone, protection class, access) come from, such as the fire-safety drawing. facility.defaultSource does not apply: the power drawings are not the room's.
     */
    source?: Source;
  }[];
  /**
   * @minItems 1
   */
  racks: {
    id: string;
    /**
     * Id of the room the rack stands in.
     */
    room: string;
    /**
     * Design power of the rack in kW.
     */
    designKw?: number;
    /**
     * Where the rack's facts come from. Default: its room's source.
     */
    source?: Source;
    /**
     * The rack's PDU pair, short for two facility.pdus entries: <rack>-pdu-a on UPS `a` and <rack>-pdu-b on UPS `b`, each of capacityKw (and source). Errors in them are reported here.
     */
    pdus?: {
      /**
       * UPS of the A-side PDU, <rack>-pdu-a.
       */
      a: string;
      /**
       * UPS of the B-side PDU, <rack>-pdu-b.
       */
      b: string;
      /**
       * Capacity of each PDU in kW.
       */
      capacityKw: number;
      /**
       * Source of both PDUs (document, verified); default facility.defaultSource.
       */
      source?: Source;
    };
  }[];
  /**
   * The vCenter that manages the park. Credentials are never written here: set TF_VAR_vsphere_user and TF_VAR_vsphere_password at plan time.
   */
  vcenter: {
    /**
     * vCenter host name or IPv4 address.
     */
    server: string;
    /**
     * Datacenter name in vCenter.
     */
    datacenter: string;
    /**
     * vCenter Server version (major.minor.update: 8.0.2 is 8.0 Update 2). Decides which provider features the site may use (guest customization OU needs 8.0.2) and which host thumbprint form vCenter accepts.
     */
    version: string;
    /**
     * The datacenter already exists and is imported rather than created.
     */
    datacenterExists: boolean;
    /**
     * Only for labs: skip TLS verification of vCenter.
     */
    allowUnverifiedSsl: boolean;
  };
  /**
   * Named VM sizes tenants can refer to.
   */
  vmSizes?: {
    [k: string]: VmSize;
  };
  /**
   * @minItems 1
   */
  clusters: {
    /**
     * Compute cluster name in vCenter.
     */
    name: string;
    /**
     * The cluster already runs: import it by its inventory path /<datacenter>/host/<name> (the form vsphere_compute_cluster imports by) instead of creating it.
     */
    importId?: string;
    /**
     * vSphere HA. On by default with admission control tolerating one host failure.
     */
    ha: {
      enabled: boolean;
      hostFailuresToTolerate: number;
      admissionControl: "resourcePercentage" | "slotPolicy" | "failoverHosts" | "disabled";
      /**
       * Preferred heartbeat datastores (by name); default: every datastore of the cluster.
       */
      heartbeatDatastores?: string[];
      apdResponse: "disabled" | "warning" | "restartConservative" | "restartAggressive";
      pdlResponse: "disabled" | "warning" | "restartAggressive";
    };
    drs: {
      enabled: boolean;
      automation: "manual" | "partiallyAutomated" | "fullyAutomated";
    };
    /**
     * @minItems 1
     */
    hosts: {
      /**
       * Host id; also names its root-password variable esxi_root_password_<name>.
       */
      name: string;
      /**
       * Id of the rack the host is mounted in.
       */
      rack: string;
      /**
       * Management address; must lie in the management network.
       */
      address: string;
      /**
       * Name vCenter knows the host by; default the management address.
       */
      hostname?: string;
      /**
       * SHA-1 thumbprint of the host's certificate, which vCenter's HostConnectSpec.sslThumbprint takes (a SHA-256 thumbprint is rejected with a message). Read it with: openssl s_client -connect <host>:443 </dev/null | openssl x509 -noout -fingerprint -sha1
       */
      thumbprint: string;
      cpuCores: number;
      memoryGb: number;
      /**
       * Physical NICs given to the distributed switch; default the switch's hostNics.
       *
       * @minItems 1
       */
      uplinkNics?: string[];
      /**
       * vMotion vmkernel address; must lie in the vmotion network.
       */
      vmotionAddress?: string;
      lifecycle?: Lifecycle;
      /**
       * Managed object id (host-123) of a host already in vCenter, to import instead of adding.
       */
      importId?: string;
    }[];
  }[];
  distributedSwitch: {
    name: string;
    /**
     * Uplink names; at least two for redundancy (a policy checks this).
     *
     * @minItems 1
     */
    uplinks: string[];
    /**
     * Uplinks kept on standby; the rest are active.
     */
    standbyUplinks?: string[];
    /**
     * Physical NICs of every host given to the switch, in uplink order.
     *
     * @minItems 1
     */
    hostNics: string[];
    /**
     * Every host's management vmkernel port (vmk0, made at install and not managed by Terraform) has been moved onto this switch; recorded on each host's device as managementSwitch, so RED-MGMT-NET can check its uplinks and their cabling.
     */
    carriesManagementVmk?: boolean;
    mtu: number;
    /**
     * Switch version, e.g. 8.0.0.
     */
    version?: string;
    /**
     * The switch already runs: import it by its inventory path /<datacenter>/network/<name> (the form vsphere_distributed_virtual_switch imports by) instead of creating it.
     */
    importId?: string;
  };
  /**
   * Infrastructure networks of the site (management, vMotion, storage) and shared-service networks tenants may attach to.
   *
   * @minItems 1
   */
  networks: Network[];
  dns?: Dns;
  san: {
    /**
     * The array's chassis (base enclosure): its own supplies and links, if any, beside those of its controllers.
     */
    array: PhysicalDevice;
    /**
     * Array controllers; two for redundancy (a policy checks this).
     *
     * @minItems 1
     */
    controllers: PhysicalDevice[];
    /**
     * @minItems 1
     */
    fabrics: {
      /**
       * Fabric letter.
       */
      id: "A" | "B";
      /**
       * @minItems 1
       */
      switches: PhysicalDevice[];
    }[];
    /**
     * @minItems 1
     */
    luns: {
      naa: string;
      sizeGb: number;
      /**
       * Owning controller id (preferred path).
       */
      controller?: string;
    }[];
    /**
     * @minItems 1
     */
    datastores: {
      /**
       * VMFS datastore name.
       */
      name: string;
      /**
       * NAA id of the LUN the datastore lives on.
       */
      lun: string;
      /**
       * Compute cluster whose hosts mount it.
       */
      cluster: string;
      lifecycle?: Lifecycle;
      /**
       * The datastore already runs: import it as <datastore managed object id>:<host managed object id> (the form vsphere_vmfs_datastore imports by); the host is the one it is created through, the first managed host of its cluster.
       */
      importId?: string;
    }[];
    datastoreClusters?: {
      name: string;
      /**
       * @minItems 1
       */
      datastores: string[];
      automation: "manual" | "automated";
      /**
       * The datastore cluster already runs: import it by its inventory path /<datacenter>/datastore/<name> (the form vsphere_datastore_cluster imports by) instead of creating it.
       */
      importId?: string;
    }[];
  };
  /**
   * Key providers (native or KMS) behind encryption storage policies. Configured in vCenter outside Terraform; recorded as facility objects.
   */
  keyProviders: {
    id: string;
    kind: "native" | "kms";
    /**
     * KMS cluster with more than one node, or native key provider with its backup exported.
     */
    redundant: boolean;
    description?: string;
  }[];
  /**
   * vCenter storage policies by their vCenter names, looked up at plan time.
   *
   * @minItems 1
   */
  storagePolicies: {
    /**
     * Short id tenants refer to.
     */
    id: string;
    /**
     * Policy name exactly as in vCenter.
     */
    name: string;
    /**
     * The policy encrypts VM files and disks.
     */
    encryption: boolean;
    /**
     * Key provider id; required for an encryption policy.
     */
    keyProvider?: string;
    /**
     * Policy used where a VM names none.
     */
    default: boolean;
  }[];
  /**
   * What new VMs are cloned from: a template VM or a content library item.
   */
  templates: {
    id: string;
    /**
     * Template VM name in the datacenter.
     */
    vm?: string;
    /**
     * Content library name (with item).
     */
    contentLibrary?: string;
    /**
     * Content library item name.
     */
    item?: string;
    /**
     * Selects the guest customization spec.
     */
    os: "linux" | "windows";
    /**
     * vSphere guest id, e.g. rhel9_64Guest.
     */
    guestId: string;
    hardwareVersion: number;
    /**
     * The template's firmware, as vCenter shows it. Clones keep it (the provider's default, bios, would stop an EFI image booting); a bios template fails VSP-SECURE-BOOT for its clones.
     */
    firmware: "efi" | "bios";
    /**
     * The template's SCSI controller type, as vCenter shows it. Clones keep it: the provider's default (pvscsi) would swap the controller of an LSI template, and a guest without the PVSCSI driver no longer finds its boot disk.
     */
    scsiType: "pvscsi" | "lsilogic" | "lsilogic-sas";
    /**
     * The template's disks are encrypted under the site's encryption storage policy (VM Policies > Edit VM Storage Policies on the template VM, powered off, before it was converted to a template), so the disks of its clones are too: vSphere clones an encrypted VM or template with the same keys. The provider cannot encrypt a clone's disks itself (terraform-provider-vsphere issue #2241), so a sensitive VM's disks are encrypted only through an encrypted template. Only a template VM (vm) can be encrypted: an OVF item in a content library cannot hold encrypted disks.
     */
    encrypted: boolean;
    /**
     * Where the template's facts (encrypted, firmware, controller) were read, such as the image build record.
     */
    source?: Source;
    /**
     * The template's disks in SCSI order, when it has more than one or its system disk is larger than a VM's size says. The provider requires a clone to have at least the template's disks, each at least the template's size; the first is the VM's system disk (size.diskGb), the others are cloned at their size. Default: one disk, no larger than any VM's diskGb.
     *
     * @minItems 1
     */
    disks?: {
      sizeGb: number;
    }[];
  }[];
  /**
   * NTP servers for every host (two or more for redundancy).
   *
   * @minItems 1
   */
  ntp: string[];
  syslog: {
    /**
     * Host name or IPv4 address of the collector.
     */
    host: string;
    port: number;
    protocol: "tls" | "tcp" | "udp";
    retentionMonths?: number;
  }[];
  /**
   * The FortiGate pair: an active-passive FGCP cluster. Its API tokens are never written here: TF_VAR_fortios_token_primary and TF_VAR_fortios_token_secondary at plan time.
   */
  firewall?: {
    model: string;
    firmware: string;
    /**
     * VDOMs the licence allows (10 on most models without an upgrade).
     */
    vdomLicences: number;
    haGroup: {
      name: string;
      id: number;
    };
    /**
     * The physical units; two for an HA pair (a policy checks it).
     *
     * @minItems 1
     * @maxItems 2
     */
    units: {
      id: string;
      role: "primary" | "secondary";
      rack: string;
      hostname: string;
      /**
       * Address of the unit's reserved HA management interface, in the management network; Terraform reaches this unit's API on it.
       */
      managementAddress: string;
      /**
       * HA priority; default 200 for the primary, 100 for the secondary.
       */
      priority?: number;
      /**
       * Power supplies.
       */
      psus?: {
        watts: number;
        /**
         * PDU the supply is plugged into (facility).
         */
        pdu?: string;
      }[];
      serial?: string;
    }[];
    /**
     * Dedicated heartbeat ports (two, cabled back to back); never user interfaces.
     *
     * @minItems 1
     */
    heartbeatInterfaces: string[];
    /**
     * Reserved HA management port (out of band), the only one that allows admin access.
     */
    managementInterface: string;
    /**
     * Trunk towards the core switches that carries every VLAN interface.
     */
    internalInterface: string;
    internet: {
      interface: string;
      /**
       * When the internet uplink is a VLAN on the interface.
       */
      vlan?: number;
      /**
       * The firewall's internet address with its prefix, such as 203.0.113.10/29; it may not be the range's network or broadcast address.
       */
      address: string;
      gateway: string;
    };
    /**
     * Interfaces whose link failure fails the cluster over; default the internal and internet interfaces.
     */
    monitorInterfaces?: string[];
    /**
     * VDOM that holds the shared-services networks and the internet edge; tenant VDOMs reach it over inter-VDOM links.
     */
    sharedVdom: string;
    /**
     * REST API user created at bootstrap (with any profile); Terraform gives it the least-privilege access profile terraform-api and trusts it only from the automation network.
     */
    apiUser: string;
    /**
     * The network Terraform (the runner) reaches the units' API from, such as 10.10.5.0/27. Always a trusted host of the API user, so an apply never locks the runner out; outside the management network it is routed through the reserved management port. Default: the management network.
     */
    automationNetwork?: string;
    adminTimeoutMinutes: number;
    /**
     * The units' time zone as the declared firmware writes it: the two-digit code of `set timezone ?` before FortiOS 7.6, a time zone database name (config system timezone) from 7.6. Logs and schedules use it; a rule reports a box without one.
     */
    timezone?: string;
    /**
     * Text shown before every admin login (pre-login disclaimer). Default: a notice that access is for authorized administrators and is logged.
     */
    loginBanner?: string;
    /**
     * Admin HTTPS and SSH ports when the site moves them off 443 and 22 (the runner then reaches the API on the HTTPS port: set TF_VAR_fortios_hostname_<role> to address:port).
     */
    adminPorts?: {
      https?: number;
      ssh?: number;
    };
    /**
     * Known-bad address feeds (FortiGuard Internet Service Database reputation entries): whether the licence has them, and without them the reason (required). When licensed, the shared VDOM starts with two logged denies, policy 1 (from the internet, sources in the feeds) and policy 2 (to the internet, destinations in them), and flow ids 1-9 are reserved for them. Recorded as a threat-feeds facility object either way.
     */
    threatFeeds?: {
      /**
       * Whether the units' FortiGuard licence includes the IP reputation feeds.
       */
      licensed: boolean;
      /**
       * Why the site has no feed-based deny (required when licensed is false).
       */
      reason?: string;
      /**
       * The Internet Service Database reputation entries the denies name, in both directions. Default: all eight IP reputation entries FortiOS 7.4.4+ lets a policy name as a source (Botnet-C&C.Server, Malicious-Malicious.Server, Phishing-Phishing.Server, Proxy-Proxy.Server, Spam-Spamming.Server, Tor-Exit.Node, Tor-Relay.Node, VPN-Anonymous.VPN). Names are as FortiOS spells them; a name the box does not know fails the apply.
       *
       * @minItems 1
       */
      entries?: (
        | "Botnet-C&C.Server"
        | "Malicious-Malicious.Server"
        | "Phishing-Phishing.Server"
        | "Proxy-Proxy.Server"
        | "Spam-Spamming.Server"
        | "Tor-Exit.Node"
        | "Tor-Relay.Node"
        | "VPN-Anonymous.VPN"
      )[];
    };
    /**
     * Custom services flows may name.
     */
    services?: {
      name: string;
      tcp?: string;
      udp?: string;
      description?: string;
    }[];
    serviceGroups?: {
      name: string;
      /**
       * @minItems 1
       */
      members: string[];
    }[];
    /**
     * Services on the site's shared-services networks that tenants may reach (shared:<name>).
     */
    sharedServices?: {
      name: string;
      /**
       * A shared-services network of the site.
       */
      network: string;
      /**
       * The service's addresses: each one the address of the VM named at the same place in vms, or an appliance's address in the network's reserved block.
       *
       * @minItems 1
       */
      addresses: string[];
      /**
       * The VMs that hold the addresses, as <tenant>/<vm>, one per address and in the same order: each gets its address (as if its workload said ip:), so the firewall points at it. Without vms every address must lie in the network's reserved block (appliances): allocation skips a service's address, so a VM left unnamed would get another one.
       *
       * @minItems 1
       */
      vms?: string[];
      description?: string;
    }[];
    /**
     * DoS thresholds on the internet interface by FortiOS anomaly name (packets per second or sessions, by FortiOS version). Defaults cover SYN, UDP and ICMP floods and scans. Anomaly names from the FortiOS CLI reference for firewall DoS-policy (verify on the target firmware).
     */
    dos?: {
      tcp_syn_flood?: number;
      tcp_port_scan?: number;
      tcp_src_session?: number;
      tcp_dst_session?: number;
      udp_flood?: number;
      udp_scan?: number;
      udp_src_session?: number;
      udp_dst_session?: number;
      icmp_flood?: number;
      icmp_sweep?: number;
      icmp_src_session?: number;
      icmp_dst_session?: number;
      ip_src_session?: number;
      ip_dst_session?: number;
      sctp_flood?: number;
      sctp_scan?: number;
      sctp_src_session?: number;
      sctp_dst_session?: number;
    };
    /**
     * Flows of the shared VDOM: between shared services and the internet.
     */
    flows?: Flow[];
  };
  /**
   * The physical room behind the park: power paths, UPS, generators, PDUs, cooling, sensors and alarm routes, plus the power and cabling of every device. Only terraform_data: planned and applied with no provider.
   */
  facility?: {
    /**
     * Source of every fact in this facility section that names none of its own (boards, generators, UPS, PDUs, devices, cooling), and of the hosts', SAN's and firewall units' power and cabling. Not of rooms, racks or the backup section: they have their own.
     */
    defaultSource?: Source;
    boards?: {
      id: string;
      path: "A" | "B";
      room: string;
      capacityKw: number;
      source?: Source;
    }[];
    generators?: {
      id: string;
      kw: number;
      fuelHours: number;
      /**
       * Automatic transfer switch id.
       */
      ats: string;
      /**
       * Boards it backs up.
       */
      feeds?: string[];
      source?: Source;
    }[];
    ups?: {
      id: string;
      /**
       * Power path: A or B.
       */
      path: "A" | "B";
      room: string;
      /**
       * Distribution board the UPS feeds.
       */
      board: string;
      /**
       * @minItems 1
       */
      modules: {
        kw: number;
        status: "ok" | "in-repair";
      }[];
      /**
       * Battery runtime at design load, minutes.
       */
      runtimeMin: number;
      source?: Source;
    }[];
    pdus?: {
      id: string;
      rack: string;
      ups: string;
      capacityKw: number;
      source?: Source;
    }[];
    /**
     * Physical devices not declared elsewhere: core switches, backup hardware, other.
     */
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
    /**
     * Power supplies of devices declared elsewhere (ESXi hosts, SAN controllers and switches, firewall units), by device id.
     */
    power?: {
      [k: string]: Psu[];
    };
    /**
     * Network links of devices declared elsewhere (host uplinks and HBAs), by device id.
     */
    links?: {
      [k: string]: Link[];
    };
    cooling?: {
      id: string;
      room: string;
      /**
       * Cooling capacity in kW.
       */
      kw: number;
      /**
       * Board or UPS that powers the unit.
       */
      feed: string;
      source?: Source;
    }[];
    alarmRoutes?: {
      id: string;
      /**
       * Who is paged: on-call phone, operations centre, e-mail list.
       */
      target: string;
      hours: "24/7" | "office";
      /**
       * @minItems 1
       */
      severities: ("warning" | "critical")[];
    }[];
    /**
     * Per measure, the thresholds, delay, hysteresis and routing every sensor of that measure takes where it sets none itself. Routing is taken as a whole: a sensor with its own route or routes takes neither from here.
     */
    sensorDefaults?: {
      "inlet-temp"?: SensorDefaults;
      humidity?: SensorDefaults;
      smoke?: SensorDefaults;
      water?: SensorDefaults;
    };
    /**
     * The same links for several devices declared elsewhere (a host's uplinks and HBA ports), short for facility.links entries: {n} in a port is the device's number (first for the first device, counting up), {n:02} the number in two digits. Appended to the device's facility.links.
     */
    linkPatterns?: {
      /**
       * Device ids, in cabling order.
       *
       * @minItems 1
       */
      devices: string[];
      /**
       * The number {n} of the first device.
       */
      first: number;
      /**
       * @minItems 1
       */
      links: Link[];
    }[];
    /**
     * Items: A sensor with two-sided thresholds; low critical < low warning < high warning < high critical. Every threshold needs an alarm route: `route` for all of them, `routes` per severity or per threshold (a threshold's own entry first, then its severity's, then `route`).
     */
    sensors?: {
      id: string;
      rack?: string;
      room?: string;
      measure: "inlet-temp" | "humidity" | "smoke" | "water";
      lowCritical: number;
      lowWarning: number;
      highWarning: number;
      highCritical: number;
      /**
       * Minutes a threshold must be crossed before the alarm fires.
       */
      delayMin: number;
      hysteresis: number;
      /**
       * Alarm route id for every threshold that `routes` does not route.
       */
      route?: string;
      /**
       * Alarm route ids per severity (warning, critical) or per threshold (lowCritical, lowWarning, highWarning, highCritical), e.g. { warning: drift, critical: vakt }: low warnings to office hours, criticals to on-call. A threshold's own entry wins over its severity's, which wins over `route`.
       */
      routes?: {
        /**
         * Route of lowWarning and highWarning.
         */
        warning?: string;
        /**
         * Route of lowCritical and highCritical.
         */
        critical?: string;
        lowCritical?: string;
        lowWarning?: string;
        highWarning?: string;
        highCritical?: string;
      };
    }[];
  };
  /**
   * The backup room and what it holds: repository servers, backup classes with their copies, restore tests and other evidence.
   */
  backup?: {
    /**
     * Source of every repository and copy in this section that names none of its own, such as the backup concept. facility.defaultSource does not apply here.
     */
    defaultSource?: Source;
    /**
     * The backup room (its own fire cell and power).
     */
    room: string;
    /**
     * Hardened repository servers.
     */
    repositories?: {
      id: string;
      rack: string;
      model: string;
      firmware?: string;
      capacityTb: number;
      /**
       * Hardened Linux repository with immutable backups.
       */
      immutable: boolean;
      psus?: Psu[];
      links?: Link[];
      source?: Source;
    }[];
    /**
     * @minItems 1
     */
    classes: {
      id: string;
      /**
       * Recovery point objective in hours.
       */
      rpoHours: number;
      retentionDays: number;
      immutable: boolean;
      offsite: boolean;
      /**
       * vSphere tag that selects the VMs (default backup-<id>).
       */
      tag?: string;
      /**
       * Configuration backups the class's jobs include: vcenter (the VAMI file-based backup), fortigate (the firewall configuration), iac-state (the Terraform state backend).
       */
      configurations?: ("vcenter" | "fortigate" | "iac-state")[];
    }[];
    /**
     * Backup class per criticality, for workloads that name none.
     */
    defaults: {
      "life-and-health"?: string;
      critical?: string;
      standard?: string;
      low?: string;
    };
    /**
     * @minItems 1
     */
    copies: {
      id: string;
      class: string;
      /**
       * Room of this site holding the copy.
       */
      room?: string;
      /**
       * Another site holding the copy (off-site).
       */
      site?: string;
      media: "disk" | "object-storage" | "tape" | "cloud";
      immutable: boolean;
      /**
       * Distance from the primary room, for an off-site copy.
       */
      offsiteKm?: number;
      source?: Source;
    }[];
    /**
     * Records people keep: restore tests, load tests, access reviews, service visits. Reported as attested, never as passed.
     */
    evidence?: {
      id: string;
      /**
       * Id of the object the record is about: a backup class or copy, room, rack, board, UPS, PDU, generator, cooling unit, device, sensor or alarm route (an alarm test).
       */
      about: string;
      kind: "restore-test" | "load-test" | "access-review" | "service" | "analysis" | "other";
      date: string;
      result: "pass" | "fail" | "partial";
      /**
       * Role of the person who did it.
       */
      by: string;
      documentRef: string;
      nextDue: string;
    }[];
  };
  /**
   * How every VM of the site is protected against malware unless its workload says otherwise: agent (the security suite's agent in the guest) or agentless (protection through the hypervisor). An exemption is decided per workload, with its reason (endpointProtection: exempt and endpointExemptionReason in the tenant file). Without it, a VM whose workload declares nothing carries no endpoint-protection tag and the SEC-ENDPOINT rule fails it.
   */
  endpointProtection?: "agent" | "agentless";
  /**
   * The ESXi hardening the hosts carry although this configuration cannot set it: the vSphere provider's vsphere_host sets only lockdown mode and the ntpd service, and vsphere_configuration_profile would take over a cluster's whole configuration for good. Declared facts: each managed host gets a host-hardening facility object, and the VSP rules check the values against the SCG 8 baseline and report them as declared (with this source), not as configured.
   */
  esxiHardening?: {
    source: EsxiHardeningSource;
    settings: EsxiSettings;
    /**
     * Per-cluster differences: a cluster's settings replace the site's one by one (ssh, shell and syslog field by field); its source, where given, replaces the site's.
     */
    clusters?: {
      /**
       * Name of a cluster in clusters.
       */
      cluster: string;
      source?: EsxiHardeningSource;
      settings: EsxiSettings;
    }[];
  };
  ipam: {
    /**
     * Days a freed address is held back before it may be given to another VM; at most 3650 (ten years).
     */
    holdDays: number;
  };
}
/**
 * How the declared ESXi settings are applied and how they were last verified on the hosts.
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "esxiHardeningSource".
 */
export interface EsxiHardeningSource {
  /**
   * What applies them: a vSphere host profile, a PowerCLI script (such as the SCG remediation script), a vSphere configuration profile outside this configuration, or by hand.
   */
  method: "host-profile" | "powercli-script" | "configuration-profile" | "manual";
  /**
   * The document that records it: host profile name, script and its run log, change ticket.
   */
  document: string;
  /**
   * YYYY-MM-DD the settings were last audited on the hosts (for example with the SCG audit script).
   */
  verified: string;
}
/**
 * ESXi settings as the hosts carry them, each named for its advanced setting or service. A setting left out is undeclared: its rule fails the host.
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "esxiSettings".
 */
export interface EsxiSettings {
  /**
   * The SSH service (TSM-SSH): whether it runs and its startup policy. SCG 8 baseline: stopped, startup policy off (start and stop manually).
   */
  ssh?: {
    /**
     * Whether the service is running now.
     */
    running: boolean;
    /**
     * The host service policy as the vSphere API names it (HostServicePolicy): off = start and stop manually, on = start and stop with the host, automatic = start and stop with port usage.
     */
    startPolicy: "off" | "on" | "automatic";
  };
  /**
   * The ESXi Shell service (TSM): whether it runs and its startup policy. SCG 8 baseline: stopped, startup policy off (start and stop manually).
   */
  shell?: {
    /**
     * Whether the service is running now.
     */
    running: boolean;
    /**
     * The host service policy as the vSphere API names it (HostServicePolicy): off = start and stop manually, on = start and stop with the host, automatic = start and stop with port usage.
     */
    startPolicy: "off" | "on" | "automatic";
  };
  /**
   * UserVars.ESXiShellInteractiveTimeOut: seconds an idle ESXi Shell or SSH session stays open (0 = never closed). SCG 8 baseline 900.
   */
  shellInteractiveTimeoutSec?: number;
  /**
   * UserVars.ESXiShellTimeOut: seconds the ESXi Shell and SSH services stay available after being started (0 = no limit). SCG 8 baseline 600.
   */
  shellTimeoutSec?: number;
  /**
   * UserVars.DcuiTimeOut: seconds an idle DCUI session stays logged in (0 = never). SCG 8 baseline 600.
   */
  dcuiTimeoutSec?: number;
  /**
   * Security.AccountLockFailures: failed logins before the account locks (0 = never locks). SCG 8 baseline 5.
   */
  accountLockFailures?: number;
  /**
   * Security.AccountUnlockTime: seconds a locked account stays locked. SCG 8 baseline 900.
   */
  accountUnlockTimeSec?: number;
  /**
   * Security.PasswordQualityControl, the pam_passwdqc options of local accounts. SCG 8 baseline "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64" (only passwords of 15 or more characters of four classes).
   */
  passwordQualityControl?: string;
  /**
   * Config.HostAgent.plugins.solo.enableMob: whether the Managed Object Browser answers. SCG 8 baseline false.
   */
  mobEnabled?: boolean;
  /**
   * Net.BlockGuestBPDU = 1: the host drops BPDUs its VMs send, so one VM cannot make the physical switch's BPDU guard shut the host's uplinks. SCG 8 baseline true (1).
   */
  blockGuestBpdu?: boolean;
  /**
   * Remote logging of the host.
   */
  syslog?: {
    /**
     * Syslog.global.logHost: the remote log target. Over TLS it is ssl://<collector>:<port>, and the collector must be one of the site's syslog targets with protocol tls.
     */
    logHost?: string;
    /**
     * Syslog.global.certificate.checkSSLCerts: the host verifies the collector's certificate. SCG 8 baseline true.
     */
    checkSslCerts?: boolean;
    /**
     * Syslog.global.certificate.strictX509Compliance: strict X.509 checks of the collector's CA chain. SCG 8 baseline true.
     */
    strictX509Compliance?: boolean;
    /**
     * Syslog.global.auditRecord.remoteEnable: audit records go to the remote collector too. SCG 8 baseline true.
     */
    auditRecordRemote?: boolean;
  };
}
/**
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "vmSize".
 */
export interface VmSize {
  cpus: number;
  memoryGb: number;
  /**
   * Size of the system disk.
   */
  diskGb: number;
}
/**
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "dns".
 */
export interface Dns {
  /**
   * @minItems 1
   */
  servers: string[];
  domain: string;
  searchDomains?: string[];
}
/**
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "network".
 */
export interface Network {
  /**
   * Network id; the port group is named <site>-<name> or <tenant>-<name>.
   */
  name: string;
  purpose: "management" | "vmotion" | "storage" | "shared-services" | "workload";
  /**
   * 802.1Q VLAN id (4095, trunk-all, is not allowed).
   */
  vlan: number;
  /**
   * Network address and prefix length, such as 10.20.1.0/24.
   */
  cidr: string;
  gateway?: string;
  /**
   * Host addresses at the start of the network kept out of automatic allocation (gateways, appliances).
   */
  reserved: number;
  /**
   * The network's port group already runs: import it by its inventory path /<datacenter>/network/<site or tenant>-<name> (the form vsphere_distributed_port_group imports by) instead of creating it.
   */
  importId?: string;
}
/**
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "physicalDevice".
 */
export interface PhysicalDevice {
  id: string;
  model: string;
  firmware?: string;
  /**
   * Rack id.
   */
  rack: string;
  /**
   * Power supplies, each wired to a PDU.
   */
  psus?: Psu[];
  links?: Link[];
}
/**
 * The parts the pg backend's connection string is built from. A user name or password has no field: PGUSER and PGPASSWORD (or ~/.pgpass) at plan time.
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "pgConnection".
 */
export interface PgConnection {
  /**
   * Host name or IPv4 address of the PostgreSQL server.
   */
  host: string;
  /**
   * TCP port; left out of the connection string when not given (the server's default, 5432).
   */
  port?: number;
  /**
   * Database holding the state schemas.
   */
  database: string;
  /**
   * Written before each stack's schema name (room_ gives room_<site>_<stack>); default none. One schema per stack stays: stacks never share state.
   */
  schemaPrefix?: string;
  /**
   * TLS to the server, always on: state holds generated passwords. Default verify-full (certificate and host name checked).
   */
  sslMode: "require" | "verify-ca" | "verify-full";
}
/**
 * One allowed (or denied) flow. Its id becomes the policy id in every VDOM it crosses, so ids are unique across the site; leave gaps (10, 20, 30) so a flow can be inserted without renumbering.
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "flow".
 */
export interface Flow {
  /**
   * Policy id, unique across the site file and every tenant file. 100000 is the logged deny that ends every VDOM.
   */
  id: number;
  /**
   * Where traffic comes from or goes to: internet; any; zone:<zone>, network:<network>, vm:<vm> or floating:<floating address> of this tenant (firewall.floatingAddresses); shared:<service> of the site; tenant:<tenant>/zone:<zone> (or network:, vm:, floating:) of another tenant.
   */
  from: string;
  /**
   * Where traffic comes from or goes to: internet; any; zone:<zone>, network:<network>, vm:<vm> or floating:<floating address> of this tenant (firewall.floatingAddresses); shared:<service> of the site; tenant:<tenant>/zone:<zone> (or network:, vm:, floating:) of another tenant.
   */
  to: string;
  /**
   * FortiOS predefined services (HTTPS, DNS, ...), or custom services and service groups of the site.
   *
   * @minItems 1
   */
  services: string[];
  action: "accept" | "deny";
  /**
   * Traffic logging; every accept should log all sessions (a policy rule checks it).
   */
  log: "all" | "utm" | "disable";
  /**
   * Why the flow is needed. Required for flows between tenants and from the internet inward. Written into the policy's comments as why=...
   */
  justification?: string;
  /**
   * Change or request ticket. Required for flows between tenants and from the internet inward.
   */
  ticket?: string;
  /**
   * For a flow from the internet to a vm: or floating: address: the public address it is published on (a VIP on the internet interface that maps the public address to the VM's address, or to the floating address of a load-balanced pair).
   */
  publishAs?: string;
}
/**
 * Where a typed facility fact comes from: the document and the day someone last checked it against reality.
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "source".
 */
export interface Source {
  /**
   * Drawing, report or contract reference.
   */
  document: string;
  /**
   * YYYY-MM-DD the fact was last verified.
   */
  verified: string;
}
/**
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "psu".
 */
export interface Psu {
  /**
   * PDU id the supply is plugged into.
   */
  pdu: string;
  /**
   * Rated (or measured) draw of this supply in W.
   */
  watts: number;
}
/**
 * What the sensors of one measure take where they set none themselves (facility.sensorDefaults).
 *
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "sensorDefaults".
 */
export interface SensorDefaults {
  lowCritical?: number;
  lowWarning?: number;
  highWarning?: number;
  highCritical?: number;
  delayMin?: number;
  hysteresis?: number;
  route?: string;
  /**
   * As a sensor's routes (by severity or threshold).
   */
  routes?: {
    [k: string]: string;
  };
}
/**
 * This interface was referenced by `SiteFile`'s JSON-Schema
 * via the `definition` "link".
 */
export interface Link {
  port: string;
  /**
   * Device id at the other end.
   */
  peer: string;
  peerPort: string;
}
