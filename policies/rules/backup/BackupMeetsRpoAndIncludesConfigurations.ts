import { CRITICALITIES } from "../../../contracts/classifications";
import type { BackupClassObject, Criticality, WorkloadObject } from "../../../contracts/facility-objects";
import { check, missingFacts, num } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { FindingTarget, Room } from "../../engine/room";
import { IMPL_REG_2024_2690, ISO27001, NSM_GRUNNPRINSIPPER } from "../../controls/references";

/** The configuration backups a room needs, and how the room shows it has the system. */
const CONFIGURATIONS = [
  {
    id: "vcenter",
    what: "vCenter (VAMI file-based backup)",
    present: (room: Room) => room.objects.some((o) => o.type.startsWith("vsphere_")),
  },
  { id: "fortigate", what: "FortiGate configuration", present: (room: Room) => room.objects.some((o) => o.type.startsWith("fortios_")) },
  // Every input is Terraform, so every room has state to lose.
  { id: "iac-state", what: "infrastructure-as-code state (the Terraform state backend)", present: () => true },
] as const;

/** The parameter holding the longest RPO a criticality accepts. */
const PARAM_OF: Record<Criticality, "lifeAndHealthMaxRpoHours" | "criticalMaxRpoHours" | "standardMaxRpoHours" | "lowMaxRpoHours"> = {
  "life-and-health": "lifeAndHealthMaxRpoHours",
  critical: "criticalMaxRpoHours",
  standard: "standardMaxRpoHours",
  low: "lowMaxRpoHours",
};

/**
 * BKP-RPO-CFG: every backup class's RPO (`backup-class.rpoHours`, the job interval) is no longer than
 * the RPO its workloads need, and the configuration backups are included. Declared facts.
 *
 * - Workloads carry no RPO of their own, so the RPO a workload needs follows its criticality, by
 *   parameter (defaults: life-and-health 1 h, critical 4 h, standard 24 h, low 72 h; owner-set policy,
 *   no law gives numbers). A class is held to its most critical workload (`workload.backupClass`). A
 *   workload whose class does not exist is an error finding; one with no class fails (nothing meets
 *   its RPO); a class no workload uses is not applicable.
 * - Configuration backups (NSM 2.9.2, 2024/2690 4.2.2): vCenter where the room has vSphere resources,
 *   the FortiGate configuration where it has FortiOS resources, and the IaC state always, each in the
 *   `configurations` of some backup class (the class's RPO applies to it). Input whose classes carry no
 *   `configurations` at all (older or foreign output) is not evaluable for them.
 */
export const BackupMeetsRpoAndIncludesConfigurations = defineRule({
  meta: {
    id: "BKP-RPO-CFG",
    name: "BackupMeetsRpoAndIncludesConfigurations",
    version: "1.0.0",
    area: "backup",
    title: "Backup classes meet their workloads' RPO and include the vCenter, FortiGate and IaC state configurations",
    rationale:
      "A backup taken less often than the business can afford to lose data fails in the restore, and a room whose vCenter, firewall configuration or infrastructure state was not backed up cannot be rebuilt from its VM backups.",
    remediation:
      "Shorten the class's RPO (run its jobs more often) or move the workload to a stricter class; add the missing configuration backup to a class's `configurations`.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      lifeAndHealthMaxRpoHours: { default: 1, description: "Longest RPO for life-and-health workloads", unit: "h" },
      criticalMaxRpoHours: { default: 4, description: "Longest RPO for critical workloads", unit: "h" },
      standardMaxRpoHours: { default: 24, description: "Longest RPO for standard workloads", unit: "h" },
      lowMaxRpoHours: { default: 72, description: "Longest RPO for low-criticality workloads", unit: "h" },
    },
    controls: [
      NSM_GRUNNPRINSIPPER("2.9.1"),
      NSM_GRUNNPRINSIPPER("2.9.2"),
      IMPL_REG_2024_2690("4.2.2"),
      ISO27001("8.13"),
      {
        framework: "vSphere Security Configuration & Hardening Guide 8",
        ref: "vcenter-8.vami-backup",
        edition: "803-20260612-01",
        // Named in CONTROLS.md §10 only; §8 (the items read in the controls CSV) does not list it.
        verified: false,
        source: "CONTROLS.md §10 BKP-RPO-CFG (verify in [S61])",
        kind: "benchmark",
      },
    ],
  },
  check(room, { params }) {
    if (!room.hasFacility)
      return missingFacts({
        observed: "no facility objects in the input",
        expected: "backup-class and workload objects",
        message: "The input declares no backup classes or workloads, so RPOs cannot be compared.",
      });
    const maxRpo = (c: Criticality) => params[PARAM_OF[c]];
    const classes = room.facility("backup-class");
    const workloads = room.facility("workload");
    const out: Check[] = [];
    for (const w of workloads) {
      if (w.backupClass === null || w.backupClass === undefined)
        out.push(
          check("declared", "fail", w, {
            findingId: "class",
            observed: `workload ${w.id} (${w.criticality}) has no backup class`,
            expected: `a backup class with RPO <= ${num(maxRpo(w.criticality))} h`,
            message: `Workload ${w.id} is in no backup class, so no backup meets its RPO.`,
          }),
        );
      else if (!room.facilityById("backup-class", w.backupClass))
        out.push(
          check("declared", "error", w, {
            findingId: "class",
            observed: `workload ${w.id} names backup class ${JSON.stringify(w.backupClass)}, which the site does not declare`,
            expected: "the id of a backup-class",
            message: `Workload ${w.id} names a backup class that does not exist.`,
          }),
        );
    }
    for (const cls of classes)
      out.push(
        rpoCheck(
          cls,
          workloads.filter((w) => w.backupClass === cls.id),
          maxRpo,
        ),
      );
    if (classes.length > 0) out.push(...configurationChecks(room, classes));
    return out;
  },
});

