import type { Finding } from "../../../policies/engine/rule";
import { DeviceSuppliesUseBothPaths } from "../../../policies/rules/power/DeviceSuppliesUseBothPaths";
import { GeneratorIsNoSinglePointOfFailure } from "../../../policies/rules/power/GeneratorIsNoSinglePointOfFailure";
import { OnePathCarriesTheFullLoad } from "../../../policies/rules/power/OnePathCarriesTheFullLoad";
import { RackHasTwoPowerPaths } from "../../../policies/rules/power/RackHasTwoPowerPaths";
import { UpsBridgesToTheGenerator } from "../../../policies/rules/power/UpsBridgesToTheGenerator";
import { UpsSurvivesLosingItsLargestModule } from "../../../policies/rules/power/UpsSurvivesLosingItsLargestModule";
import { powerRules } from "../../../policies/rules/power";
import { findingAt, findingsOf, RoomBuilder } from "../room-builder";

/**
 * One room, two paths: boards ba (A) and bb (B), UPS ua on ba and ub on bb, generator g1 (ATS x1) on
 * both boards, rack k1 (design 10 kW) with PDU pa on ua and pb on ub, one device d1 drawing 2 x 3 kW.
 */
function twoPathRoom(modulesA: number[] = [4, 4, 4]): RoomBuilder {
  return new RoomBuilder()
    .facility("room", { id: "r1", roomType: "primary", epoZone: "E1" })
    .facility("rack", { id: "k1", roomId: "r1", designKw: 10 })
    .facility("board", { id: "ba", path: "A", roomId: "r1", capacityKw: 20 })
    .facility("board", { id: "bb", path: "B", roomId: "r1", capacityKw: 20 })
    .facility("generator", { id: "g1", kw: 50, fuelHours: 48, atsId: "x1", feeds: ["ba", "bb"] })
    .facility("ups", {
      id: "ua",
      path: "A",
      roomId: "r1",
      boardId: "ba",
      runtimeMin: 30,
      modules: modulesA.map((kw) => ({ kw, status: "ok" })),
    })
    .facility("ups", {
      id: "ub",
      path: "B",
      roomId: "r1",
      boardId: "bb",
      runtimeMin: 30,
      modules: [
        { kw: 10, status: "ok" },
        { kw: 10, status: "ok" },
      ],
    })
    .facility("pdu", { id: "pa", rackId: "k1", upsId: "ua", path: "A", capacityKw: 11 })
    .facility("pdu", { id: "pb", rackId: "k1", upsId: "ub", path: "B", capacityKw: 11 })
    .facility("device", {
      id: "d1",
      role: "other",
      rackId: "k1",
      links: [],
      psus: [
        { pduId: "pa", watts: 3000 },
        { pduId: "pb", watts: 3000 },
      ],
    });
}

/** Terraform with no facility objects at all (foreign input). */
const foreign = () => new RoomBuilder().resource("vsphere", "vsphere_datacenter", "dc", { name: "dc" });

const one = (findings: Finding[], address: string, findingId?: string): Finding =>
  findingAt(findings, findingId ? `${address}#${findingId}` : address);

describe("every power rule reports foreign input without facility objects as one not-evaluable finding", () => {
  test.each(powerRules.map((r) => [r.meta.id, r] as const))("%s", (_id, rule) => {
    const findings = findingsOf(rule, foreign());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      outcome: "not-evaluable",
      observed: "no facility objects in the input",
      address: "site.(no site)",
    });
  });
});

