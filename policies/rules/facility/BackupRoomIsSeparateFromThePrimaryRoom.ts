import type { FacilityOf } from "../../../contracts/facility-objects";
import { check, missingFacts, passOrFail, unresolved } from "../../engine/checks";
import { racksInRoom } from "../../engine/loads";
import type { Room } from "../../engine/room";
import { defineRule, type Check } from "../../engine/rule";
import { BSI_CON3, IMPL_REG_2024_2690, ISO27001, NIS2 } from "../../controls/references";

type RoomObj = FacilityOf<"room">;
type BackupRoomObj = FacilityOf<"backup-room">;

/**
 * PHY-FIRE-SEP: the backup room shares no failure domain with the primary room: another fire cell
 * (fire cell ids count per site), another emergency-power-off zone, and its
 * own power (the UPS and boards behind its racks' PDUs serve no primary room's rack and stand in no
 * primary room). Both rooms have fire suppression. The backup room is every room of type `backup`
 * and the room a `backup-room` object names. Checks per backup room: `fire-cell`, `epo-zone`, `power`;
 * per room a `backup-room` object names: `repositories`, where the repositories it lists (backup-server
 * devices) stand: one in the backup room is covered by the room's own checks; one in another room fails
 * when that room is a primary room or shares a primary room's fire cell or EPO zone (a repository
 * moved into the server room takes the backups back into the primary's fate, whatever the backup room
 * declares). Per primary and backup room: `fire-suppression`. A site whose rooms have no backup room
 * fails `backup-room` on each primary room. A PDU whose UPS, or a UPS whose board, does not exist, and a
 * repository id that names no device, a device whose rack or a rack whose room does not exist, is an
 * `error` check (a join that does not resolve).
 */
export const BackupRoomIsSeparateFromThePrimaryRoom = defineRule({
  meta: {
    id: "PHY-FIRE-SEP",
    name: "BackupRoomIsSeparateFromThePrimaryRoom",
    version: "1.0.0",
    area: "physical",
    title: "The backup room is in another fire cell and EPO zone than the primary room, on its own power, and both have fire suppression",
    rationale:
      "Backup copies exist for the day the primary room is lost. A fire, an extinguishing release, an emergency-power-off press or a UPS failure that reaches both rooms takes the systems and their backups together.",
    remediation:
      "Move the backup repositories to a room in another fire cell and EPO zone, fed by its own UPS and boards; install fire suppression where it is missing.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [
      BSI_CON3("CON.3.A12 (backup media spatially separated, in another fire section)"),
      IMPL_REG_2024_2690("13.2 (protection against physical and environmental threats)"),
      ISO27001("7.5"),
      ISO27001("8.13"),
      NIS2("Art. 21(2)(c) (backup management, disaster recovery)"),
    ],
  },
  check(room) {
    const rooms = room.facility("room");
    if (rooms.length === 0)
      return missingFacts({
        observed: room.hasFacility ? "facility objects but no rooms" : "no facility objects",
        expected: "the primary and backup rooms as facility objects (docs/facility-vocabulary.md)",
        message: "the input declares no rooms, so the separation of the backup room cannot be checked",
      });
    const checks: Check[] = [];
    const primaries = rooms.filter((r) => r.roomType === "primary");
    const backups = new Map<string, RoomObj>();
    for (const r of rooms) if (r.roomType === "backup") backups.set(r.id, r);
    for (const b of room.facility("backup-room")) {
      const r = room.facilityById("room", b.roomId);
      if (r) {
        backups.set(r.id, r);
        checks.push(...repositoryPlacement(room, b, r, primaries));
      } else
        checks.push(
          unresolved(b, {
            findingId: "room",
            field: "roomId",
            value: b.roomId,
            what: "room",
            message: `backup room ${b.id} names room ${b.roomId}, which the site does not declare`,
          }),
        );
    }
    if (backups.size === 0)
      for (const p of primaries)
        checks.push(
          check("declared", "fail", p, {
            findingId: "backup-room",
            observed: `rooms: ${rooms.map((r) => `${r.id} (${r.roomType})`).join(", ")}`,
            expected: "a backup room apart from the primary room",
            message: `site ${room.site} declares no backup room: the backups share the fate of room ${p.id}`,
          }),
        );
    for (const b of backups.values())
      if (primaries.length === 0)
        checks.push(
          check("declared", "not-applicable", b, {
            findingId: "fire-cell",
            observed: `rooms: ${rooms.map((r) => `${r.id} (${r.roomType})`).join(", ")}`,
            expected: "a primary room to be separate from",
            message: `site ${room.site} declares no primary room: backup room ${b.id} has nothing to be separate from`,
          }),
        );
      else checks.push(...separation(room, b, primaries));
    const suppressed = new Map<string, RoomObj>();
    for (const r of [...primaries, ...backups.values()]) suppressed.set(r.id, r);
    for (const r of suppressed.values()) {
      const has = typeof r.fireSuppression === "string" && r.fireSuppression.trim() !== "";
      checks.push(
        check("declared", passOrFail(has), r, {
          findingId: "fire-suppression",
          observed: has ? `${r.fireSuppression ?? ""}` : "no fire suppression declared",
          expected: "a fire suppression system",
          message: `${r.roomType} room ${r.id}: ${has ? `fire suppression ${r.fireSuppression ?? ""}` : "no fire suppression declared"}`,
        }),
      );
    }
    return checks;
  },
});

