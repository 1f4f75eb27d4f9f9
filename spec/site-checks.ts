import { show } from "./spec-error";
import { AddressBook } from "./address-book";
import { Findings } from "./check-helpers";
import { checkFacility } from "./facility/check-facility";
import { checkPark } from "./park-checks";
import { checkEsxiHardening } from "./esxi-hardening-checks";
import { checkFirewall } from "./firewall/check-firewall";
import { serviceHolders, type ServiceHolder } from "./firewall/shared-service-holders";
import { hostAddressProblem, parseRange, type Ipv4Range } from "./ipv4";
import { networkByPurpose, networksByName } from "./network-lookup";
import type { SpecFile } from "./spec-file";
import type { Network, SiteFile } from "./types";

/** Names the site declares, which tenant files may refer to. */
export interface SiteIndex {
  networks: Map<string, Network>;
  ranges: Map<string, Ipv4Range>;
  datastores: Set<string>;
  datastoreClusters: Set<string>;
  storagePolicies: Set<string>;
  templates: Set<string>;
  vmSizes: Set<string>;
  /** Addresses the site itself uses (hosts, vmkernel ports, gateways, firewall units), with where they are declared. */
  addresses: AddressBook;
  /** The VMs shared services name for their addresses, by `<tenant>/<vm>`. */
  serviceHolders: ReadonlyMap<string, ServiceHolder>;
}

/**
 * Cross-reference checks inside site.yaml: references, duplicates, addresses inside their networks.
 * Whether the room is redundant enough is for the policy rules, not for this check.
 */