describe("RED-PWR-2N-RACK RackHasTwoPowerPaths", () => {
  test("passes with a PDU on each path behind disjoint UPS and boards; a shared EPO zone is only an observation", () => {
    const f = one(findingsOf(RackHasTwoPowerPaths, twoPathRoom()), "terraform_data.rack_k1");
    expect(f).toMatchObject({
      outcome: "pass",
      evidence: "declared",
      addresses: ["terraform_data.rack_k1", "terraform_data.pdu_pa", "terraform_data.pdu_pb"],
    });
    expect(f.observed).toBe(
      "2 PDUs: path A pa (ua, ba), path B pb (ub, bb); UPS and boards disjoint; observation: both paths' boards in EPO zone E1 (the rack's room: an EPO press there is meant to cut the rack)",
    );
  });
  test("fails when both PDUs hang on the same UPS", () => {
    const b = twoPathRoom().editFacility("pdu", "pb", (i) => (i.upsId = "ua"));
    const f = one(findingsOf(RackHasTwoPowerPaths, b), "terraform_data.rack_k1");
    expect(f.outcome).toBe("fail");
    expect(f.observed).toBe("no PDU on path B: path A pa (ua, ba) and pb (ua, ba), path B none");
  });
  test("fails when the two paths' UPS stand on one board", () => {
    const b = twoPathRoom().editFacility("ups", "ub", (i) => (i.boardId = "ba"));
    const f = one(findingsOf(RackHasTwoPowerPaths, b), "terraform_data.rack_k1");
    expect(f.outcome).toBe("fail");
    expect(f.observed).toMatch(/^board ba on both paths and UPS ub \(path B\) stands on board ba of path A: /);
  });
  test("fails with a single PDU", () => {
    const b = twoPathRoom().editFacility("pdu", "pb", (v) => (v.rackId = "elsewhere"));
    const f = one(findingsOf(RackHasTwoPowerPaths, b), "terraform_data.rack_k1");
    expect(f.outcome).toBe("fail");
    expect(f.observed).toMatch(/^1 PDU and no PDU on path B: path A pa \(ua, ba\), path B none/);
  });
  test("an empty rack is not applicable", () => {
    const b = twoPathRoom().facility("rack", { id: "k2", roomId: "r1", designKw: 5 });
    expect(one(findingsOf(RackHasTwoPowerPaths, b), "terraform_data.rack_k2")).toMatchObject({
      outcome: "not-applicable",
      observed: "no PDU and no device in the rack",
    });
  });
  test("a PDU on an undeclared UPS is an error, never a pass", () => {
    const b = twoPathRoom().editFacility("pdu", "pb", (i) => (i.upsId = "gone"));
    expect(one(findingsOf(RackHasTwoPowerPaths, b), "terraform_data.rack_k1")).toMatchObject({
      outcome: "error",
      observed: "PDU pb names UPS gone, which the site does not declare",
    });
  });
});

