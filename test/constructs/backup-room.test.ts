import { DataResource, Testing } from "cdktf";
import { BackupRoom, type BackupRoomProps, backupTagOf } from "../../constructs/backup-room";
import type { Backup } from "../../spec/types";
import { SITE, resources, syslogTarget } from "./fixtures";

const drawing = { document: "Backup room drawing B-2", verified: "2026-08-01" };

const backup = (): Backup => ({
  defaultSource: drawing,
  room: "room-b",
  repositories: [{ id: "repo1", rack: "r3", model: "PowerEdge R760xd2", capacityTb: 200, immutable: true }],
  classes: [
    { id: "gold", rpoHours: 4, retentionDays: 90, immutable: true, offsite: true },
    { id: "bronze", rpoHours: 24, retentionDays: 30, immutable: false, offsite: false, tag: "bk-bronze" },
  ],
  defaults: { "life-and-health": "gold", standard: "bronze" },
  copies: [
    { id: "gold-local", class: "gold", room: "room-b", media: "disk", immutable: true },
    {
      id: "gold-offsite",
      class: "gold",
      site: "nabo",
      media: "object-storage",
      immutable: true,
      offsiteKm: 42,
      source: { document: "DPA annex 3", verified: "2026-07-01" },
    },
  ],
  evidence: [
    {
      id: "rt-2026-10",
      about: "gold",
      kind: "restore-test",
      date: "2026-10-01",
      result: "pass",
      by: "backup operator",
      documentRef: "RT-17",
      nextDue: "2027-01-01",
    },
    {
      id: "svc-ups",
      about: "ups-a",
      kind: "service",
      date: "2026-09-01",
      result: "partial",
      by: "vendor",
      documentRef: "SR-9",
      nextDue: "2027-09-01",
    },
  ],
});

const props = (extra: Partial<BackupRoomProps> = {}): BackupRoomProps => ({
  siteName: SITE,
  backup: backup(),
  syslog: [syslogTarget(), syslogTarget({ host: "syslog2.tiny.example", protocol: "udp", port: 514, retentionMonths: undefined })],
  ...extra,
});

const synth = (extra: Partial<BackupRoomProps> = {}) => {
  const json = Testing.synthScope((scope) => {
    new BackupRoom(scope, "backup-room", props(extra));
  });
  return Object.fromEntries(
    Object.entries(resources(json, DataResource.tfResourceType)).map(([k, v]) => [k, v.input as Record<string, unknown>]),
  );
};

describe("BackupRoom", () => {
  const objects = synth();

  test("log collectors record TLS, protocol and retention (null when unknown)", () => {
    expect(objects["log-collector_syslog_tiny_example"]).toMatchObject({ port: 6514, tls: true, protocol: "tls", retentionMonths: 12 });
    expect(objects["log-collector_syslog2_tiny_example"]).toMatchObject({ port: 514, tls: false, protocol: "udp", retentionMonths: null });
  });

  test("the backup room names its room and repositories", () => {
    expect(objects["backup-room_room-b"]).toMatchObject({ roomId: "room-b", repositoryIds: ["repo1"] });
  });

  test("backup classes carry RPO, retention, immutability, off-site and the tag that selects their VMs", () => {
    expect(objects["backup-class_gold"]).toMatchObject({
      rpoHours: 4,
      retentionDays: 90,
      immutable: true,
      offsite: true,
      tag: "backup-gold",
    });
    expect(objects["backup-class_bronze"]).toMatchObject({ tag: "bk-bronze" });
  });

  test("a class's tag is its own, else backup-<id>", () => {
    expect(backupTagOf({ id: "gold" })).toBe("backup-gold");
    expect(backupTagOf({ id: "gold", tag: "gold-vms" })).toBe("gold-vms");
  });

  test("copies record where, on what media, immutable and how far; unknowns are null, sources default to backup.defaultSource", () => {
    expect(objects["backup-copy_gold-local"]).toMatchObject({
      classId: "gold",
      roomId: "room-b",
      offsiteSite: null,
      media: "disk",
      immutable: true,
      offsiteKm: null,
      source: drawing,
    });
    expect(objects["backup-copy_gold-offsite"]).toMatchObject({
      roomId: null,
      offsiteSite: "nabo",
      offsiteKm: 42,
      source: { document: "DPA annex 3", verified: "2026-07-01" },
    });
  });

  test("restore tests and other evidence are recorded as attested: date, result, by whom, document and next due", () => {
    expect(objects["restore-test_rt-2026-10"]).toEqual({
      kind: "restore-test",
      id: "rt-2026-10",
      site: SITE,
      classId: "gold",
      date: "2026-10-01",
      result: "pass",
      by: "backup operator",
      documentRef: "RT-17",
      nextDue: "2027-01-01",
    });
    expect(objects["evidence_svc-ups"]).toMatchObject({ kind: "evidence", about: "ups-a", evidenceKind: "service", result: "partial" });
  });

  test("no backup: only the log collectors are recorded", () => {
    expect(Object.keys(synth({ backup: undefined })).sort()).toEqual([
      "log-collector_syslog2_tiny_example",
      "log-collector_syslog_tiny_example",
    ]);
  });

  test("no backup.defaultSource: a copy naming none records no source", () => {
    expect(synth({ backup: { ...backup(), defaultSource: undefined } })["backup-copy_gold-local"]).not.toHaveProperty("source");
  });
});