function rpoCheck(cls: BackupClassObject, mine: WorkloadObject[], maxRpo: (c: Criticality) => number): Check {
  if (mine.length === 0)
    return check("declared", "not-applicable", cls, {
      findingId: "rpo",
      observed: `no workload uses backup class ${cls.id}`,
      expected: "workloads in the class",
      message: `Backup class ${cls.id} protects no workload, so there is no RPO to meet.`,
    });
  const strictest = CRITICALITIES.find((c) => mine.some((w) => w.criticality === c)) ?? "low";
  const limit = maxRpo(strictest);
  const driving = mine.filter((w) => w.criticality === strictest).map((w) => w.id);
  const shown = driving.length > 3 ? `${driving.slice(0, 3).join(", ")} and ${driving.length - 3} more` : driving.join(", ");
  const ok = typeof cls.rpoHours === "number" && cls.rpoHours <= limit;
  return check("declared", ok ? "pass" : "fail", cls, {
    findingId: "rpo",
    observed: `RPO ${typeof cls.rpoHours === "number" ? `${num(cls.rpoHours)} h` : "not declared"}; ${mine.length} workload${mine.length === 1 ? "" : "s"}, the most critical ${strictest} (${shown})`,
    expected: `<= ${num(limit)} h (the RPO ${strictest} workloads need)`,
    message: ok
      ? `Backup class ${cls.id} (RPO ${num(cls.rpoHours)} h) meets the ${num(limit)} h its ${strictest} workloads need.`
      : `Backup class ${cls.id} has an RPO of ${String(cls.rpoHours)} h, longer than the ${num(limit)} h its ${strictest} workloads need.`,
  });
}

function configurationChecks(room: Room, classes: readonly BackupClassObject[]): Check[] {
  const declared = classes.some((c) => Array.isArray(c.configurations));
  // One address per configuration whatever the outcome: the backup room (else the first class), with the classes that include it.
  const anchor: FindingTarget = room.facility("backup-room")[0] ?? classes[0];
  return CONFIGURATIONS.filter((cfg) => cfg.present(room)).map((cfg) => {
    const findingId = `config-${cfg.id}`;
    if (!declared)
      return check("declared", "not-evaluable", anchor, {
        findingId,
        observed: "no backup class declares the configuration backups it includes (configurations)",
        expected: `a backup class including ${cfg.id}`,
        message: `Whether the ${cfg.what} is backed up is not declared.`,
      });
    const by = classes.filter((c) => c.configurations?.includes(cfg.id));
    return check("declared", by.length > 0 ? "pass" : "fail", [anchor, ...by.filter((c) => (c as FindingTarget) !== anchor)], {
      findingId,
      observed:
        by.length > 0
          ? `${cfg.what} in backup class ${by.map((c) => `${c.id} (RPO ${num(c.rpoHours)} h)`).join(", ")}`
          : `no backup class includes the ${cfg.what}`,
      expected: `a backup class including ${cfg.id}`,
      message: by.length > 0 ? `The ${cfg.what} is backed up.` : `The ${cfg.what} is in no backup class.`,
    });
  });
}