const where = (r: RoomObj, field: "fireCell" | "epoZone") =>
  `${r.id}: ${field === "fireCell" ? "fire cell" : "EPO zone"} ${r[field] ?? "not declared"}${r.building ? `, ${r.building}` : ""}`;

function separation(room: Room, b: RoomObj, primaries: readonly RoomObj[]): Check[] {
  const others = primaries.filter((p) => p.id !== b.id);
  const self = primaries.some((p) => p.id === b.id);
  const out: Check[] = [];
  for (const field of ["fireCell", "epoZone"] as const) {
    const shared = others.filter((p) => sameDomain(b, p, field));
    const missing = !b[field] || others.some((p) => !p[field]);
    const label = field === "fireCell" ? "fire cell" : "EPO zone";
    const observed = [b, ...others].map((r) => where(r, field)).join("; ");
    out.push(
      check("declared", passOrFail(!self && !missing && shared.length === 0), b, {
        findingId: field === "fireCell" ? "fire-cell" : "epo-zone",
        observed: self ? `${b.id} is itself a primary room` : observed,
        expected: `the backup room's ${label} declared and in no primary room (ids count per site)`,
        message: self
          ? `backup room ${b.id} is a primary room`
          : missing
            ? `backup room ${b.id}: a ${label} is not declared (${observed})`
            : shared.length > 0
              ? `backup room ${b.id} shares ${label} ${b[field] ?? ""} with primary room ${shared.map((p) => p.id).join(", ")}`
              : `backup room ${b.id}: its own ${label} (${observed})`,
      }),
    );
  }
  out.push(...powerSeparation(room, b, others, self));
  return out;
}

/**
 * Fire cells and EPO zones are named per site: the same id is the same cell, even when the rooms'
 * building texts differ (a wing of the same town hall is often written as another "building"). Two
 * cells in two buildings that happen to share a name must be named apart; a false alarm is safer
 * than a missed shared cell.
 */
function sameDomain(a: RoomObj, b: RoomObj, field: "fireCell" | "epoZone"): boolean {
  return a[field] !== undefined && a[field] === b[field];
}

interface Chain {
  ups: Set<string>;
  boards: Set<string>;
  /** Rooms where those UPS and boards stand. */
  rooms: Set<string>;
}

/** The UPS and boards behind the PDUs of a room's racks, and the join problems on the way. */
function powerChain(room: Room, roomId: string, problems?: Check[]): Chain {
  const racks = new Set(racksInRoom(room, roomId).map((r) => r.id));
  const chain: Chain = { ups: new Set(), boards: new Set(), rooms: new Set() };
  for (const pdu of room.facility("pdu").filter((p) => racks.has(p.rackId))) {
    const ups = room.facilityById("ups", pdu.upsId);
    if (!ups) {
      problems?.push(
        unresolved(pdu, {
          findingId: "power",
          field: "upsId",
          value: pdu.upsId,
          what: "UPS",
          message: `PDU ${pdu.id} in rack ${pdu.rackId} names UPS ${pdu.upsId}, which the site does not declare`,
        }),
      );
      continue;
    }
    chain.ups.add(ups.id);
    chain.rooms.add(ups.roomId);
    const board = room.facilityById("board", ups.boardId);
    if (!board) {
      problems?.push(
        unresolved(ups, {
          findingId: "power",
          field: "boardId",
          value: ups.boardId,
          what: "board",
          message: `UPS ${ups.id} names board ${ups.boardId}, which the site does not declare`,
        }),
      );
      continue;
    }
    chain.boards.add(board.id);
    chain.rooms.add(board.roomId);
  }
  return chain;
}

