import type { Criticality, WorkloadObject } from "../../../contracts/facility-objects";
import { BackupClassHasAnImmutableCopy } from "../../../policies/rules/backup/BackupClassHasAnImmutableCopy";
import { BackupClassHasThreeCopiesOnTwoMediaOneOffsite } from "../../../policies/rules/backup/BackupClassHasThreeCopiesOnTwoMediaOneOffsite";
import { BackupClassRestoreIsTested } from "../../../policies/rules/backup/BackupClassRestoreIsTested";
import { BackupMeetsRpoAndIncludesConfigurations } from "../../../policies/rules/backup/BackupMeetsRpoAndIncludesConfigurations";
import { EveryVmIsInOneBackupClass } from "../../../policies/rules/backup/EveryVmIsInOneBackupClass";
import { buildRooms } from "../../../policies/engine/room";
import { findingsOf, outcomes, RoomBuilder } from "../room-builder";

/** A site with a backup room, one class "gold" and the copies given (default: local disk + off-site object storage). */
function backupRoom(
  copies: { id: string; media: string; immutable?: boolean; offsite?: boolean }[] = [
    { id: "g-local", media: "disk" },
    { id: "g-off", media: "object-storage", offsite: true },
  ],
  cls: Partial<{
    rpoHours: number;
    retentionDays: number;
    immutable: boolean;
    offsite: boolean;
    configurations: ("vcenter" | "fortigate" | "iac-state")[];
  }> = {},
): RoomBuilder {
  const b = new RoomBuilder()
    .facility("room", { id: "main", roomType: "primary" })
    .facility("room", { id: "bk", roomType: "backup" })
    .facility("rack", { id: "b1", roomId: "bk", designKw: 5 })
    .facility("device", { id: "repo1", role: "backup-server", rackId: "b1", psus: [], links: [], immutable: true, capacityTb: 100 })
    .facility("backup-room", { id: "bk", roomId: "bk", repositoryIds: ["repo1"] })
    .facility("backup-class", { id: "gold", rpoHours: 4, retentionDays: 60, immutable: true, offsite: true, tag: "backup-gold", ...cls });
  for (const c of copies)
    b.facility("backup-copy", {
      id: c.id,
      classId: "gold",
      roomId: c.offsite ? null : "bk",
      offsiteSite: c.offsite ? "Other town hall" : null,
      offsiteKm: c.offsite ? 25 : null,
      media: c.media,
      immutable: c.immutable ?? true,
    });
  return b;
}

const workload = (
  id: string,
  criticality: Criticality,
  backupClass: string | null,
  vms: string[] = [],
): Omit<WorkloadObject, "kind" | "site"> => ({
  id,
  tenantId: "t",
  system: id,
  vms,
  sensitivity: "internal",
  criticality,
  lifecycle: "active",
  backupClass,
  addresses: [],
});