describe("RED-PWR-PSU-SPLIT DeviceSuppliesUseBothPaths", () => {
  test("passes with one supply on each path", () => {
    expect(one(findingsOf(DeviceSuppliesUseBothPaths, twoPathRoom()), "terraform_data.device_d1")).toMatchObject({
      outcome: "pass",
      observed: "2 supplies drawing 6000 W: psu-1 pa (path A, 3000 W), psu-2 pb (path B, 3000 W)",
    });
  });
  test("fails with both supplies on the same path", () => {
    const b = twoPathRoom().editFacility("device", "d1", (v) => {
      (v.psus as { pduId: string }[])[1].pduId = "pa";
    });
    expect(one(findingsOf(DeviceSuppliesUseBothPaths, b), "terraform_data.device_d1")).toMatchObject({
      outcome: "fail",
      observed: "2 supplies drawing 6000 W: psu-1 pa (path A, 3000 W), psu-2 pa (path A, 3000 W); the wired supplies reach only path A",
    });
  });
  test("an unwired supply is a finding", () => {
    const b = twoPathRoom().editFacility("device", "d1", (v) => {
      (v.psus as { pduId: string | null }[])[1].pduId = null;
    });
    expect(one(findingsOf(DeviceSuppliesUseBothPaths, b), "terraform_data.device_d1")).toMatchObject({
      outcome: "fail",
      observed:
        "2 supplies drawing 6000 W: psu-1 pa (path A, 3000 W), psu-2 unwired (3000 W); psu-2 unwired and the wired supplies reach only path A",
    });
  });
  test("a single-supply device is a finding (no ATS in the vocabulary)", () => {
    const b = twoPathRoom().facility("device", { id: "d2", role: "other", rackId: "k1", links: [], psus: [{ pduId: "pb", watts: 200 }] });
    expect(one(findingsOf(DeviceSuppliesUseBothPaths, b), "terraform_data.device_d2")).toMatchObject({
      outcome: "fail",
      observed: "1 supply drawing 200 W: psu-1 pb (path B, 200 W); a single supply and no ATS",
    });
  });
  test("a device without supplies fails; a supply on an undeclared PDU is an error", () => {
    const b = twoPathRoom()
      .facility("device", { id: "d3", role: "other", rackId: "k1", links: [], psus: [] })
      .facility("device", { id: "d4", role: "other", rackId: "k1", links: [], psus: [{ pduId: "nope", watts: 10 }] });
    const findings = findingsOf(DeviceSuppliesUseBothPaths, b);
    expect(one(findings, "terraform_data.device_d3")).toMatchObject({ outcome: "fail", observed: "no supply declared" });
    expect(one(findings, "terraform_data.device_d4")).toMatchObject({
      outcome: "error",
      observed: "psu-1 names PDU nope, which the site does not declare",
    });
  });
  test("a room with facility objects but no devices has nothing to check", () => {
    expect(findingsOf(DeviceSuppliesUseBothPaths, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual([]);
  });
});

describe("RED-PWR-FEED-CAP OnePathCarriesTheFullLoad", () => {
  test("passes when each PDU, UPS and board alone carries the full draw; prints draw and design kW", () => {
    const findings = findingsOf(OnePathCarriesTheFullLoad, twoPathRoom());
    expect(one(findings, "terraform_data.rack_k1", "pa")).toMatchObject({
      outcome: "pass",
      observed: "pa (path A) alone carries 6 kW declared draw (rack k1: devices 6 kW declared draw, design 10 kW, 91 % of the PDU)",
      expected: "<= 0.8 x 11 kW = 8.8 kW",
      addresses: ["terraform_data.rack_k1", "terraform_data.pdu_pa"],
    });
    expect(one(findings, "terraform_data.ups_ub")).toMatchObject({
      outcome: "pass",
      observed: "path B load 6 kW declared draw (design kW of its racks 10 kW) on 2 x 10 kW in service = 20 kW",
      expected: "<= 1 x 20 kW = 20 kW",
    });
    expect(one(findings, "terraform_data.board_ba")).toMatchObject({
      outcome: "pass",
      observed: "path A load 6 kW declared draw through ua (design kW of its racks 10 kW)",
      expected: "<= 0.8 x 20 kW = 16 kW",
    });
  });
  test("fails a PDU whose rack draws more than the derated capacity, and honours the parameter", () => {
    const b = twoPathRoom().editFacility("pdu", "pa", (i) => (i.capacityKw = 7));
    const f = one(findingsOf(OnePathCarriesTheFullLoad, b), "terraform_data.rack_k1", "pa");
    expect(f).toMatchObject({ outcome: "fail", expected: "<= 0.8 x 7 kW = 5.6 kW" });
    expect(
      one(findingsOf(OnePathCarriesTheFullLoad, b, { "RED-PWR-FEED-CAP": { pduMaxUtilisation: 0.9 } }), "terraform_data.rack_k1", "pa"),
    ).toMatchObject({
      outcome: "pass",
      expected: "<= 0.9 x 7 kW = 6.3 kW",
    });
  });
  test("fails a UPS whose modules in service cannot take the path, and a board below the path load", () => {
    const b = twoPathRoom([4, 4, 4])
      .editFacility("ups", "ua", (i) => ((i.modules as { status: string }[])[0].status = "failed"))
      .editFacility("board", "bb", (i) => (i.capacityKw = 7));
    const findings = findingsOf(OnePathCarriesTheFullLoad, b);
    expect(one(findings, "terraform_data.ups_ua")).toMatchObject({
      outcome: "pass",
      observed: "path A load 6 kW declared draw (design kW of its racks 10 kW) on 2 x 4 kW in service = 8 kW",
    });
    const c = twoPathRoom([3, 2]).editFacility("board", "bb", (i) => (i.capacityKw = 7));
    const f2 = findingsOf(OnePathCarriesTheFullLoad, c);
    expect(one(f2, "terraform_data.ups_ua")).toMatchObject({ outcome: "fail", expected: "<= 1 x 5 kW = 5 kW" });
    expect(one(f2, "terraform_data.board_bb")).toMatchObject({ outcome: "fail", expected: "<= 0.8 x 7 kW = 5.6 kW" });
  });
  test("a rack with devices and no PDU fails; an empty rack, a UPS feeding nothing and a board without UPS are not applicable", () => {
    const b = twoPathRoom()
      .facility("rack", { id: "k2", roomId: "r1", designKw: 5 })
      .facility("rack", { id: "k3", roomId: "r1", designKw: 5 })
      .facility("device", { id: "d9", role: "other", rackId: "k3", links: [], psus: [{ pduId: "pa", watts: 100 }] })
      .facility("ups", { id: "uc", path: "A", roomId: "r1", boardId: "ba", runtimeMin: 30, modules: [{ kw: 5, status: "ok" }] })
      .facility("board", { id: "bc", path: "A", roomId: "r1", capacityKw: 10 });
    const findings = findingsOf(OnePathCarriesTheFullLoad, b);
    expect(one(findings, "terraform_data.rack_k2", "pdus")).toMatchObject({ outcome: "not-applicable" });
    expect(one(findings, "terraform_data.rack_k3", "pdus")).toMatchObject({
      outcome: "fail",
      observed: "no PDU carries the rack k3: devices 0.1 kW declared draw, design 5 kW",
    });
    expect(one(findings, "terraform_data.ups_uc")).toMatchObject({ outcome: "not-applicable", observed: "no PDU hangs on it" });
    expect(one(findings, "terraform_data.board_bc")).toMatchObject({ outcome: "not-applicable", observed: "no UPS stands on it" });
  });
  test("a PDU in an undeclared rack is an error", () => {
    const b = twoPathRoom().facility("pdu", { id: "px", rackId: "gone", upsId: "ua", path: "A", capacityKw: 5 });
    expect(one(findingsOf(OnePathCarriesTheFullLoad, b), "terraform_data.pdu_px")).toMatchObject({ outcome: "error" });
  });
});

describe("RED-UPS-N1 UpsSurvivesLosingItsLargestModule", () => {
  test("passes when the modules left after losing the largest carry the path's full load", () => {
    const a = one(findingsOf(UpsSurvivesLosingItsLargestModule, twoPathRoom([4, 4, 4])), "terraform_data.ups_ua");
    expect(a).toMatchObject({ outcome: "pass", stack: "s-facility", evidence: "declared" });
    expect(a.observed).toBe("3 x 4 kW in service minus the largest = 8 kW");
    expect(a.expected).toBe(">= path A load 6 kW (declared draw of the devices it feeds; design kW of its racks 10 kW)");
  });
  test("fails when losing the largest module leaves less than the load", () => {
    const a = one(findingsOf(UpsSurvivesLosingItsLargestModule, twoPathRoom([6, 4])), "terraform_data.ups_ua");
    expect(a.outcome).toBe("fail");
    expect(a.observed).toBe("6 + 4 kW in service minus the largest = 4 kW");
  });
  test("a module in repair does not count", () => {
    const room = twoPathRoom([4, 4, 4]).editFacility("ups", "ua", (i) => ((i.modules as { status: string }[])[0].status = "in-repair"));
    expect(one(findingsOf(UpsSurvivesLosingItsLargestModule, room), "terraform_data.ups_ua")).toMatchObject({
      outcome: "fail",
      observed: "2 x 4 kW in service minus the largest = 4 kW",
    });
  });
  test("a UPS feeding no PDU is not applicable; a room without UPS has nothing to check", () => {
    const b = twoPathRoom().facility("ups", {
      id: "uc",
      path: "A",
      roomId: "r1",
      boardId: "ba",
      runtimeMin: 30,
      modules: [{ kw: 5, status: "ok" }],
    });
    expect(one(findingsOf(UpsSurvivesLosingItsLargestModule, b), "terraform_data.ups_uc")).toMatchObject({ outcome: "not-applicable" });
    expect(findingsOf(UpsSurvivesLosingItsLargestModule, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual(
      [],
    );
  });
});

describe("RED-UPS-AUTONOMY UpsBridgesToTheGenerator", () => {
  test("passes a UPS that runs long enough and bridges to a generator with an ATS, and a generator with fuel and kW", () => {
    const findings = findingsOf(UpsBridgesToTheGenerator, twoPathRoom());
    expect(one(findings, "terraform_data.ups_ua")).toMatchObject({
      outcome: "pass",
      observed: "runtime 30 min at design load (declared; path A load 6 kW declared draw of 12 kW in service); board ba on g1 via ATS x1",
      expected: ">= 10 min, bridging to a generator through an ATS",
    });
    expect(one(findings, "terraform_data.generator_g1")).toMatchObject({
      outcome: "pass",
      observed:
        "48 h of fuel, ATS x1, 50 kW for board ba and bb: 6 kW declared draw behind them (design kW of their racks 10 kW; cooling not declared, not counted)",
    });
  });
  test("fails a short runtime, a board without generator, and a generator short of fuel, ATS or kW", () => {
    const b = twoPathRoom()
      .editFacility("ups", "ua", (i) => (i.runtimeMin = 8))
      .editFacility("generator", "g1", (i) => {
        i.feeds = ["ba"];
        i.fuelHours = 12;
        i.atsId = null;
        i.kw = 5;
      });
    const findings = findingsOf(UpsBridgesToTheGenerator, b);
    expect(one(findings, "terraform_data.ups_ua")).toMatchObject({ outcome: "fail" });
    expect(one(findings, "terraform_data.ups_ua").observed).toContain("runtime 8 min < 10 min and the generator of board ba has no ATS");
    expect(one(findings, "terraform_data.ups_ub").observed).toContain("board bb has no generator: the batteries bridge to nothing");
    expect(one(findings, "terraform_data.generator_g1")).toMatchObject({ outcome: "fail" });
    expect(one(findings, "terraform_data.generator_g1").observed).toContain("fuel for 12 h < 24 h, no ATS and 5 kW < the 6 kW it backs up");
  });
  test("a UPS over its modules in service fails: its runtime does not hold", () => {
    const f = one(findingsOf(UpsBridgesToTheGenerator, twoPathRoom([2, 2])), "terraform_data.ups_ua");
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("path load 6 kW above the 4 kW in service: the runtime does not hold");
  });
  test("a room without UPS or generators has nothing to check; a generator feeding an undeclared board is an error", () => {
    expect(findingsOf(UpsBridgesToTheGenerator, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual([]);
    const b = twoPathRoom().editFacility("generator", "g1", (i) => (i.feeds = ["ba", "gone"]));
    expect(one(findingsOf(UpsBridgesToTheGenerator, b), "terraform_data.generator_g1")).toMatchObject({ outcome: "error" });
  });
});

describe("RED-GEN GeneratorIsNoSinglePointOfFailure", () => {
  /** Two generators on disjoint boards, each with its own ATS. */
  const twoGenerators = () =>
    twoPathRoom()
      .editFacility("generator", "g1", (i) => (i.feeds = ["ba"]))
      .facility("generator", {
        id: "g2",
        kw: 50,
        fuelHours: 48,
        atsId: "x2",
        feeds: ["bb"],
      });

  test("passes N+1: two generators on disjoint boards, each carrying the full draw", () => {
    const f = one(findingsOf(GeneratorIsNoSinglePointOfFailure, twoGenerators()), "terraform_data.room_r1");
    expect(f).toMatchObject({
      outcome: "pass",
      addresses: ["terraform_data.room_r1", "terraform_data.generator_g1", "terraform_data.generator_g2"],
    });
    expect(f.observed).toBe(
      "N+1: g1 50 kW (ATS x1, feeds ba) and g2 50 kW (ATS x2, feeds bb); losing any one of generator g1, generator g2 leaves every device on a generator within its kW (g1 6 kW declared draw and g2 6 kW declared draw)",
    );
  });
  test("two generators behind one ATS are not N+1: the ATS is a failure domain of its own", () => {
    const b = twoGenerators().editFacility("generator", "g2", (i) => (i.atsId = "x1"));
    const f = one(findingsOf(GeneratorIsNoSinglePointOfFailure, b, { "RED-GEN": { redundantGenerators: true } }), "terraform_data.room_r1");
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("losing ATS x1: 1 device(s) without a generator (d1)");
  });
  test("a second generator too small for the load is not N+1", () => {
    const b = twoGenerators().editFacility("generator", "g2", (i) => (i.kw = 4));
    const f = one(findingsOf(GeneratorIsNoSinglePointOfFailure, b, { "RED-GEN": { redundantGenerators: true } }), "terraform_data.room_r1");
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("losing generator g1: g2 4 kW < 6 kW declared draw behind its boards");
  });
  test("one generator passes when every UPS bridges the restart window, and fails below it", () => {
    const pass = one(findingsOf(GeneratorIsNoSinglePointOfFailure, twoPathRoom()), "terraform_data.room_r1");
    expect(pass.outcome).toBe("pass");
    expect(pass.observed).toBe(
      "g1 50 kW (ATS x1, feeds ba and bb): not N+1 (losing generator g1: 1 device(s) without a generator (d1)); UPS runtime ua 30 min and ub 30 min (declared at design load) bridge a generator stop of 30 min; below Tier III (a generator failing for good during a long outage drops the room after 30 min, mains is the other source)",
    );
    const short = twoPathRoom().editFacility("ups", "ub", (i) => (i.runtimeMin = 15));
    const fail = one(findingsOf(GeneratorIsNoSinglePointOfFailure, short), "terraform_data.room_r1");
    expect(fail.outcome).toBe("fail");
    expect(fail.observed).toContain("UPS runtime ua 30 min and ub 15 min (declared at design load)");
    expect(fail.expected).toContain("or a UPS bridge >= restart window 30 min");
    expect(
      one(findingsOf(GeneratorIsNoSinglePointOfFailure, short, { "RED-GEN": { restartWindowMin: 15 } }), "terraform_data.room_r1").outcome,
    ).toBe("pass");
  });
  test("redundantGenerators makes a bridged single generator fail", () => {
    const f = one(
      findingsOf(GeneratorIsNoSinglePointOfFailure, twoPathRoom(), { "RED-GEN": { redundantGenerators: true } }),
      "terraform_data.room_r1",
    );
    expect(f.outcome).toBe("fail");
    expect(f.observed).toContain("redundant generators required");
  });
  test("a generator feeding only one path leaves the other on batteries: fail", () => {
    const b = twoPathRoom().editFacility("generator", "g1", (i) => (i.feeds = ["ba"]));
    expect(one(findingsOf(GeneratorIsNoSinglePointOfFailure, b), "terraform_data.room_r1")).toMatchObject({
      outcome: "fail",
      observed:
        "path B (board bb, ub) on no generator: on a mains outage it runs 30 min on batteries, then the room is on one path; generator g1 feeds ba",
    });
  });
  test("a room without generators fails; a room without UPS is not applicable; an undeclared board is an error", () => {
    const none = twoPathRoom().editFacility("generator", "g1", (v) => (v.feeds = []));
    expect(one(findingsOf(GeneratorIsNoSinglePointOfFailure, none), "terraform_data.room_r1")).toMatchObject({
      outcome: "fail",
      observed: "no generator feeds board ba and bb: on a mains outage the room goes dark after 30 min",
    });
    const b = twoPathRoom().facility("room", { id: "r2", roomType: "other" });
    expect(one(findingsOf(GeneratorIsNoSinglePointOfFailure, b), "terraform_data.room_r2")).toMatchObject({ outcome: "not-applicable" });
    const broken = twoPathRoom().editFacility("ups", "ua", (i) => (i.boardId = "gone"));
    expect(one(findingsOf(GeneratorIsNoSinglePointOfFailure, broken), "terraform_data.room_r1")).toMatchObject({ outcome: "error" });
  });
});
