import type { StackDocument } from "../../../policies/engine/terraform-input";
import { backupRules } from "../../../policies/rules/backup";
import { blockOf, evaluateDocs, exampleDocs, expectMutationFails, facilityInput } from "../example-output";

const docs = exampleDocs();
const baseline = evaluateDocs(docs, backupRules);

describe("backup rules over the unmutated examples", () => {
  test("no backup finding fails or errs, and every rule checked something", () => {
    expect(
      baseline.filter((f) => f.outcome === "fail" || f.outcome === "error").map((f) => `${f.rule} ${f.address}: ${f.observed}`),
    ).toEqual([]);
    for (const rule of backupRules)
      expect(baseline.filter((f) => f.rule === rule.meta.id && f.site === "fjordvik").length).toBeGreaterThan(0);
  });
  test("restore tests are attested, never passed; the configuration backups are checked, not left not-evaluable", () => {
    expect(baseline.filter((f) => f.rule === "BKP-RESTORE-TEST").map((f) => f.outcome)).toEqual(Array(8).fill("attested"));
    expect(baseline.filter((f) => f.outcome === "not-evaluable")).toEqual([]);
  });
});

/** [rule, one-line mutation, site, address (and finding id) that must fail] */
const MUTATIONS: [string, (d: StackDocument[]) => void, string, string][] = [
  [
    "BKP-3-2-1",
    (d) => (facilityInput(d, "fjordvik", "backup-copy", "gold-offsite").media = "disk"),
    "fjordvik",
    "terraform_data.backup-class_gold",
  ],
  [
    "BKP-3-2-1",
    (d) => (facilityInput(d, "kvistrup", "backup-copy", "silver-offsite").classId = "gold"),
    "kvistrup",
    "terraform_data.backup-class_silver",
  ],
  [
    "BKP-IMMUTABLE",
    (d) => (facilityInput(d, "kvistrup", "backup-class", "silver").retentionDays = 7),
    "kvistrup",
    "terraform_data.backup-class_silver",
  ],
  [
    "BKP-IMMUTABLE",
    (d) => (facilityInput(d, "fjordvik", "backup-class", "gold").retentionDays = 29),
    "fjordvik",
    "terraform_data.backup-class_gold",
  ],
  [
    "BKP-RESTORE-TEST",
    (d) => (facilityInput(d, "fjordvik", "restore-test", "rt-gold-2026-09").result = "fail"),
    "fjordvik",
    "terraform_data.backup-class_gold",
  ],
  [
    "BKP-RESTORE-TEST",
    (d) => (facilityInput(d, "kvistrup", "restore-test", "rt-platinum-2026-09").nextDue = "2026-11-01"),
    "kvistrup",
    "terraform_data.backup-class_platinum",
  ],
  [
    "BKP-RPO-CFG",
    (d) => (facilityInput(d, "fjordvik", "backup-class", "platinum").rpoHours = 4),
    "fjordvik",
    "terraform_data.backup-class_platinum#rpo",
  ],
  [
    "BKP-RPO-CFG",
    (d) => (facilityInput(d, "kvistrup", "backup-class", "gold").configurations = ["vcenter", "iac-state"]),
    "kvistrup",
    "terraform_data.backup-room_serverrum-b#config-fortigate",
  ],
  [
    "BKP-VM-SELECTED",
    (d) => {
      const vm = blockOf(d, "fjordvik-fjordvik", "vsphere_virtual_machine", "fjv-adfs01");
      vm.tags = (vm.tags as string[]).filter((t) => !t.includes("backup-class"));
    },
    "fjordvik",
    "vsphere_virtual_machine.fjv-adfs01",
  ],
  [
    "BKP-VM-SELECTED",
    (d) => (facilityInput(d, "fjordvik", "workload", "fjordvik-adfs").backupClass = "platinum"),
    "fjordvik",
    "vsphere_virtual_machine.fjv-adfs01",
  ],
];

describe("one-line mutations of the example output turn a backup pass into a fail", () => {
  test.each(MUTATIONS)("%s: mutation %# fails it", (rule, mutate, site, target) =>
    expectMutationFails(backupRules, { rule, site, target, mutate }),
  );
});