describe("BKP-3-2-1 BackupClassHasThreeCopiesOnTwoMediaOneOffsite", () => {
  const rule = BackupClassHasThreeCopiesOnTwoMediaOneOffsite;
  test("passes with production + 2 copies on disk and object storage, one off-site", () => {
    const [f] = findingsOf(rule, backupRoom());
    expect(f).toMatchObject({ outcome: "pass", address: "terraform_data.backup-class_gold", evidence: "declared" });
    expect(f.observed).toBe(
      "3 copies (production + 2: g-local (disk, room bk), g-off (object-storage, off-site at Other town hall, 25 km)); 2 media types (disk, object-storage); 1 off-site (class declares offsite: true)",
    );
    expect(f.expected).toBe(">= 3 copies counting production, >= 2 media types, >= 1 off-site");
    expect(f.addresses).toEqual([
      "terraform_data.backup-class_gold",
      "terraform_data.backup-copy_g-local",
      "terraform_data.backup-copy_g-off",
    ]);
  });
  test("fails with one local copy: 2 copies, 1 media type, nothing off-site", () => {
    const [f] = findingsOf(rule, backupRoom([{ id: "g-local", media: "disk" }], { offsite: false }));
    expect(f.outcome).toBe("fail");
    expect(f.observed).toBe(
      "2 copies (production + 1: g-local (disk, room bk)); 1 media type (disk); 0 off-site (class declares offsite: false)",
    );
    expect(f.message).toBe("Backup class gold has 2 of 3 copies, 1 of 2 media types, 0 of 1 off-site copies.");
  });
  test("fails when both copies are on disk, though one is off-site", () => {
    const [f] = findingsOf(
      rule,
      backupRoom([
        { id: "g-local", media: "disk" },
        { id: "g-off", media: "disk", offsite: true },
      ]),
    );
    expect(f).toMatchObject({ outcome: "fail", message: "Backup class gold has 1 of 2 media types." });
  });
  test("the counts are parameters", () => {
    const [f] = findingsOf(rule, backupRoom(), { "BKP-3-2-1": { minCopies: 4 } });
    expect(f).toMatchObject({ outcome: "fail", message: "Backup class gold has 3 of 4 copies." });
  });
  test("a copy of a class or in a room that does not exist is an error", () => {
    const room = backupRoom().facility("backup-copy", {
      id: "stray",
      classId: "silver",
      roomId: "nowhere",
      offsiteSite: null,
      offsiteKm: null,
      media: "tape",
      immutable: true,
    });
    const f = findingsOf(rule, room);
    expect(outcomes(f)).toEqual({
      "terraform_data.backup-class_gold": "pass",
      "terraform_data.backup-copy_stray#class": "error",
      "terraform_data.backup-copy_stray#room": "error",
    });
    expect(f.find((x) => x.findingId === "class")?.observed).toBe(
      'copy stray names backup class "silver", which the site does not declare',
    );
  });
  test("a site without backup classes fails at its primary room (nothing says its data is backed up)", () => {
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "main", roomType: "primary" }))).toMatchObject([
      { outcome: "fail", address: "terraform_data.room_main", findingId: "no-backup-class" },
    ]);
  });
  test("foreign input without facility objects is not evaluable", () => {
    const f = findingsOf(rule, new RoomBuilder().resource("vsphere", "vsphere_virtual_machine", "vm1", { name: "vm1" }));
    expect(f).toMatchObject([{ outcome: "not-evaluable", observed: "no facility objects in the input", addresses: [] }]);
  });
});