function powerSeparation(room: Room, b: RoomObj, primaries: readonly RoomObj[], self: boolean): Check[] {
  const problems: Check[] = [];
  if (racksInRoom(room, b.id).length === 0)
    return [
      check("declared", "not-applicable", b, {
        findingId: "power",
        observed: "no racks",
        expected: "its racks' PDUs on UPS and boards of its own",
        message: `backup room ${b.id} has no racks: nothing in it needs the room's power`,
      }),
    ];
  const mine = powerChain(room, b.id, problems);
  const primaryIds = new Set(primaries.map((p) => p.id));
  const shared: string[] = [];
  for (const p of primaries) {
    const theirs = powerChain(room, p.id);
    for (const u of mine.ups) if (theirs.ups.has(u)) shared.push(`UPS ${u} also feeds ${p.id}`);
    for (const x of mine.boards) if (theirs.boards.has(x)) shared.push(`board ${x} also feeds ${p.id}`);
  }
  for (const u of mine.ups) {
    const r = room.facilityById("ups", u)?.roomId;
    if (r !== undefined && primaryIds.has(r)) shared.push(`UPS ${u} stands in primary room ${r}`);
  }
  for (const x of mine.boards) {
    const r = room.facilityById("board", x)?.roomId;
    if (r !== undefined && primaryIds.has(r)) shared.push(`board ${x} stands in primary room ${r}`);
  }
  const observed = `racks fed by UPS ${[...mine.ups].join(", ") || "none"} on boards ${[...mine.boards].join(", ") || "none"}`;
  const ok = !self && mine.ups.size > 0 && shared.length === 0;
  problems.push(
    check("declared", passOrFail(ok), b, {
      findingId: "power",
      observed: shared.length > 0 ? `${observed}; ${shared.join("; ")}` : observed,
      expected: "UPS and boards that feed no primary room and stand in none",
      message: ok
        ? `backup room ${b.id} has its own power: ${observed}`
        : mine.ups.size === 0
          ? `backup room ${b.id}: its racks have no PDU on a known UPS`
          : `backup room ${b.id} shares power with the primary room: ${shared.join("; ") || "it is a primary room"}`,
    }),
  );
  return problems;
}

/** A repository of a backup room: its device, rack and the room the rack stands in. */
interface Placed {
  id: string;
  rackId: string;
  where: RoomObj;
}

/**
 * The `repositories` check of the room a `backup-room` object names: each repository it lists stands in
 * that room, or in a room that is no primary room and shares no primary room's fire cell or EPO zone.
 */
function repositoryPlacement(room: Room, b: BackupRoomObj, r: RoomObj, primaries: readonly RoomObj[]): Check[] {
  const problems: Check[] = [];
  const placed: Placed[] = [];
  const standing = (p: Placed) => `${p.id} in rack ${p.rackId}, room ${p.where.id} (${p.where.roomType})`;
  for (const id of b.repositoryIds) {
    const device = room.facilityById("device", id);
    if (!device) {
      problems.push(
        unresolved(b, {
          findingId: "repositories",
          field: "repositoryIds",
          value: id,
          what: "device",
          message: `backup room ${b.id} lists repository ${id}, which the site does not declare as a device`,
        }),
      );
      continue;
    }
    const rack = room.facilityById("rack", device.rackId);
    if (!rack) {
      problems.push(
        unresolved(device, {
          findingId: "repositories",
          field: "rackId",
          value: device.rackId,
          what: "rack",
          message: `repository ${id} of backup room ${b.id} stands in rack ${device.rackId}, which the site does not declare`,
        }),
      );
      continue;
    }
    const where = room.facilityById("room", rack.roomId);
    if (!where) {
      problems.push(
        unresolved(rack, {
          findingId: "repositories",
          field: "roomId",
          value: rack.roomId,
          what: "room",
          message: `rack ${rack.id} of repository ${id} (backup room ${b.id}) names room ${rack.roomId}, which the site does not declare`,
        }),
      );
      continue;
    }
    placed.push({ id, rackId: rack.id, where });
  }
  const expected = `every repository in backup room ${r.id} or in a room apart from the primary rooms (no primary room, another fire cell and EPO zone)`;
  if (placed.length === 0 || primaries.length === 0) {
    if (problems.length === 0)
      problems.push(
        check("declared", "not-applicable", r, {
          findingId: "repositories",
          observed: placed.length === 0 ? "no repositories listed" : `no primary room; ${placed.map(standing).join("; ")}`,
          expected,
          message:
            placed.length === 0
              ? `backup room ${r.id} lists no repositories: there is nothing whose place to check`
              : `site ${room.site} declares no primary room: the repositories of backup room ${r.id} have nothing to be apart from`,
        }),
      );
    return problems;
  }
  const reasons = (p: Placed): string[] => {
    if (p.where.id === r.id) return [];
    if (primaries.some((x) => x.id === p.where.id)) return [`primary room ${p.where.id}`];
    return (["fireCell", "epoZone"] as const).flatMap((field) =>
      primaries
        .filter((x) => sameDomain(p.where, x, field))
        .map((x) => `room ${p.where.id}, in ${field === "fireCell" ? "fire cell" : "EPO zone"} ${x[field] ?? ""} of primary room ${x.id}`),
    );
  };
  const misplaced = placed.filter((p) => reasons(p).length > 0);
  problems.push(
    check("declared", passOrFail(misplaced.length === 0), r, {
      findingId: "repositories",
      observed: placed.map(standing).join("; "),
      expected,
      message:
        misplaced.length === 0
          ? `backup room ${r.id}: its repositories stand apart from the primary rooms (${placed.map(standing).join("; ")})`
          : `backup room ${r.id}: ${misplaced.map((p) => `repository ${p.id} stands in rack ${p.rackId} in ${reasons(p).join(" and ")}`).join("; ")}`,
    }),
  );
  return problems;
}
