import type { Findings } from "../check-helpers";
import type { SiteFile } from "../types";
import { siteDevices } from "./devices";
import { THRESHOLDS, thresholdRoutes } from "./sensor-routes";

/**
 * References and consistency of the facility and backup sections: PDUs, UPS, boards, rooms, racks,
 * devices and alarm routes must exist; sensor thresholds must be ordered. Whether the room is
 * redundant or big enough is for the rules: a room with one UPS loads fine.
 */
export function checkFacility(site: SiteFile, f: Findings): void {
  const fac = site.facility ?? {};
  const rooms = new Set(site.rooms.map((r) => r.id));
  const racks = new Set(site.racks.map((r) => r.id));
  const boards = new Set((fac.boards ?? []).map((b) => b.id));
  const ups = new Set((fac.ups ?? []).map((u) => u.id));
  const pdus = new Set((fac.pdus ?? []).map((p) => p.id));
  const routes = new Set((fac.alarmRoutes ?? []).map((r) => r.id));
  const devices = siteDevices(site);
  const deviceIds = new Set(devices.map((d) => d.id));

  f.unique(
    fac.boards ?? [],
    (b) => b.id,
    (i) => `/facility/boards/${i}/id`,
    "board id",
  );
  f.unique(
    fac.generators ?? [],
    (g) => g.id,
    (i) => `/facility/generators/${i}/id`,
    "generator id",
  );
  f.unique(
    fac.ups ?? [],
    (u) => u.id,
    (i) => `/facility/ups/${i}/id`,
    "UPS id",
  );
  f.unique(
    fac.pdus ?? [],
    (p) => p.id,
    (i) => `/facility/pdus/${i}/id`,
    "PDU id",
  );
  f.unique(
    fac.cooling ?? [],
    (c) => c.id,
    (i) => `/facility/cooling/${i}/id`,
    "cooling unit id",
  );
  f.unique(
    fac.sensors ?? [],
    (s) => s.id,
    (i) => `/facility/sensors/${i}/id`,
    "sensor id",
  );
  f.unique(
    fac.alarmRoutes ?? [],
    (r) => r.id,
    (i) => `/facility/alarmRoutes/${i}/id`,
    "alarm route id",
  );

  (fac.boards ?? []).forEach((b, i) => f.known(b.room, rooms, `/facility/boards/${i}/room`, "room"));
  (fac.generators ?? []).forEach((g, i) =>
    (g.feeds ?? []).forEach((b, j) => f.known(b, boards, `/facility/generators/${i}/feeds/${j}`, "board")),
  );
  (fac.ups ?? []).forEach((u, i) => {
    f.known(u.room, rooms, `/facility/ups/${i}/room`, "room");
    f.known(u.board, boards, `/facility/ups/${i}/board`, "board");
  });
  (fac.pdus ?? []).forEach((p, i) => {
    f.known(p.rack, racks, `/facility/pdus/${i}/rack`, "rack");
    f.known(p.ups, ups, `/facility/pdus/${i}/ups`, "UPS");
  });

  // Devices: their racks, the PDUs their supplies plug into, the devices their links reach.
  (fac.devices ?? []).forEach((d, i) => f.known(d.rack, racks, `/facility/devices/${i}/rack`, "rack"));
  (site.backup?.repositories ?? []).forEach((r, i) => f.known(r.rack, racks, `/backup/repositories/${i}/rack`, "rack"));
  const wiring = (psus: { pdu?: string }[] | undefined, at: string) =>
    (psus ?? []).forEach((p, j) => p.pdu !== undefined && f.known(p.pdu, pdus, `${at}/${j}/pdu`, "PDU"));
  const cabling = (links: { peer: string }[] | undefined, at: string) =>
    (links ?? []).forEach((l, j) => f.known(l.peer, deviceIds, `${at}/${j}/peer`, "device"));
  for (const d of devices) {
    wiring(d.declared.psus, `${d.pointer}/psus`);
    cabling(d.declared.links, `${d.pointer}/links`);
  }
  for (const [id, psus] of Object.entries(fac.power ?? {})) {
    if (f.known(id, deviceIds, `/facility/power/${id}`, "device", true)) wiring(psus, `/facility/power/${id}`);
  }
  for (const [id, links] of Object.entries(fac.links ?? {})) {
    if (f.known(id, deviceIds, `/facility/links/${id}`, "device", true)) cabling(links, `/facility/links/${id}`);
  }

  // Cooling and sensors.
  const feeds = new Set([...boards, ...ups]);
  (fac.cooling ?? []).forEach((c, i) => {
    f.known(c.room, rooms, `/facility/cooling/${i}/room`, "room");
    f.known(c.feed, feeds, `/facility/cooling/${i}/feed`, "board or UPS");
  });
  (fac.sensors ?? []).forEach((s, i) => {
    const at = `/facility/sensors/${i}`;
    if (s.rack !== undefined) f.known(s.rack, racks, `${at}/rack`, "rack");
    if (s.room !== undefined) f.known(s.room, rooms, `${at}/room`, "room");
    // Each route named once, where it is written; then every threshold must reach a route.
    f.known(s.route, routes, `${at}/route`, "alarm route");
    for (const [key, id] of Object.entries(s.routes ?? {})) f.known(id, routes, `${at}/routes/${key}`, "alarm route");
    const unrouted = THRESHOLDS.filter((t) => thresholdRoutes(s)[t] === undefined);
    if (unrouted.length) {
      f.add(
        at,
        `expected an alarm route for every threshold (route, or routes by severity or threshold), found none for ${unrouted.join(", ")}`,
      );
    }
    const order = [s.lowCritical, s.lowWarning, s.highWarning, s.highCritical];
    if (!order.every((v, j) => j === 0 || order[j - 1] < v)) {
      f.add(at, `expected lowCritical < lowWarning < highWarning < highCritical, found ${order.join(" / ")}`);
    }
  });

  // Backup room, classes, copies and evidence.
  const backup = site.backup;
  if (!backup) return;
  f.known(backup.room, rooms, "/backup/room", "room");
  f.unique(
    backup.classes,
    (c) => c.id,
    (i) => `/backup/classes/${i}/id`,
    "backup class",
  );
  const classes = new Set(backup.classes.map((c) => c.id));
  for (const [criticality, cls] of Object.entries(backup.defaults))
    f.known(cls, classes, `/backup/defaults/${criticality}`, "backup class");
  f.unique(
    backup.copies,
    (c) => c.id,
    (i) => `/backup/copies/${i}/id`,
    "backup copy",
  );
  backup.copies.forEach((c, i) => {
    f.known(c.class, classes, `/backup/copies/${i}/class`, "backup class");
    if (c.room !== undefined) f.known(c.room, rooms, `/backup/copies/${i}/room`, "room");
  });
  const objects = new Set<string>([
    ...rooms,
    ...racks,
    ...boards,
    ...ups,
    ...pdus,
    ...deviceIds,
    ...classes,
    ...(fac.generators ?? []).map((g) => g.id),
    ...(fac.cooling ?? []).map((c) => c.id),
    ...(fac.sensors ?? []).map((s) => s.id),
    ...routes,
    ...backup.copies.map((c) => c.id),
  ]);
  f.unique(
    backup.evidence ?? [],
    (e) => e.id,
    (i) => `/backup/evidence/${i}/id`,
    "evidence id",
  );
  (backup.evidence ?? []).forEach((e, i) => f.known(e.about, objects, `/backup/evidence/${i}/about`, "facility object"));
}
