import type { DeviceObject, FacilityOf } from "../../contracts/facility-objects";
import type { Room } from "./room";
import { num } from "./checks";

/**
 * The capacity loads every rule uses, stated once (DESIGN "Capacity loads"): a device draws the sum of
 * its supplies' watts, and when one power path fails its other supplies carry all of it. A rack's load
 * is the draw of its devices, a room's heat load the draw of the devices in its racks, and a path's (a
 * UPS's or a board's) load the full draw of every device it feeds.
 */
export const deviceDrawW = (d: DeviceObject): number => d.psus.reduce((sum, p) => sum + p.watts, 0);

const kw = (watts: number) => watts / 1000;

/** kW drawn by devices: the sum of their supplies' watts. */
const drawKw = (devices: readonly DeviceObject[]): number => kw(devices.reduce((s, d) => s + deviceDrawW(d), 0));

const idsOf = (objects: readonly { id: string }[]): Set<string> => new Set(objects.map((o) => o.id));

/** The PDUs on these UPS. */
const pdusOnUps = (room: Room, upsIds: ReadonlySet<string>): FacilityOf<"pdu">[] => room.facility("pdu").filter((p) => upsIds.has(p.upsId));

/** The UPS on these boards. */
const upsOnBoards = (room: Room, boardIds: ReadonlySet<string>): FacilityOf<"ups">[] =>
  room.facility("ups").filter((u) => boardIds.has(u.boardId));

export function devicesInRack(room: Room, rackId: string): DeviceObject[] {
  return room.facility("device").filter((d) => d.rackId === rackId);
}

/** kW drawn by the devices in a rack. */
export function rackLoadKw(room: Room, rackId: string): number {
  return drawKw(devicesInRack(room, rackId));
}

/**
 * A rack's design kW, 0 when it declares none (the spec makes it optional). Design kW is printed beside
 * the declared draw; a rule that rests on it must check `designKw` itself and say when it is absent.
 */
export const rackDesignKw = (r: FacilityOf<"rack">): number => r.designKw ?? 0;

/** The racks of a room. */
export function racksInRoom(room: Room, roomId: string): FacilityOf<"rack">[] {
  return room.facility("rack").filter((r) => r.roomId === roomId);
}

/** The heat load of a room: the draw of the devices in its racks (kW), and the racks' design kW beside it. */
export function roomHeatKw(room: Room, roomId: string): { deviceKw: number; designKw: number } {
  const racks = racksInRoom(room, roomId);
  return {
    deviceKw: racks.reduce((s, r) => s + rackLoadKw(room, r.id), 0),
    designKw: racks.reduce((s, r) => s + rackDesignKw(r), 0),
  };
}

/** Devices with at least one supply on one of these PDUs: on a path failure they put all their draw there. */
export function devicesFedBy(room: Room, pduIds: ReadonlySet<string>): DeviceObject[] {
  return room.facility("device").filter((d) => d.psus.some((p) => p.pduId !== null && pduIds.has(p.pduId)));
}

/** kW a UPS must carry when the other path is lost: the full draw of every device it feeds. */
export function upsLoadKw(room: Room, upsId: string): number {
  return drawKw(devicesFedBy(room, idsOf(pdusOnUps(room, new Set([upsId])))));
}

/** kW a distribution board must carry: the full draw of every device fed through the UPS on it. */
export const boardLoadKw = (room: Room, boardId: string): number => generatorLoadKw(room, new Set([boardId]));

/** kW the UPS's modules in service deliver, and the same after losing the largest of them (N+1). */
export function upsCapacityKw(ups: FacilityOf<"ups">): { modules: number[]; totalKw: number; afterLargestKw: number } {
  const modules = ups.modules.filter((m) => m.status === "ok").map((m) => m.kw);
  const totalKw = modules.reduce((s, m) => s + m, 0);
  return { modules, totalKw, afterLargestKw: totalKw - Math.max(0, ...modules) };
}

/** "3 x 40 kW" or "40 + 30 kW". */
export function describeUnits(kws: readonly number[]): string {
  if (kws.length === 0) return "no units";
  return kws.every((k) => k === kws[0]) ? `${kws.length} x ${num(kws[0] ?? 0)} kW` : `${kws.map(num).join(" + ")} kW`;
}

/** kW a PDU must carry when the other path is lost: the full draw of every device with a supply on it. */
export function pduLoadKw(room: Room, pduId: string): number {
  return drawKw(devicesFedBy(room, new Set([pduId])));
}

/** The design kW of the racks a set of PDUs stands in (each rack once): what the path is planned to carry. */
function designKwOfPdus(room: Room, pdus: readonly FacilityOf<"pdu">[]): number {
  const racks = new Set(pdus.map((p) => p.rackId));
  return room
    .facility("rack")
    .filter((r) => racks.has(r.id))
    .reduce((s, r) => s + rackDesignKw(r), 0);
}

/** The design kW of the racks with a PDU on this UPS, printed beside the UPS's load. */
export function upsDesignKw(room: Room, upsId: string): number {
  return designKwOfPdus(room, pdusOnUps(room, new Set([upsId])));
}

/** The design kW of the racks with a PDU on a UPS on one of these boards (each rack once). */
export function boardsDesignKw(room: Room, boardIds: ReadonlySet<string>): number {
  return designKwOfPdus(room, pdusOnUps(room, idsOf(upsOnBoards(room, boardIds))));
}

/** The design kW of the racks with a PDU on a UPS on this board, printed beside the board's load. */
export const boardDesignKw = (room: Room, boardId: string): number => boardsDesignKw(room, new Set([boardId]));

/**
 * kW a set of generators must carry on a mains outage: the full draw of every device with a supply on a
 * PDU whose UPS stands on one of the boards they feed (each device once). The cooling units' electrical
 * draw is not declared and not counted.
 */
export function generatorLoadKw(room: Room, boardIds: ReadonlySet<string>): number {
  return drawKw(devicesFedBy(room, idsOf(pdusOnUps(room, idsOf(upsOnBoards(room, boardIds))))));
}