describe("BKP-IMMUTABLE BackupClassHasAnImmutableCopy", () => {
  const rule = BackupClassHasAnImmutableCopy;
  test("passes with an immutable copy and 60 days' retention", () => {
    const [f] = findingsOf(rule, backupRoom([{ id: "g-local", media: "disk" }]));
    expect(f).toMatchObject({ outcome: "pass", address: "terraform_data.backup-class_gold" });
    expect(f.observed).toBe(
      "1 of 1 copies immutable or offline (g-local (disk) immutable); retention 60 days; class declares immutable: true",
    );
    expect(f.expected).toBe(">= 1 immutable or offline copy, retention >= 30 days");
  });
  test("fails when no copy is immutable (a tape in the library does not count for being tape)", () => {
    const [f] = findingsOf(
      rule,
      backupRoom([
        { id: "g-local", media: "disk", immutable: false },
        { id: "g-tape", media: "tape", immutable: false },
      ]),
    );
    expect(f.outcome).toBe("fail");
    expect(f.observed).toBe(
      "0 of 2 copies immutable or offline (g-local (disk) not immutable; g-tape (tape) not immutable); retention 60 days; class declares immutable: true",
    );
  });
  test("fails when retention is shorter than 30 days", () => {
    const [f] = findingsOf(rule, backupRoom(undefined, { retentionDays: 14 }));
    expect(f).toMatchObject({ outcome: "fail", message: "Backup class gold has retention 14 of 30 days." });
  });
  test("a disk copy declared immutable on repositories none of which is immutable does not count", () => {
    const room = backupRoom([{ id: "g-local", media: "disk" }]).edit("facility", "terraform_data", "device_repo1", (v) => {
      (v.input as { immutable: boolean }).immutable = false;
    });
    const [f] = findingsOf(rule, room);
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("g-local (disk) declared immutable, but no repository in bk is (repo1)");
  });
  test("a repository the backup room names but no device declares is an error", () => {
    const room = backupRoom().edit("facility", "terraform_data", "backup-room_bk", (v) => {
      (v.input as { repositoryIds: string[] }).repositoryIds.push("repo9");
    });
    expect(outcomes(findingsOf(rule, room))).toEqual({
      "terraform_data.backup-class_gold": "pass",
      "terraform_data.backup-room_bk#repository-repo9": "error",
    });
  });
  test("a site without backup classes fails at its primary room (nothing says its data is backed up)", () => {
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "main", roomType: "primary" }))).toMatchObject([
      { outcome: "fail", address: "terraform_data.room_main", findingId: "no-backup-class" },
    ]);
  });
  test("foreign input without facility objects is not evaluable", () => {
    const f = findingsOf(rule, new RoomBuilder().resource("vsphere", "vsphere_virtual_machine", "vm1", { name: "vm1" }));
    expect(f).toMatchObject([{ outcome: "not-evaluable", addresses: [] }]);
  });
});

describe("BKP-RESTORE-TEST BackupClassRestoreIsTested", () => {
  const rule = BackupClassRestoreIsTested;
  const withTest = (date: string, result = "pass", nextDue: string | null = "2027-01-15") =>
    backupRoom().facility("restore-test", {
      id: `rt-${date}`,
      classId: "gold",
      date,
      result,
      by: "backup operator",
      documentRef: "TST-1",
      nextDue,
    });
  test("a passed test 37 days before the evaluation date is attested, never pass", () => {
    const [f] = findingsOf(rule, withTest("2026-10-16"));
    expect(f).toMatchObject({ outcome: "attested", evidence: "attested", address: "terraform_data.backup-class_gold" });
    expect(f.observed).toBe(
      "rt-2026-10-16 on 2026-10-16 (37 days before 2026-11-22), result pass, by backup operator, TST-1, next due 2027-01-15",
    );
    expect(f.expected).toBe("result pass, dated <= 90 days before 2026-11-22, next due not before 2026-11-22");
    expect(f.addresses).toEqual(["terraform_data.backup-class_gold", "terraform_data.restore-test_rt-2026-10-16"]);
  });
  test("fails when no test is on record", () => {
    const [f] = findingsOf(rule, backupRoom());
    expect(f).toMatchObject({ outcome: "fail", observed: "no restore test on record" });
  });
  test("fails when the latest test is older than 90 days", () => {
    const [f] = findingsOf(rule, withTest("2026-08-01"));
    expect(f).toMatchObject({ outcome: "fail" });
    expect(f.message).toBe("The latest restore test of backup class gold does not count: it is 113 days old.");
  });
  test("fails when the latest test failed, though an older one passed", () => {
    const room = withTest("2026-10-16").facility("restore-test", {
      id: "rt-new",
      classId: "gold",
      date: "2026-11-01",
      result: "partial",
      by: "backup operator",
      documentRef: "TST-2",
      nextDue: "2026-12-01",
    });
    const [f] = findingsOf(rule, room);
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("rt-new on 2026-11-01 (21 days before 2026-11-22), result partial");
  });
  test("fails when the next test is overdue", () => {
    const [f] = findingsOf(rule, withTest("2026-10-16", "pass", "2026-11-16"));
    expect(f.message).toBe("The latest restore test of backup class gold does not count: the next test was due 6 days ago.");
  });
  test("an evidence record of kind restore-test counts too", () => {
    const room = backupRoom().facility("evidence", {
      id: "ev1",
      about: "gold",
      evidenceKind: "restore-test",
      date: "2026-11-01",
      result: "pass",
      by: "backup operator",
      documentRef: "TST-3",
      nextDue: "2027-02-01",
    });
    expect(findingsOf(rule, room)[0]).toMatchObject({
      outcome: "attested",
      addresses: ["terraform_data.backup-class_gold", "terraform_data.evidence_ev1"],
    });
  });
  test("a test of a class the site does not declare is an error", () => {
    const room = withTest("2026-10-16").facility("restore-test", {
      id: "rt-x",
      classId: "tin",
      date: "2026-10-16",
      result: "pass",
      by: "backup operator",
      documentRef: "TST-4",
    });
    expect(outcomes(findingsOf(rule, room))).toEqual({
      "terraform_data.backup-class_gold": "attested",
      "terraform_data.restore-test_rt-x": "error",
    });
  });
  test("a record without a readable date is not evaluable (input the engine's schema check would have refused)", () => {
    const [room] = buildRooms(withTest("16.10.2026").docs(), () => []);
    const [f] = findingsOf(rule, room);
    expect(f).toMatchObject({ outcome: "not-evaluable", expected: "dates as YYYY-MM-DD" });
  });
  test("a site without backup classes fails at its primary room (nothing says its data is backed up)", () => {
    expect(findingsOf(rule, new RoomBuilder().facility("room", { id: "main", roomType: "primary" }))).toMatchObject([
      { outcome: "fail", address: "terraform_data.room_main", findingId: "no-backup-class" },
    ]);
  });
  test("foreign input without facility objects is not evaluable", () => {
    const f = findingsOf(rule, new RoomBuilder().resource("vsphere", "vsphere_virtual_machine", "vm1", { name: "vm1" }));
    expect(f).toMatchObject([{ outcome: "not-evaluable", evidence: "attested", addresses: [] }]);
  });
});

