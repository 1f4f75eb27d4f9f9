import { UpsSurvivesLosingItsLargestModule } from "../../../policies/rules/power/UpsSurvivesLosingItsLargestModule";
import { findingsOf, RoomBuilder } from "../room-builder";

/** Two UPS on paths A and B feeding one rack with one dual-supply device drawing 2 x 3 kW. */
function twoPathRoom(modulesA: number[]): RoomBuilder {
  return new RoomBuilder()
    .facility("room", { id: "r1", roomType: "primary" })
    .facility("rack", { id: "k1", roomId: "r1", designKw: 10 })
    .facility("ups", {
      id: "ua",
      path: "A",
      roomId: "r1",
      boardId: "ba",
      runtimeMin: 15,
      modules: modulesA.map((kw) => ({ kw, status: "ok" })),
    })
    .facility("ups", {
      id: "ub",
      path: "B",
      roomId: "r1",
      boardId: "bb",
      runtimeMin: 15,
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

describe("RED-UPS-N1 UpsSurvivesLosingItsLargestModule", () => {
  test("passes when the modules left after losing the largest carry the path's full load", () => {
    const [a] = findingsOf(UpsSurvivesLosingItsLargestModule, twoPathRoom([4, 4, 4]));
    expect(a).toMatchObject({ outcome: "pass", address: "terraform_data.ups_ua", stack: "s-facility", evidence: "declared" });
    expect(a.observed).toBe("3 x 4 kW in service minus the largest = 8 kW");
    expect(a.expected).toBe(">= path A load 6 kW (declared draw of the devices it feeds)");
  });
  test("fails when losing the largest module leaves less than the load", () => {
    const [a] = findingsOf(UpsSurvivesLosingItsLargestModule, twoPathRoom([6, 4]));
    expect(a.outcome).toBe("fail");
    expect(a.observed).toBe("6 + 4 kW in service minus the largest = 4 kW");
  });
  test("a module in repair does not count", () => {
    const room = twoPathRoom([4, 4, 4]).edit("facility", "terraform_data", "ups_ua", (v) => {
      (v.input as { modules: { status: string }[] }).modules[0].status = "in-repair";
    });
    expect(findingsOf(UpsSurvivesLosingItsLargestModule, room)[0]).toMatchObject({
      outcome: "fail",
      observed: "2 x 4 kW in service minus the largest = 4 kW",
    });
  });
  test("a room without UPS has nothing for it to check", () => {
    expect(findingsOf(UpsSurvivesLosingItsLargestModule, new RoomBuilder().facility("room", { id: "r1", roomType: "primary" }))).toEqual(
      [],
    );
  });
});
