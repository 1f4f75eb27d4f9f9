import type { Findings } from "../check-helpers";
import { contains, hostAddressProblem, networkOfInterface, parseRange } from "../ipv4";
import type { SiteFile, TenantFile } from "../types";
import { PREDEFINED_SERVICES } from "./predefined-services";

/**
 * Consistency checks of the site's firewall section and the tenants' VDOM names: unit roles and
 * racks, management addresses, heartbeat ports that must not carry user traffic, shared services,
 * custom services and groups. Flows are checked when they are planned (resolve-flows.ts).
 */
export function checkFirewall(
  site: SiteFile,
  f: Findings,
  racks: ReadonlySet<string>,
  useAddress: (ip: string, pointer: string) => void,
): void {
  const fw = site.firewall;
  if (!fw) return;
  const at = "/firewall";

  // Units: one primary, at most one secondary, in known racks, reachable on the management network.
  f.unique(
    fw.units,
    (u) => u.role,
    (i) => `${at}/units/${i}/role`,
    "unit role",
  );
  if (!fw.units.some((u) => u.role === "primary"))
    f.add(`${at}/units`, `expected one unit with role primary, found ${fw.units.map((u) => u.role).join(", ")}`);
  f.unique(
    fw.units,
    (u) => u.hostname,
    (i) => `${at}/units/${i}/hostname`,
    "unit hostname",
  );
  const management = site.networks.find((n) => n.purpose === "management");
  const mgmtRange = management && parseRange(management.cidr);
  fw.units.forEach((u, i) => {
    f.known(u.rack, racks, `${at}/units/${i}/rack`, "rack");
    const problem =
      mgmtRange && typeof mgmtRange !== "string"
        ? hostAddressProblem(mgmtRange, u.managementAddress, `the ${management!.name} network`)
        : undefined;
    if (problem) f.add(`${at}/units/${i}/managementAddress`, problem);
    else useAddress(u.managementAddress, `${at}/units/${i}/managementAddress`);
  });

  // Heartbeat ports carry the cluster's configuration: dedicated, never a user interface.
  f.unique(
    fw.heartbeatInterfaces,
    (h) => h,
    (i) => `${at}/heartbeatInterfaces/${i}`,
    "heartbeat interface",
  );
  const userInterfaces = new Map<string, string>([
    [fw.managementInterface, "the management interface"],
    [fw.internalInterface, "the internal (VLAN trunk) interface"],
    [fw.internet.interface, "the internet interface"],
    ...(fw.monitorInterfaces ?? []).map((m) => [m, "a monitored user interface"] as [string, string]),
  ]);
  fw.heartbeatInterfaces.forEach((h, i) => {
    const use = userInterfaces.get(h);
    if (use)
      f.add(
        `${at}/heartbeatInterfaces/${i}`,
        `heartbeat interface ${h} is also ${use}; heartbeat ports carry the cluster's configuration and must be dedicated`,
      );
  });

  // Admin access lives on the management port: it must never be the internet port.
  if (fw.managementInterface === fw.internet.interface)
    f.add(
      `${at}/managementInterface`,
      `the management interface ${fw.managementInterface} is also the internet interface; admin HTTPS and SSH would face the internet`,
    );
  if (fw.internalInterface === fw.internet.interface && !fw.internet.vlan)
    f.add(
      `${at}/internalInterface`,
      `the internal trunk ${fw.internalInterface} is also the untagged internet interface; give the uplink its own port or a vlan`,
    );
  const internet = networkOfInterface(fw.internet.address);
  const ownAddress = fw.internet.address.split("/")[0];
  if (!contains(internet, fw.internet.gateway))
    f.add(`${at}/internet/gateway`, `expected an address inside ${internet.cidr}, found ${fw.internet.gateway}`);
  else if (fw.internet.gateway === ownAddress)
    f.add(`${at}/internet/gateway`, `expected the provider's router, found ${fw.internet.gateway}, the firewall's own internet address`);

  if (fw.sharedVdom === "root")
    f.add(`${at}/sharedVdom`, `expected a VDOM of its own for shared services, found "root" (the management VDOM)`);

  // Shared services live on the site's shared-services networks.
  const shared = new Map(site.networks.filter((n) => n.purpose === "shared-services").map((n) => [n.name, n]));
  (fw.sharedServices ?? []).forEach((s, i) => {
    const p = `${at}/sharedServices/${i}`;
    if (!f.known(s.network, shared, `${p}/network`, "shared-services network")) return;
    const range = parseRange(shared.get(s.network)!.cidr);
    const gateway = shared.get(s.network)!.gateway;
    s.addresses.forEach((a, j) => {
      if (typeof range !== "string" && !contains(range, a))
        f.add(`${p}/addresses/${j}`, `expected an address inside the ${s.network} network ${range.cidr}, found ${a}`);
      else if (a === gateway)
        f.add(`${p}/addresses/${j}`, `expected the address of a server, found ${a}, the network's gateway (the firewall itself)`);
    });
  });
  f.unique(
    fw.sharedServices ?? [],
    (s) => s.name,
    (i) => `${at}/sharedServices/${i}/name`,
    "shared service",
  );

  // Custom services and groups.
  const services = fw.services ?? [];
  const groups = fw.serviceGroups ?? [];
  f.unique(
    [...services, ...groups],
    (s) => s.name,
    (i) => (i < services.length ? `${at}/services/${i}/name` : `${at}/serviceGroups/${i - services.length}/name`),
    "service or group name",
  );
  services.forEach(
    (s, i) =>
      PREDEFINED_SERVICES.has(s.name) &&
      f.add(`${at}/services/${i}/name`, `${s.name} is a FortiOS predefined service; choose another name`),
  );
  const known = new Set([...PREDEFINED_SERVICES, ...services.map((s) => s.name), ...groups.map((g) => g.name)]);
  groups.forEach((g, i) =>
    g.members.forEach((m, j) => {
      if (m === g.name) f.add(`${at}/serviceGroups/${i}/members/${j}`, `a group cannot contain itself`);
      else f.known(m, known, `${at}/serviceGroups/${i}/members/${j}`, "service");
    }),
  );
}

