import type { StackDocument } from "../../../policies/engine/terraform-input";
import { powerRules } from "../../../policies/rules/power";
import { evaluateDocs, exampleDocs, expectMutationFails, facilityInput } from "../example-output";

const docs = exampleDocs();
const baseline = evaluateDocs(docs, powerRules);

type Psus = { pduId: string | null }[];
type Modules = { status: string }[];

describe("power rules over the unmutated examples", () => {
  test("no power finding fails or errs, none is left not-evaluable, and every rule checked something in both sites", () => {
    expect(
      baseline.filter((f) => f.outcome === "fail" || f.outcome === "error").map((f) => `${f.rule} ${f.address}: ${f.observed}`),
    ).toEqual([]);
    expect(baseline.filter((f) => f.outcome === "not-evaluable")).toEqual([]);
    for (const rule of powerRules)
      for (const site of ["fjordvik", "kvistrup"])
        expect(baseline.filter((f) => f.rule === rule.meta.id && f.site === site && f.outcome === "pass").length).toBeGreaterThan(0);
  });
  test("the backup rooms are checked like the primary rooms", () => {
    const backup = (rule: string) =>
      baseline.filter((f) => f.rule === rule && /backup|room_serverrum-b|rack_b0/.test(f.address)).map((f) => f.address);
    expect(backup("RED-GEN")).toEqual(expect.arrayContaining(["terraform_data.room_backuprom", "terraform_data.room_serverrum-b"]));
    expect(backup("RED-UPS-N1")).toEqual(expect.arrayContaining(["terraform_data.ups_backup-ups-a", "terraform_data.ups_backup-ups-b"]));
    expect(backup("RED-PWR-2N-RACK")).toEqual(expect.arrayContaining(["terraform_data.rack_b01", "terraform_data.rack_b02"]));
  });
});

/** [rule, what changes, the one-line mutation, site, address (#finding id) that must fail] */
const MUTATIONS: [string, string, (d: StackDocument[]) => void, string, string][] = [
  [
    "RED-PWR-2N-RACK",
    "PDU a03-pdu-b moved to ups-a",
    (d) => (facilityInput(d, "fjordvik", "pdu", "a03-pdu-b").upsId = "ups-a"),
    "fjordvik",
    "terraform_data.rack_a03",
  ],
  [
    "RED-PWR-2N-RACK",
    "backup-ups-b on backup-board-a",
    (d) => (facilityInput(d, "kvistrup", "ups", "backup-ups-b").boardId = "backup-board-a"),
    "kvistrup",
    "terraform_data.rack_b01",
  ],
  [
    "RED-PWR-PSU-SPLIT",
    "esx04's second supply on the A PDU",
    (d) => ((facilityInput(d, "fjordvik", "device", "esx04").psus as Psus)[1].pduId = "a03-pdu-a"),
    "fjordvik",
    "terraform_data.device_esx04",
  ],
  [
    "RED-PWR-PSU-SPLIT",
    "core2's first supply unwired",
    (d) => ((facilityInput(d, "kvistrup", "device", "core2").psus as Psus)[0].pduId = null),
    "kvistrup",
    "terraform_data.device_core2",
  ],
  [
    "RED-PWR-FEED-CAP",
    "a02-pdu-a 3.7 kW",
    (d) => (facilityInput(d, "fjordvik", "pdu", "a02-pdu-a").capacityKw = 3.7),
    "fjordvik",
    "terraform_data.rack_a02#a02-pdu-a",
  ],
  [
    "RED-PWR-FEED-CAP",
    "board-b 5 kW",
    (d) => (facilityInput(d, "kvistrup", "board", "board-b").capacityKw = 5),
    "kvistrup",
    "terraform_data.board_board-b",
  ],
  [
    "RED-UPS-N1",
    "a backup-ups-a module in repair",
    (d) => ((facilityInput(d, "fjordvik", "ups", "backup-ups-a").modules as Modules)[0].status = "in-repair"),
    "fjordvik",
    "terraform_data.ups_backup-ups-a",
  ],
  [
    "RED-UPS-AUTONOMY",
    "ups-b 5 min",
    (d) => (facilityInput(d, "fjordvik", "ups", "ups-b").runtimeMin = 5),
    "fjordvik",
    "terraform_data.ups_ups-b",
  ],
  [
    "RED-UPS-AUTONOMY",
    "gen1 12 h of fuel",
    (d) => (facilityInput(d, "kvistrup", "generator", "gen1").fuelHours = 12),
    "kvistrup",
    "terraform_data.generator_gen1",
  ],
  [
    "RED-GEN",
    "backup-ups-a 20 min",
    (d) => (facilityInput(d, "fjordvik", "ups", "backup-ups-a").runtimeMin = 20),
    "fjordvik",
    "terraform_data.room_backuprom",
  ],
  [
    "RED-GEN",
    "gen1 not on backup-board-b",
    (d) => (facilityInput(d, "kvistrup", "generator", "gen1").feeds = ["board-a", "board-b", "backup-board-a"]),
    "kvistrup",
    "terraform_data.room_serverrum-b",
  ],
];

describe("a one-line mutation of the example output turns each power rule's pass into a fail", () => {
  test("every power rule has a mutation", () => {
    expect(new Set(MUTATIONS.map(([rule]) => rule))).toEqual(new Set(powerRules.map((r) => r.meta.id)));
  });
  test.each(MUTATIONS.map(([rule, what, mutate, site, target]) => [rule, what, site, target, mutate] as const))(
    "%s: %s in %s fails %s",
    (rule, _what, site, target, mutate) => expectMutationFails(powerRules, { rule, site, target, mutate }),
  );
});
