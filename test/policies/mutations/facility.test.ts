import { findingRef } from "../../../policies/report/summary";
import type { StackDocument } from "../../../policies/engine/terraform-input";
import { facilityRules } from "../../../policies/rules/facility";
import { evaluateDocs, exampleDocs, expectMutationFails, facilityInput } from "../example-output";

const docs = exampleDocs();
const baseline = evaluateDocs(docs, facilityRules);
const key = findingRef;

describe("facility rules over the unmutated examples", () => {
  test("no facility finding fails, errs or is not evaluable, and every rule checked both sites", () => {
    expect(
      baseline
        .filter((f) => f.outcome === "fail" || f.outcome === "error" || f.outcome === "not-evaluable")
        .map((f) => `${f.rule} ${f.site} ${key(f)}: ${f.observed}`),
    ).toEqual([]);
    for (const rule of facilityRules)
      for (const site of ["fjordvik", "kvistrup"])
        expect(baseline.filter((f) => f.rule === rule.meta.id && f.site === site && f.outcome !== "not-applicable").length).toBeGreaterThan(
          0,
        );
  });
  test("service records are attested, never passed", () => {
    const maint = baseline.filter((f) => f.rule === "PHY-MAINT");
    expect(maint.length).toBeGreaterThanOrEqual(20);
    expect(new Set(maint.map((f) => f.outcome))).toEqual(new Set(["attested"]));
  });
});

