import { Construct } from "constructs";
import type { DeviceRecord } from "../spec/facility/devices";
import type { Facility, Rack, Room, Source } from "../spec/types";
import type { FacilityKind } from "../contracts/facility-objects";
import { FacilityObject, sourcedFields, type FacilityFields } from "./facility-object";
import { thresholdRoutes, type Threshold } from "../spec/facility/sensor-routes";

/** Each threshold's route id, null where none is named (the loader requires one; the rules report null). */
const mapRoutes = (r: Record<Threshold, string | undefined>) => ({
  lowCritical: r.lowCritical ?? null,
  lowWarning: r.lowWarning ?? null,
  highWarning: r.highWarning ?? null,
  highCritical: r.highCritical ?? null,
});

export interface PowerAndCoolingProps {
  readonly siteName: string;
  readonly rooms: readonly Room[];
  readonly racks: readonly Rack[];
  /**
   * Power paths, cooling, sensors and alarm routes.
   * @default none: a site that declares no facility records only its rooms, racks and devices
   */
  readonly facility?: Facility;
  /** Every physical device of the site with its supplies and links (spec/facility/devices.ts collects them). */
  readonly devices: readonly DeviceRecord[];
}

/**
 * The physical room as facility objects (terraform_data, docs/facility-vocabulary.md): rooms and
 * racks, distribution boards, generators, UPS with their modules, PDUs (their path follows their
 * UPS), every physical device of the site with its power supplies and links (ESXi hosts, SAN,
 * firewall units, core switches, backup hardware), cooling units, sensors with two-sided thresholds,
 * and alarm routes. Typed facts carry their source document and when they were last verified: their
 * own, else their section's default (facility.defaultSource for the facility's objects; a room its
 * own only, a rack its own or its room's).
 */
export class PowerAndCooling extends Construct {
  constructor(scope: Construct, id: string, { siteName: s, rooms, racks, facility, devices }: PowerAndCoolingProps) {
    super(scope, id);
    const fac = facility ?? {};
    const sourced = (own?: Source) => sourcedFields(fac.defaultSource, own);
    const record = <K extends FacilityKind>(kind: K, objectId: string, fields: FacilityFields<K>) =>
      new FacilityObject(this, s, kind, objectId, fields);

    for (const room of rooms) {
      record("room", room.id, {
        roomType: room.type,
        building: room.building,
        fireCell: room.fireCell,
        epoZone: room.epoZone,
        protectionClass: room.protectionClass,
        fireSuppression: room.fireSuppression,
        accessLogged: room.access?.logged,
        intrusionAlarm: room.access?.intrusionAlarm,
        cctv: room.access?.cctv,
        liquidPipesAboveIt: room.liquidPipesAboveIt,
        // A room's facts are its own (fire-safety and access drawings), never the power drawing's.
        ...sourcedFields(undefined, room.source),
      });
    }
    // A rack's facts are its own, else its room's.
    const roomSource = new Map(rooms.map((r) => [r.id, r.source]));
    for (const rack of racks)
      record("rack", rack.id, {
        roomId: rack.room,
        designKw: rack.designKw,
        ...sourcedFields(undefined, rack.source ?? roomSource.get(rack.room)),
      });
    for (const b of fac.boards ?? [])
      record("board", b.id, { path: b.path, roomId: b.room, capacityKw: b.capacityKw, ...sourced(b.source) });
    for (const g of fac.generators ?? [])
      record("generator", g.id, { kw: g.kw, fuelHours: g.fuelHours, atsId: g.ats, feeds: g.feeds ?? [], ...sourced(g.source) });
    const upsPath = new Map((fac.ups ?? []).map((u) => [u.id, u.path]));
    for (const u of fac.ups ?? []) {
      record("ups", u.id, {
        path: u.path,
        roomId: u.room,
        boardId: u.board,
        modules: u.modules.map((m) => ({ kw: m.kw, status: m.status })),
        runtimeMin: u.runtimeMin,
        ...sourced(u.source),
      });
    }
    for (const p of fac.pdus ?? [])
      record("pdu", p.id, {
        rackId: p.rack,
        upsId: p.ups,
        path: upsPath.get(p.ups) ?? null,
        capacityKw: p.capacityKw,
        ...sourced(p.source),
      });
    for (const d of devices) {
      record("device", d.id, {
        role: d.role,
        rackId: d.rackId,
        model: d.model,
        firmware: d.firmware,
        psus: d.psus,
        links: d.links,
        ...d.extra,
        // Resolved by siteDevices: the device's own, else its section's default.
        ...sourcedFields(undefined, d.source),
      });
    }
    for (const c of fac.cooling ?? []) record("cooling", c.id, { roomId: c.room, kw: c.kw, feed: c.feed, ...sourced(c.source) });
    for (const r of fac.alarmRoutes ?? []) record("alarm-route", r.id, { target: r.target, hours: r.hours, severities: r.severities });
    for (const x of fac.sensors ?? []) {
      record("sensor", x.id, {
        rackId: x.rack,
        roomId: x.room,
        measure: x.measure,
        lowCritical: x.lowCritical,
        lowWarning: x.lowWarning,
        highWarning: x.highWarning,
        highCritical: x.highCritical,
        delayMin: x.delayMin,
        hysteresis: x.hysteresis,
        routeId: x.route ?? null,
        routes: mapRoutes(thresholdRoutes(x)),
      });
    }
  }
}