describe("BKP-RPO-CFG BackupMeetsRpoAndIncludesConfigurations", () => {
  const rule = BackupMeetsRpoAndIncludesConfigurations;
  const all = ["vcenter", "fortigate", "iac-state"] as ("vcenter" | "fortigate" | "iac-state")[];
  test("passes when the class's RPO meets its most critical workload and the configurations are in it", () => {
    const room = backupRoom(undefined, { configurations: all })
      .facility("workload", workload("w-std", "standard", "gold"))
      .facility("workload", workload("w-crit", "critical", "gold"))
      .resource("vsphere", "vsphere_datacenter", "dc", { name: "dc" });
    const f = findingsOf(rule, room);
    expect(outcomes(f)).toEqual({
      "terraform_data.backup-class_gold#rpo": "pass",
      "terraform_data.backup-room_bk#config-vcenter": "pass",
      "terraform_data.backup-room_bk#config-iac-state": "pass",
    });
    const rpo = f.find((x) => x.findingId === "rpo");
    expect(rpo?.observed).toBe("RPO 4 h; 2 workloads, the most critical critical (w-crit)");
    expect(rpo?.expected).toBe("<= 4 h (the RPO critical workloads need)");
    expect(f.find((x) => x.findingId === "config-vcenter")?.observed).toBe(
      "vCenter (VAMI file-based backup) in backup class gold (RPO 4 h)",
    );
  });
  test("fails when a life-and-health workload is in a 4 h class, and when the FortiGate configuration is in no class", () => {
    const room = backupRoom(undefined, { configurations: ["vcenter", "iac-state"] })
      .facility("workload", workload("w-care", "life-and-health", "gold"))
      .resource("firewall", "fortios_system_ha", "ha", { group_name: "fw" });
    const f = findingsOf(rule, room);
    expect(outcomes(f)).toEqual({
      "terraform_data.backup-class_gold#rpo": "fail",
      "terraform_data.backup-room_bk#config-fortigate": "fail",
      "terraform_data.backup-room_bk#config-iac-state": "pass",
    });
    expect(f.find((x) => x.findingId === "rpo")?.message).toBe(
      "Backup class gold has an RPO of 4 h, longer than the 1 h its life-and-health workloads need.",
    );
    expect(f.find((x) => x.findingId === "config-fortigate")?.observed).toBe("no backup class includes the FortiGate configuration");
  });
  test("a workload without a class fails, one naming a missing class is an error", () => {
    const room = backupRoom(undefined, { configurations: all })
      .facility("workload", workload("w-none", "standard", null))
      .facility("workload", workload("w-bad", "low", "tin"));
    const f = findingsOf(rule, room);
    expect(outcomes(f)).toMatchObject({ "terraform_data.workload_w-none#class": "fail", "terraform_data.workload_w-bad#class": "error" });
    expect(f.find((x) => x.address === "terraform_data.workload_w-none")?.expected).toBe("a backup class with RPO <= 24 h");
  });
  test("a class no workload uses is not applicable for its RPO", () => {
    const f = findingsOf(rule, backupRoom(undefined, { configurations: all })).find((x) => x.findingId === "rpo");
    expect(f).toMatchObject({ outcome: "not-applicable", observed: "no workload uses backup class gold" });
  });
  test("the RPO by criticality is a parameter", () => {
    const room = backupRoom(undefined, { configurations: all }).facility("workload", workload("w", "critical", "gold"));
    expect(findingsOf(rule, room, { "BKP-RPO-CFG": { criticalMaxRpoHours: 2 } }).find((x) => x.findingId === "rpo")).toMatchObject({
      outcome: "fail",
      expected: "<= 2 h (the RPO critical workloads need)",
    });
  });
  test("classes that do not declare their configurations leave them not evaluable", () => {
    const f = findingsOf(rule, backupRoom().facility("workload", workload("w", "standard", "gold")));
    expect(outcomes(f)).toEqual({
      "terraform_data.backup-class_gold#rpo": "pass",
      "terraform_data.backup-room_bk#config-iac-state": "not-evaluable",
    });
  });
  test("foreign input without facility objects is not evaluable", () => {
    const f = findingsOf(rule, new RoomBuilder().resource("vsphere", "vsphere_virtual_machine", "vm1", { name: "vm1" }));
    expect(f).toMatchObject([{ outcome: "not-evaluable", addresses: [] }]);
  });
});

