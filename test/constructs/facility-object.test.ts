import { DataResource, Testing } from "cdktf";
import { Construct } from "constructs";
import { FacilityObject, sourcedFields } from "../../constructs/facility-object";
import { resources } from "./fixtures";

const terraformData = (synthesized: string) => resources(synthesized, DataResource.tfResourceType);

describe("FacilityObject", () => {
  test("a facility object is terraform_data.<kind>_<id> with kind, id and site in its input", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(scope, "tiny", "pdu", "r1-pdu-a", { rackId: "r1", upsId: "ups-a", path: "A", capacityKw: 7.4 });
    });
    expect(terraformData(json)).toEqual({
      "pdu_r1-pdu-a": { input: { kind: "pdu", id: "r1-pdu-a", site: "tiny", rackId: "r1", upsId: "ups-a", path: "A", capacityKw: 7.4 } },
    });
  });

  test("facility objects keep references as plain ids, never Terraform references", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(scope, "tiny", "ups", "ups-a", { path: "A", roomId: "room-a", boardId: "board-a", modules: [], runtimeMin: 10 });
      new FacilityObject(scope, "tiny", "pdu", "r1-pdu-a", { upsId: "ups-a", rackId: "no-such-rack", path: "A", capacityKw: 7.4 });
    });
    const pdu = terraformData(json)["pdu_r1-pdu-a"];
    expect(pdu.input).toMatchObject({ upsId: "ups-a", rackId: "no-such-rack" });
    expect(JSON.stringify(pdu)).not.toContain("${");
    expect(pdu).not.toHaveProperty("depends_on");
  });

  test("undefined fields are left out; null is kept (an explicit unknown the rules can see)", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(scope, "tiny", "pdu", "r1-pdu-a", { rackId: "r1", upsId: "no-such-ups", path: null, capacityKw: 7.4 });
      new FacilityObject(scope, "tiny", "lun", "naa.1", {
        arrayId: "array-1",
        sizeGb: 100,
        ownerControllerId: undefined,
        datastore: undefined,
      });
    });
    const lun = terraformData(json)["lun_naa_1"].input;
    expect(lun).not.toHaveProperty("datastore");
    expect(lun).not.toHaveProperty("ownerControllerId");
    expect(terraformData(json)["pdu_r1-pdu-a"].input.path).toBeNull();
  });

  test("the address never depends on where in the construct tree the object is", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(new Construct(new Construct(scope, "deep"), "deeper"), "tiny", "room", "room-a", { roomType: "primary" });
    });
    expect(Object.keys(terraformData(json))).toEqual(["room_room-a"]);
  });

  test("fields are typed by kind (contracts/facility-objects.ts): tsc refuses a wrong one", () => {
    const json = Testing.synthScope((scope) => {
      const room = { roomType: "primary" } as const;
      new FacilityObject(scope, "tiny", "room", "ok", room);
      // @ts-expect-error a number field given as text
      new FacilityObject(scope, "tiny", "rack", "r1", { roomId: "room-a", designKw: "7" });
      // @ts-expect-error a required field missing
      new FacilityObject(scope, "tiny", "board", "b1", { path: "A", roomId: "room-a" });
      // @ts-expect-error a value outside the enum
      new FacilityObject(scope, "tiny", "board", "b2", { path: "C", roomId: "room-a", capacityKw: 60 });
      // @ts-expect-error a field the kind does not have
      new FacilityObject(scope, "tiny", "room", "r2", { ...room, designKw: 7 });
      // @ts-expect-error kind, id and site are the construct's own arguments
      new FacilityObject(scope, "tiny", "room", "r3", { ...room, site: "other" });
      // @ts-expect-error no such kind
      new FacilityObject(scope, "tiny", "switch", "sw1", room);
      // @ts-expect-error nested shapes are typed too
      new FacilityObject(scope, "tiny", "ups", "u1", { path: "A", roomId: "a", boardId: "b", modules: [{ kw: "10" }], runtimeMin: 5 });
    });
    // At run time the construct writes what it is given; the engine's guard reports it (test/contracts/facility-guard.test.ts).
    expect(Object.keys(terraformData(json))).toContain("room_ok");
  });

  describe("sourcedFields", () => {
    const own = { document: "UPS report 2026", verified: "2026-10-01" };
    const fallback = { document: "room drawing E-100", verified: "2026-09-01" };

    test("a fact's own source wins over the facility's default", () => {
      expect(sourcedFields(fallback, own)).toEqual({ source: own });
    });

    test("no own source: the facility's default", () => {
      expect(sourcedFields(fallback)).toEqual({ source: fallback });
    });

    test("neither: no source field at all", () => {
      expect(sourcedFields(undefined)).toEqual({});
    });
  });
});