/** [rule, one-line mutation of the synthesized output, site, address#findingId that must fail] */
const MUTATIONS: [string, (d: StackDocument[]) => void, string, string][] = [
  // serverrum-b: 8 + 1 kW minus the largest = 1 kW, below its 1.2 kW of declared draw.
  [
    "RED-COOL-N1",
    (d) => (facilityInput(d, "kvistrup", "cooling", "backup-crac2").kw = 1),
    "kvistrup",
    "terraform_data.room_serverrum-b#capacity",
  ],
  // serverrom-a's three units on path A (crac2 through UPS ups-a, whose board is board-a): losing board-a leaves nothing.
  [
    "RED-COOL-N1",
    (d) => (facilityInput(d, "fjordvik", "cooling", "crac2").feed = "ups-a"),
    "fjordvik",
    "terraform_data.room_serverrom-a#feeds",
  ],
  [
    "RED-COOL-N1",
    (d) => (facilityInput(d, "kvistrup", "cooling", "crac1").feed = "board-x"),
    "kvistrup",
    "terraform_data.cooling_crac1#feed",
  ],
  [
    "ENV-THERMAL-ALARM",
    (d) => (facilityInput(d, "fjordvik", "sensor", "a03-inlet").rackId = "a02"),
    "fjordvik",
    "terraform_data.rack_a03#inlet-sensors",
  ],
  [
    "ENV-THERMAL-ALARM",
    (d) => (facilityInput(d, "kvistrup", "sensor", "r02-inlet").lowCritical = 17),
    "kvistrup",
    "terraform_data.sensor_r02-inlet#paging",
  ],
  [
    "ENV-THERMAL-ALARM",
    (d) => (facilityInput(d, "fjordvik", "sensor", "a01-inlet").highCritical = 35),
    "fjordvik",
    "terraform_data.sensor_a01-inlet#thresholds",
  ],
  [
    "ENV-THERMAL-ALARM",
    (d) => (facilityInput(d, "kvistrup", "alarm-route", "vagt").severities = ["critical", "warning"]),
    "kvistrup",
    "terraform_data.alarm-route_vagt#night-pages",
  ],
  [
    "ENV-THERMAL-ALARM",
    (d) => ((facilityInput(d, "fjordvik", "sensor", "backuprom-water").routes as Record<string, unknown>).highCritical = null),
    "fjordvik",
    "terraform_data.sensor_backuprom-water#route",
  ],
  [
    "PHY-FIRE-SEP",
    (d) => (facilityInput(d, "kvistrup", "room", "serverrum-b").fireCell = "BC-A2"),
    "kvistrup",
    "terraform_data.room_serverrum-b#fire-cell",
  ],
  [
    "PHY-FIRE-SEP",
    (d) => (facilityInput(d, "fjordvik", "room", "backuprom").epoZone = "EPO-A"),
    "fjordvik",
    "terraform_data.room_backuprom#epo-zone",
  ],
  [
    "PHY-FIRE-SEP",
    (d) => (facilityInput(d, "fjordvik", "pdu", "b01-pdu-a").upsId = "ups-a"),
    "fjordvik",
    "terraform_data.room_backuprom#power",
  ],
  // The repository bkp02 moved into a rack of the server room: the backup room's fire cell no longer covers it.
  [
    "PHY-FIRE-SEP",
    (d) => (facilityInput(d, "fjordvik", "device", "bkp02").rackId = "a01"),
    "fjordvik",
    "terraform_data.room_backuprom#repositories",
  ],
  [
    "PHY-FIRE-SEP",
    (d) => delete facilityInput(d, "kvistrup", "room", "serverrum-a").fireSuppression,
    "kvistrup",
    "terraform_data.room_serverrum-a#fire-suppression",
  ],
  [
    "PHY-OFFSITE",
    (d) => (facilityInput(d, "fjordvik", "backup-copy", "platinum-offsite").offsiteKm = null),
    "fjordvik",
    "terraform_data.backup-copy_platinum-offsite#distance",
  ],
  [
    "PHY-OFFSITE",
    (d) => (facilityInput(d, "kvistrup", "backup-copy", "gold-offsite").offsiteSite = null),
    "kvistrup",
    "terraform_data.backup-class_gold#offsite",
  ],
  [
    "PHY-ACCESS",
    (d) => (facilityInput(d, "fjordvik", "room", "backuprom").protectionClass = 2),
    "fjordvik",
    "terraform_data.room_backuprom#protection-class",
  ],
  [
    "PHY-ACCESS",
    (d) => (facilityInput(d, "kvistrup", "room", "serverrum-a").liquidPipesAboveIt = true),
    "kvistrup",
    "terraform_data.room_serverrum-a#liquid-pipes",
  ],
  [
    "PHY-ACCESS",
    (d) => delete facilityInput(d, "kvistrup", "room", "serverrum-b").intrusionAlarm,
    "kvistrup",
    "terraform_data.room_serverrum-b#intrusion-alarm",
  ],
  [
    "PHY-ACCESS",
    (d) => (facilityInput(d, "fjordvik", "room", "serverrom-a").accessLogged = false),
    "fjordvik",
    "terraform_data.room_serverrom-a#access-log",
  ],
  [
    "PHY-MAINT",
    (d) => (facilityInput(d, "fjordvik", "evidence", "svc-gen2-2026-06").about = "gen9"),
    "fjordvik",
    "terraform_data.generator_gen2#service",
  ],
  [
    "PHY-MAINT",
    (d) => (facilityInput(d, "kvistrup", "evidence", "svc-crac2-2026-09").date = "2025-09-15"),
    "kvistrup",
    "terraform_data.cooling_crac2#service",
  ],
  [
    "PHY-MAINT",
    (d) => (facilityInput(d, "kvistrup", "evidence", "svc-fire-serverrum-b-2026-03").result = "fail"),
    "kvistrup",
    "terraform_data.room_serverrum-b#fire-suppression",
  ],
];

describe("a one-line mutation of the example output turns a facility pass into a failure", () => {
  test.each(MUTATIONS.map(([rule, mutate, site, target]) => [rule, site, target, mutate] as const))(
    "%s in %s: %s",
    // A broken join (a cooling unit's feed) was not there to err before, and errs now.
    (rule, site, target, mutate) =>
      expectMutationFails(facilityRules, { rule, site, target, mutate, outcome: target.endsWith("#feed") ? "error" : "fail" }),
  );
});