describe("BKP-VM-SELECTED EveryVmIsInOneBackupClass", () => {
  const rule = EveryVmIsInOneBackupClass;
  /** The park's backup tags in <site>-vsphere, a tenant stack reading them, and a VM with the given tags. */
  function parkWithVm(tags: string[], workloadClass: string | null = "gold"): RoomBuilder {
    return backupRoom()
      .facility("backup-class", { id: "silver", rpoHours: 24, retentionDays: 30, immutable: true, offsite: true, tag: "backup-silver" })
      .facility("workload", workload("w", "critical", workloadClass, ["vm1"]))
      .resource("vsphere", "vsphere_tag_category", "backup-class", { name: "backup-class" })
      .resource("vsphere", "vsphere_tag_category", "lifecycle", { name: "lifecycle" })
      .resource("vsphere", "vsphere_tag", "gold", { name: "backup-gold", category_id: "${vsphere_tag_category.backup-class.id}" })
      .resource("vsphere", "vsphere_tag", "silver", { name: "backup-silver", category_id: "${vsphere_tag_category.backup-class.id}" })
      .resource("vsphere", "vsphere_tag", "active", { name: "active", category_id: "${vsphere_tag_category.lifecycle.id}" })
      .data("t1", "vsphere_tag_category", "backup-class", { name: "backup-class" })
      .data("t1", "vsphere_tag_category", "lifecycle", { name: "lifecycle" })
      .data("t1", "vsphere_tag", "gold", { name: "backup-gold", category_id: "${data.vsphere_tag_category.backup-class.id}" })
      .data("t1", "vsphere_tag", "silver", { name: "backup-silver", category_id: "${data.vsphere_tag_category.backup-class.id}" })
      .data("t1", "vsphere_tag", "tin", { name: "backup-tin", category_id: "${data.vsphere_tag_category.backup-class.id}" })
      .data("t1", "vsphere_tag", "active", { name: "active", category_id: "${data.vsphere_tag_category.lifecycle.id}" })
      .resource("t1", "vsphere_virtual_machine", "vm1", { name: "vm1", tags: tags.map((t) => `\${data.vsphere_tag.${t}.id}`) });
  }
  test("passes when the VM has one backup tag that joins the class its workload declares", () => {
    const [f] = findingsOf(rule, parkWithVm(["active", "gold"]));
    expect(f).toMatchObject({ outcome: "pass", address: "vsphere_virtual_machine.vm1", stack: "s-t1", evidence: "config" });
    expect(f.observed).toBe("tag backup-gold -> backup class gold; workload w declares class gold");
    expect(f.addresses).toEqual(["vsphere_virtual_machine.vm1", "terraform_data.backup-class_gold"]);
  });
  test("fails without a backup tag, and with two", () => {
    expect(findingsOf(rule, parkWithVm(["active"]))[0]).toMatchObject({ outcome: "fail", observed: "no backup-class tag" });
    expect(findingsOf(rule, parkWithVm(["gold", "silver"]))[0]).toMatchObject({
      outcome: "fail",
      observed: "2 backup-class tags (backup-gold, backup-silver)",
    });
  });
  test("fails when the tag's class is not the workload's", () => {
    const [f] = findingsOf(rule, parkWithVm(["silver"]));
    expect(f).toMatchObject({ outcome: "fail", observed: "tag backup-silver -> backup class silver; workload w declares class gold" });
  });
  test("a tag no stack creates, a tag no class claims and a reference that does not resolve are errors", () => {
    const tin = findingsOf(rule, parkWithVm(["tin"]))[0];
    expect(tin.outcome).toBe("error");
    expect(tin.observed).toBe('s-t1: data.vsphere_tag.tin reads vsphere_tag "backup-tin", which no stack of site s creates');
    const unclaimed = parkWithVm(["gold"]).edit("facility", "terraform_data", "backup-class_gold", (v) => {
      (v.input as { tag: string }).tag = "backup-guld";
    });
    expect(findingsOf(rule, unclaimed)[0]).toMatchObject({ outcome: "error" });
    expect(findingsOf(rule, unclaimed)[0].observed).toBe("tag backup-gold joins no backup-class (tags: backup-guld, backup-silver)");
    expect(findingsOf(rule, parkWithVm(["nosuch"]))[0]).toMatchObject({ outcome: "error" });
  });
  test("tags that are not a list are not evaluable", () => {
    const room = parkWithVm([]).edit("t1", "vsphere_virtual_machine", "vm1", (v) => {
      v.tags = "${var.tags}";
    });
    expect(findingsOf(rule, room)[0]).toMatchObject({
      outcome: "not-evaluable",
      observed: 'tags is "${var.tags}", not a list of tag references',
    });
  });
  test("a site without VMs has nothing for it to check", () => {
    expect(findingsOf(rule, backupRoom())).toEqual([]);
  });
  test("foreign VMs without facility objects are not evaluable", () => {
    const f = findingsOf(rule, new RoomBuilder().resource("vsphere", "vsphere_virtual_machine", "vm1", { name: "vm1" }));
    expect(f).toMatchObject([{ outcome: "not-evaluable", observed: "1 VMs, no facility objects in the input", addresses: [] }]);
  });
});
