import type { DeviceObject, DeviceRole } from "../../contracts/facility-objects";
import type { Link, Psu, SiteFile, Source } from "../types";

/** A device's facts besides those every device has: its join keys and the facts of its role (all optional). */
export type DeviceRoleFacts = Omit<
  DeviceObject,
  "kind" | "id" | "site" | "source" | "role" | "rackId" | "model" | "firmware" | "psus" | "links"
>;

/** Every physical device of a site, wherever the spec declares it, with its power and cabling. */
export interface DeviceRecord {
  id: string;
  role: DeviceRole;
  rackId: string;
  model?: string;
  firmware?: string;
  /** A supply with pdu null is recorded as unwired (the rules report it). */
  psus: { pduId: string | null; watts: number }[];
  links: { port: string; peerDeviceId: string; peerPort: string }[];
  /** Join keys and other facts of the role (vsphereHostname, haGroup, fabric, cpuCores, memoryGb, ...). */
  extra: DeviceRoleFacts;
  /** Where the device was declared, for messages. */
  pointer: string;
  /** The supplies and links written at pointer itself (not those from facility.power and facility.links). */
  declared: { psus?: { pdu?: string; watts: number }[]; links?: Link[] };
  /**
   * Where the device's facts come from: its own source, else its section's default (backup.defaultSource
   * for the backup repositories, facility.defaultSource for every other device, whose power and cabling
   * the facility section holds).
   */
  source?: Source;
}

const psusOf = (own: { pdu?: string; watts: number }[] | undefined, wired: Psu[] | undefined) =>
  [...(own ?? []), ...(wired ?? [])].map((p) => ({ pduId: p.pdu ?? null, watts: p.watts }));
const linksOf = (own: Link[] | undefined, wired: Link[] | undefined) =>
  [...(own ?? []), ...(wired ?? [])].map((l) => ({ port: l.port, peerDeviceId: l.peer, peerPort: l.peerPort }));

/** Collects the devices of the park, the SAN, the firewall pair, the facility and the backup room. */
export function siteDevices(site: SiteFile): DeviceRecord[] {
  const power = site.facility?.power ?? {};
  const facilitySource = site.facility?.defaultSource;
  const cabling = site.facility?.links ?? {};
  const record = (
    d: Omit<DeviceRecord, "psus" | "links" | "declared">,
    psus?: { pdu?: string; watts: number }[],
    links?: Link[],
  ): DeviceRecord => ({
    source: facilitySource,
    ...d,
    declared: { psus, links },
    psus: psusOf(psus, power[d.id]),
    links: linksOf(links, cabling[d.id]),
  });
  const out: DeviceRecord[] = [];
  site.clusters.forEach((c, ci) =>
    c.hosts.forEach((h, hi) =>
      out.push(
        record({
          id: h.name,
          role: "esxi-host",
          rackId: h.rack,
          extra: {
            vsphereHostname: h.hostname ?? h.address,
            cluster: c.name,
            cpuCores: h.cpuCores,
            memoryGb: h.memoryGb,
            lifecycle: h.lifecycle ?? "active",
            managementSwitch: site.distributedSwitch.carriesManagementVmk === true ? site.distributedSwitch.name : undefined,
          },
          pointer: `/clusters/${ci}/hosts/${hi}`,
        }),
      ),
    ),
  );
  const san = site.san;
  out.push(
    record(
      {
        id: san.array.id,
        role: "san-array",
        rackId: san.array.rack,
        model: san.array.model,
        firmware: san.array.firmware,
        extra: { controllerIds: san.controllers.map((c) => c.id) },
        pointer: "/san/array",
      },
      san.array.psus,
      san.array.links,
    ),
  );
  san.controllers.forEach((c, i) =>
    out.push(
      record(
        {
          id: c.id,
          role: "san-controller",
          rackId: c.rack,
          model: c.model,
          firmware: c.firmware,
          extra: { arrayId: san.array.id },
          pointer: `/san/controllers/${i}`,
        },
        c.psus,
        c.links,
      ),
    ),
  );
  san.fabrics.forEach((f, fi) =>
    f.switches.forEach((sw, i) =>
      out.push(
        record(
          {
            id: sw.id,
            role: "fabric-switch",
            rackId: sw.rack,
            model: sw.model,
            firmware: sw.firmware,
            extra: { fabric: f.id },
            pointer: `/san/fabrics/${fi}/switches/${i}`,
          },
          sw.psus,
          sw.links,
        ),
      ),
    ),
  );
  const fw = site.firewall;
  fw?.units.forEach((u, i) =>
    out.push(
      record(
        {
          id: u.id,
          role: "firewall",
          rackId: u.rack,
          model: fw.model,
          firmware: fw.firmware,
          extra: {
            vdomLicences: fw.vdomLicences,
            haGroup: fw.haGroup.name,
            haRole: u.role,
            hostname: u.hostname,
            managementAddress: u.managementAddress,
            serial: u.serial,
          },
          pointer: `/firewall/units/${i}`,
        },
        u.psus,
      ),
    ),
  );
  site.facility?.devices?.forEach((d, i) =>
    out.push(
      record(
        {
          id: d.id,
          role: d.role,
          rackId: d.rack,
          model: d.model,
          firmware: d.firmware,
          extra: {},
          pointer: `/facility/devices/${i}`,
          source: d.source ?? facilitySource,
        },
        d.psus,
        d.links,
      ),
    ),
  );
  site.backup?.repositories?.forEach((r, i) =>
    out.push(
      record(
        {
          id: r.id,
          role: "backup-server",
          rackId: r.rack,
          model: r.model,
          firmware: r.firmware,
          extra: { capacityTb: r.capacityTb, immutable: r.immutable },
          pointer: `/backup/repositories/${i}`,
          source: r.source ?? site.backup?.defaultSource,
        },
        r.psus,
        r.links,
      ),
    ),
  );
  return out;
}