/** VDOM and inter-VDOM link names are global on the box: one per tenant, none reused. */
export function checkTenantVdoms(site: SiteFile, f: Findings, tenants: { spec: TenantFile; findings: Findings }[]): void {
  const fw = site.firewall;
  if (!fw) return;
  const reserved = new Map<string, string>([
    ["root", "the management VDOM"],
    [fw.sharedVdom, "the shared VDOM"],
  ]);
  const links = new Map<string, string>();
  const live = tenants.filter((t) => t.spec.lifecycle !== "removed");
  const needed = 2 + live.length; // root, the shared VDOM and one per tenant
  if (needed > fw.vdomLicences)
    f.add(
      "/firewall/vdomLicences",
      `the VDOM licence allows ${fw.vdomLicences}, the room needs ${needed} (root, ${fw.sharedVdom} and ${live.length} tenant VDOMs)`,
    );
  for (const t of live) {
    const vdom = t.spec.firewall?.vdom ?? t.spec.tenant;
    const link = t.spec.firewall?.link ?? vdom.slice(0, 11);
    const vdomAt = t.spec.firewall?.vdom ? "/firewall/vdom" : "/tenant";
    if (vdom.length > 31)
      t.findings.add(vdomAt, `a VDOM name has at most 31 characters, found ${JSON.stringify(vdom)} (${vdom.length}); set firewall.vdom`);
    const taken = reserved.get(vdom);
    if (taken) t.findings.add(vdomAt, `VDOM name ${vdom} is already ${taken}; set firewall.vdom`);
    else reserved.set(vdom, `the VDOM of tenant ${t.spec.tenant}`);
    const linkTaken = links.get(link);
    if (linkTaken)
      t.findings.add(
        t.spec.firewall?.link ? "/firewall/link" : vdomAt,
        `inter-VDOM link name ${link} is already used by tenant ${linkTaken}; set firewall.link (at most 11 characters)`,
      );
    else links.set(link, t.spec.tenant);
  }
}
