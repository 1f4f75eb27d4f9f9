import type { Findings } from "../check-helpers";
import { addressOfInterface, hostAddressProblem, networkOfInterface, parseRange } from "../ipv4";
import type { SiteFile } from "../types";
import { networkByPurpose, sharedServicesNetworks } from "../network-lookup";
import { PREDEFINED_SERVICES } from "./predefined-services";
import { checkFirmware } from "./firmware";

/**
 * Consistency checks of the site's firewall section and the tenants' VDOM names: unit roles and
 * racks, management addresses, heartbeat ports that must not carry user traffic, shared services,
 * custom services and groups. Flows are checked when they are compiled (plan/firewall).
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
  const management = networkByPurpose(site, "management");
  const mgmtRange = management && parseRange(management.cidr);
  fw.units.forEach((u, i) => {
    f.known(u.rack, racks, `${at}/units/${i}/rack`, "rack");
    const problem =
      management && mgmtRange && typeof mgmtRange !== "string"
        ? hostAddressProblem(mgmtRange, u.managementAddress, `the ${management.name} network`)
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
  const ownAddress = addressOfInterface(fw.internet.address);
  const addressProblem = hostAddressProblem(internet, ownAddress, "the internet range");
  if (addressProblem) f.add(`${at}/internet/address`, addressProblem);
  const gatewayProblem = hostAddressProblem(internet, fw.internet.gateway, "the internet range");
  if (gatewayProblem) f.add(`${at}/internet/gateway`, gatewayProblem);
  else if (fw.internet.gateway === ownAddress)
    f.add(`${at}/internet/gateway`, `expected the provider's router, found ${fw.internet.gateway}, the firewall's own internet address`);

  if (fw.sharedVdom === "root")
    f.add(`${at}/sharedVdom`, `expected a VDOM of its own for shared services, found "root" (the management VDOM)`);

  // What the declared FortiOS version can do (too old a firmware, the time zone's form).
  checkFirmware(fw, f, at);

  // Shared services live on the site's shared-services networks.
  const shared = sharedServicesNetworks(site);
  (fw.sharedServices ?? []).forEach((s, i) => {
    const p = `${at}/sharedServices/${i}`;
    const network = shared.get(s.network);
    if (!network) return void f.known(s.network, shared, `${p}/network`, "shared-services network");
    const range = parseRange(network.cidr);
    const gateway = network.gateway;
    s.addresses.forEach((a, j) => {
      const problem = typeof range === "string" ? undefined : hostAddressProblem(range, a, `the ${s.network} network`);
      if (problem) f.add(`${p}/addresses/${j}`, problem);
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