export function checkSite(spec: SiteFile, file: SpecFile, dirName: string): { findings: Findings; index: SiteIndex } {
  const f = new Findings(file);
  if (spec.site !== dirName) f.add("/site", `expected the directory name ${show(dirName)}, found ${show(spec.site)}`);

  if ((spec.state?.backend ?? "local") === "local" && spec.environment === "production") {
    f.add(
      spec.state ? "/state/backend" : "/environment",
      `a production site may not keep Terraform state locally; expected state.backend pg, s3, http or remote, found ${show(spec.state?.backend ?? "local (the default)")}`,
    );
  }

  const rooms = new Set(spec.rooms.map((r) => r.id));
  f.unique(
    spec.rooms,
    (r) => r.id,
    (i) => `/rooms/${i}/id`,
    "room id",
  );
  f.unique(
    spec.racks,
    (r) => r.id,
    (i) => `/racks/${i}/id`,
    "rack id",
  );
  spec.racks.forEach((r, i) => f.known(r.room, rooms, `/racks/${i}/room`, "room"));
  const racks = new Set(spec.racks.map((r) => r.id));

  // Networks: names, gateways inside; overlaps and VLANs are checked across site and tenants later.
  f.unique(
    spec.networks,
    (n) => n.name,
    (i) => `/networks/${i}/name`,
    "network name",
  );
  const ranges = new Map<string, Ipv4Range>();
  const addresses = new AddressBook();
  const useAddress = (ip: string, pointer: string): void => addresses.use(ip, f, pointer);
  spec.networks.forEach((n, i) => {
    const range = parseRange(n.cidr);
    if (typeof range === "string") return f.add(`/networks/${i}/cidr`, range);
    if (!ranges.has(n.name)) ranges.set(n.name, range); // a duplicate name is reported above; the first one counts
    const gatewayProblem = n.gateway && hostAddressProblem(range, n.gateway, `the ${n.name} network`);
    if (gatewayProblem) f.add(`/networks/${i}/gateway`, gatewayProblem);
    else if (n.gateway) useAddress(n.gateway, `/networks/${i}/gateway`);
  });
  const management = networkByPurpose(spec, "management");
  if (!management) f.add("/networks", `expected a network with purpose "management" for the host addresses, found none`);
  const vmotion = networkByPurpose(spec, "vmotion");

  // Clusters and hosts.
  f.unique(
    spec.clusters,
    (c) => c.name,
    (i) => `/clusters/${i}/name`,
    "cluster name",
  );
  const hosts = spec.clusters.flatMap((c, ci) => c.hosts.map((h, hi) => ({ h, at: `/clusters/${ci}/hosts/${hi}` })));
  f.unique(
    hosts,
    ({ h }) => h.name,
    (i) => `${hosts[i].at}/name`,
    "host name",
  );
  hosts.forEach(({ h, at }) => {
    f.known(h.rack, racks, `${at}/rack`, "rack");
    const inNetwork = (ip: string, net: Network | undefined, pointer: string, purpose: string): void => {
      const range = net && ranges.get(net.name);
      if (!net) return f.add(pointer, `expected a network with purpose "${purpose}" to hold ${ip}, found none`);
      const problem = range && hostAddressProblem(range, ip, `the ${net.name} network`);
      if (problem) return f.add(pointer, problem);
      useAddress(ip, pointer);
    };
    if (management) inNetwork(h.address, management, `${at}/address`, "management");
    if (h.vmotionAddress) inNetwork(h.vmotionAddress, vmotion, `${at}/vmotionAddress`, "vmotion");
  });
  const clusterNames = new Set(spec.clusters.map((c) => c.name));

  // Distributed switch.
  const dvs = spec.distributedSwitch;
  f.unique(
    dvs.uplinks,
    (u) => u,
    (i) => `/distributedSwitch/uplinks/${i}`,
    "uplink",
  );
  (dvs.standbyUplinks ?? []).forEach((u, i) => f.known(u, new Set(dvs.uplinks), `/distributedSwitch/standbyUplinks/${i}`, "uplink"));

  // SAN and the physical devices it brings.
  const san = spec.san;
  const devices = [
    { id: san.array.id, at: "/san/array" },
    ...san.controllers.map((d, i) => ({ id: d.id, at: `/san/controllers/${i}` })),
    ...san.fabrics.flatMap((fab, fi) => fab.switches.map((d, i) => ({ id: d.id, at: `/san/fabrics/${fi}/switches/${i}` }))),
    // Host names were checked among themselves above; here only against the other devices.
    ...hosts.filter(({ h }, i) => hosts.findIndex((o) => o.h.name === h.name) === i).map(({ h, at }) => ({ id: h.name, at })),
    ...(spec.firewall?.units ?? []).map((u, i) => ({ id: u.id, at: `/firewall/units/${i}` })),
    ...(spec.facility?.devices ?? []).map((d, i) => ({ id: d.id, at: `/facility/devices/${i}` })),
    ...(spec.backup?.repositories ?? []).map((r, i) => ({ id: r.id, at: `/backup/repositories/${i}` })),
  ];
  f.unique(
    devices,
    (d) => d.id,
    (i) => `${devices[i].at}/id`.replace(/(hosts\/\d+)\/id$/, "$1/name"),
    "device id",
  );
  f.known(san.array.rack, racks, "/san/array/rack", "rack");
  san.controllers.forEach((d, i) => f.known(d.rack, racks, `/san/controllers/${i}/rack`, "rack"));
  san.fabrics.forEach((fab, fi) => fab.switches.forEach((d, i) => f.known(d.rack, racks, `/san/fabrics/${fi}/switches/${i}/rack`, "rack")));
  f.unique(
    san.fabrics,
    (fab) => fab.id,
    (i) => `/san/fabrics/${i}/id`,
    "fabric",
  );
  f.unique(
    san.luns,
    (l) => l.naa,
    (i) => `/san/luns/${i}/naa`,
    "LUN",
  );
  const controllers = new Set(san.controllers.map((c) => c.id));
  san.luns.forEach((l, i) => f.known(l.controller, controllers, `/san/luns/${i}/controller`, "controller"));
  const luns = new Set(san.luns.map((l) => l.naa));
  // Case-insensitive: the name also becomes the Terraform address, which is lower case.
  f.unique(
    san.datastores,
    (d) => d.name.toLowerCase(),
    (i) => `/san/datastores/${i}/name`,
    "datastore name (ignoring case)",
  );
  f.unique(
    san.datastores,
    (d) => d.lun,
    (i) => `/san/datastores/${i}/lun`,
    "datastore LUN",
  );
  san.datastores.forEach((d, i) => {
    if (!/^naa\./.test(d.lun)) f.add(`/san/datastores/${i}/lun`, `expected the NAA id of a LUN in san.luns, found ${show(d.lun)}`);
    else f.known(d.lun, luns, `/san/datastores/${i}/lun`, "LUN");
    f.known(d.cluster, clusterNames, `/san/datastores/${i}/cluster`, "cluster");
  });
  const datastores = new Set(san.datastores.map((d) => d.name));
  const dsClusters = san.datastoreClusters ?? [];
  f.unique(
    dsClusters,
    (c) => c.name.toLowerCase(),
    (i) => `/san/datastoreClusters/${i}/name`,
    "datastore cluster name (ignoring case)",
  );
  const members = dsClusters.flatMap((c, ci) => c.datastores.map((d, di) => ({ d, at: `/san/datastoreClusters/${ci}/datastores/${di}` })));
  f.unique(
    members,
    (m) => m.d,
    (i) => members[i].at,
    "datastore cluster member",
  );
  members.forEach((m) => f.known(m.d, datastores, m.at, "datastore"));
  spec.clusters.forEach((c, ci) =>
    (c.ha.heartbeatDatastores ?? []).forEach((d, di) =>
      f.known(d, datastores, `/clusters/${ci}/ha/heartbeatDatastores/${di}`, "datastore"),
    ),
  );

  // Storage policies and their key providers.
  f.unique(
    spec.keyProviders,
    (k) => k.id,
    (i) => `/keyProviders/${i}/id`,
    "key provider id",
  );
  const keyProviders = new Set(spec.keyProviders.map((k) => k.id));
  f.unique(
    spec.storagePolicies,
    (p) => p.id,
    (i) => `/storagePolicies/${i}/id`,
    "storage policy id",
  );
  f.unique(
    spec.storagePolicies,
    (p) => p.name,
    (i) => `/storagePolicies/${i}/name`,
    "storage policy name",
  );
  spec.storagePolicies.forEach((p, i) => {
    if (p.encryption && !p.keyProvider)
      f.add(`/storagePolicies/${i}`, `an encryption policy needs keyProvider (the native key provider or KMS behind it), found none`);
    f.known(p.keyProvider, keyProviders, `/storagePolicies/${i}/keyProvider`, "key provider");
  });
  const defaults = spec.storagePolicies.filter((p) => p.default);
  if (defaults.length > 1)
    f.add(
      `/storagePolicies/${spec.storagePolicies.indexOf(defaults[1])}/default`,
      `expected at most one default storage policy, found ${defaults.length}`,
    );

  f.unique(
    spec.templates,
    (t) => t.id,
    (i) => `/templates/${i}/id`,
    "template id",
  );
  // A library item is looked up and deployed as an OVF template (constructs/municipal-tenant.ts), and an
  // OVF package holds no encrypted disks (vSphere security guide, "Virtual Machine Encryption Caveats":
  // OVF export of an encrypted VM is not supported). Encrypted clones come from an encrypted template VM.
  spec.templates.forEach((t, i) => {
    if (t.encrypted && t.vm === undefined)
      f.add(
        `/templates/${i}/encrypted`,
        `only a template VM (vm) can be encrypted: content library item ${t.contentLibrary ?? ""}/${t.item ?? ""} is deployed as an OVF template, which cannot hold encrypted disks; found encrypted: true. Encrypt a template VM and name it with vm (a VM template in a content library is backed by a template VM of the same name)`,
      );
  });

  checkFirewall(spec, f, racks, useAddress);
  checkFacility(spec, f);
  checkPark(spec, f);
  checkEsxiHardening(spec, f);

  return {
    findings: f,
    index: {
      networks: networksByName(spec.networks),
      ranges,
      datastores,
      datastoreClusters: new Set(dsClusters.map((c) => c.name)),
      storagePolicies: new Set(spec.storagePolicies.map((p) => p.id)),
      templates: new Set(spec.templates.map((t) => t.id)),
      vmSizes: new Set(Object.keys(spec.vmSizes ?? {})),
      addresses,
      serviceHolders: serviceHolders(spec, f),
    },
  };
}
