import { Construct } from "constructs";
import type { Backup, Source, SyslogTarget } from "../spec/types";
import { FacilityObject, sourcedFields } from "./facility-object";

export interface BackupRoomProps {
  readonly siteName: string;
  /**
   * The backup room, classes, copies and evidence.
   * @default none: only the log collectors are recorded (the rules then report the missing backup)
   */
  readonly backup?: Backup;
  /** Log collectors (retention, TLS). */
  readonly syslog: readonly SyslogTarget[];
}

/** The vSphere tag that selects a backup class's VMs (backup software selects VMs by tag). */
export const backupTagOf = (cls: { id: string; tag?: string }) => cls.tag ?? `backup-${cls.id}`;

/**
 * The backup room and what proves the backups work, as facility objects: a `backup-room` naming the
 * room (its fire cell and power are the room's and PDUs'), backup classes (RPO, retention, immutable,
 * off-site, tag), the copies per class (where, on what media, immutable, distance), restore tests and
 * other evidence records (reported by the rules as attested, never as passed), and the log collectors.
 * The repository servers are devices (PowerAndCooling); the class tags are in the vSphere stack.
 */
export class BackupRoom extends Construct {
  constructor(scope: Construct, id: string, { siteName: s, backup, syslog }: BackupRoomProps) {
    super(scope, id);
    // The backup section's own default: the facility's drawings say nothing about copies (issue 10).
    const sourced = (own?: Source) => sourcedFields(backup?.defaultSource, own);
    for (const target of syslog) {
      new FacilityObject(this, s, "log-collector", target.host, {
        port: target.port,
        tls: target.protocol === "tls",
        protocol: target.protocol,
        retentionMonths: target.retentionMonths ?? null,
      });
    }
    if (!backup) return;
    new FacilityObject(this, s, "backup-room", backup.room, {
      roomId: backup.room,
      repositoryIds: (backup.repositories ?? []).map((r) => r.id),
    });
    for (const c of backup.classes) {
      new FacilityObject(this, s, "backup-class", c.id, {
        rpoHours: c.rpoHours,
        retentionDays: c.retentionDays,
        immutable: c.immutable,
        offsite: c.offsite,
        tag: backupTagOf(c),
        ...(c.configurations ? { configurations: c.configurations } : {}),
      });
    }
    for (const c of backup.copies) {
      new FacilityObject(this, s, "backup-copy", c.id, {
        classId: c.class,
        roomId: c.room ?? null,
        offsiteSite: c.site ?? null,
        media: c.media,
        immutable: c.immutable,
        offsiteKm: c.offsiteKm ?? null,
        ...sourced(c.source),
      });
    }
    for (const e of backup.evidence ?? []) {
      const record = { date: e.date, result: e.result, by: e.by, documentRef: e.documentRef, nextDue: e.nextDue };
      if (e.kind === "restore-test") new FacilityObject(this, s, "restore-test", e.id, { classId: e.about, ...record });
      else new FacilityObject(this, s, "evidence", e.id, { about: e.about, evidenceKind: e.kind, ...record });
    }
  }
}
