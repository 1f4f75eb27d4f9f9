import { TAG_CATEGORIES } from "../../../contracts/tag-categories";
import { check, missingFacts } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001, NIS2, NSM_GRUNNPRINSIPPER } from "../../controls/references";

const CATEGORY = TAG_CATEGORIES.backupClass.name;

interface BackupTag {
  name: string;
  tag: TfObject;
}

/** The VM's tags in the backup-class category, or why they cannot be read. */
function backupTagsOf(room: Room, vm: TfObject): { tags: BackupTag[]; problems: string[] } | { unreadable: string } {
  const list = vm.values.tags;
  if (list === undefined) return { tags: [], problems: [] };
  if (!Array.isArray(list)) return { unreadable: `tags is ${JSON.stringify(list)}, not a list of tag references` };
  const tags: BackupTag[] = [];
  const problems: string[] = [];
  for (const t of list as unknown[]) {
    const ref = room.reference(vm, t);
    if (!ref.target) {
      problems.push(ref.problem);
      continue;
    }
    const tag = ref.target;
    const category = room.reference(tag, tag.values.category_id).target;
    if (!category || typeof category.values.name !== "string" || typeof tag.values.name !== "string") {
      problems.push(`tag ${tag.address} has no resolvable category and name`);
      continue;
    }
    if (category.values.name !== CATEGORY) continue;
    // A tag a tenant stack reads must be one the park creates, or the backup software finds no such tag.
    if (tag.mode === "data") {
      const core = room.joinData(tag);
      if (!core.target) {
        problems.push(core.problem);
        continue;
      }
    }
    tags.push({ name: tag.values.name, tag });
  }
  return { tags, problems };
}

/**
 * BKP-VM-SELECTED (not in CONTROLS.md §10; named after its catalogue neighbours): every managed VM
 * (`vsphere_virtual_machine`, active or retiring: a retiring VM still needs its final backup) carries
 * exactly one tag of the `backup-class` category, that tag joins a `backup-class` by its `tag`, and
 * the class agrees with the `backupClass` its workload declares. Backup software selects VMs by that
 * tag, so a VM without one is backed up by no job, and a VM with two is in two schedules. Config
 * evidence (the VM's tags), joined to the declared classes. A tag reference that does not resolve, a
 * tag a tenant stack reads but no stack creates, and a tag no class claims are error findings.
 * Unmanaged VMs (no `vsphere_virtual_machine`) are not checked: nothing here selects them.
 */
export const EveryVmIsInOneBackupClass = defineRule({
  meta: {
    id: "BKP-VM-SELECTED",
    name: "EveryVmIsInOneBackupClass",
    version: "1.0.0",
    area: "backup",
    title: "Every VM is selected by exactly one backup class tag",
    rationale:
      "Backup jobs select VMs by their backup-class tag: a VM without the tag is silently never backed up, and one whose tag matches no class is in no job.",
    remediation: "Give the VM's workload a backup class (or a criticality with a default class), so that the VM gets that class's tag.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    reach: "tenant",
    params: {},
    controls: [ISO27001("8.13"), NSM_GRUNNPRINSIPPER("2.9.1"), NIS2("Art. 21(2)(c)")],
  },
  check(room) {
    const vms = room.resources("vsphere_virtual_machine");
    if (vms.length === 0) return [];
    if (!room.hasFacility)
      return missingFacts(
        {
          observed: `${vms.length} VMs, no facility objects in the input`,
          expected: "backup-class objects whose tag the VMs carry",
          message: "The input declares no backup classes, so the VMs' backup tags cannot be joined to one.",
        },
        "config",
      );
    const workloadOf = new Map<string, { id: string; backupClass: string | null }>();
    // A look-up by VM name: the whole room's workloads, in a tenant's view too (Room.focus).
    for (const w of room.whole.facility("workload")) for (const name of w.vms) workloadOf.set(name, w);
    return vms.map((vm) => judge(room, vm, workloadOf));
  },
});

function judge(room: Room, vm: TfObject, workloadOf: Map<string, { id: string; backupClass: string | null }>): Check {
  const name = typeof vm.values.name === "string" ? vm.values.name : vm.name;
  const expected = `exactly 1 ${CATEGORY} tag, joining a backup-class${workloadOf.has(name) ? " (the workload's class)" : ""}`;
  const read = backupTagsOf(room, vm);
  if ("unreadable" in read)
    return check("config", "not-evaluable", vm, { observed: read.unreadable, expected, message: `The tags of VM ${name} cannot be read.` });
  if (read.problems.length > 0)
    return check("config", "error", vm, {
      observed: read.problems.join("; "),
      expected,
      message: `VM ${name} has tags that do not resolve, so its backup class cannot be told.`,
    });
  const names = read.tags.map((t) => t.name);
  if (names.length !== 1)
    return check("config", "fail", [vm, ...read.tags.map((t) => t.tag)], {
      observed: names.length === 0 ? `no ${CATEGORY} tag` : `${names.length} ${CATEGORY} tags (${names.join(", ")})`,
      expected,
      message: names.length === 0 ? `VM ${name} is selected by no backup job.` : `VM ${name} is in ${names.length} backup classes.`,
    });
  const [only] = read.tags;
  const classes = room.facility("backup-class").filter((c) => c.tag === only.name);
  if (classes.length !== 1)
    return check("config", "error", [vm, only.tag], {
      observed:
        classes.length === 0
          ? `tag ${only.name} joins no backup-class (tags: ${
              room
                .facility("backup-class")
                .map((c) => c.tag)
                .join(", ") || "none"
            })`
          : `tag ${only.name} is the tag of ${classes.length} backup classes (${classes.map((c) => c.id).join(", ")})`,
      expected,
      message: `The backup tag of VM ${name} does not join one backup class.`,
    });
  const [cls] = classes;
  const workload = workloadOf.get(name);
  const agrees = workload === undefined || workload.backupClass === cls.id;
  return check("config", agrees ? "pass" : "fail", [vm, cls], {
    observed:
      `tag ${only.name} -> backup class ${cls.id}` +
      (workload
        ? `; workload ${workload.id} declares ${workload.backupClass === null ? "no class" : `class ${workload.backupClass}`}`
        : ""),
    expected,
    message: agrees
      ? `VM ${name} is in backup class ${cls.id}.`
      : `VM ${name} is tagged for backup class ${cls.id}, but its workload ${workload.id} declares ${String(workload.backupClass)}.`,
  });
}
