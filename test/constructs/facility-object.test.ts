import { DataResource, Testing } from "cdktf";
import { Construct } from "constructs";
import { FacilityObject, sourcedFields } from "../../constructs/facility-object";
import { resources } from "./fixtures";

const terraformData = (synthesized: string) => resources(synthesized, DataResource.tfResourceType);

describe("FacilityObject", () => {
  test("a facility object is terraform_data.<kind>_<id> with kind, id and site in its input", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(scope, "tiny", "pdu", "r1-pdu-a", { rackId: "r1", capacityKw: 7.4 });
    });
    expect(terraformData(json)).toEqual({
      "pdu_r1-pdu-a": { input: { kind: "pdu", id: "r1-pdu-a", site: "tiny", rackId: "r1", capacityKw: 7.4 } },
    });
  });

  test("facility objects keep references as plain ids, never Terraform references", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(scope, "tiny", "ups", "ups-a", { boardId: "board-a" });
      new FacilityObject(scope, "tiny", "pdu", "r1-pdu-a", { upsId: "ups-a", rackId: "no-such-rack" });
    });
    const pdu = terraformData(json)["pdu_r1-pdu-a"];
    expect(pdu.input).toMatchObject({ upsId: "ups-a", rackId: "no-such-rack" });
    expect(JSON.stringify(pdu)).not.toContain("${");
    expect(pdu).not.toHaveProperty("depends_on");
  });

  test("undefined fields are left out; null is kept (an explicit unknown the rules can see)", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(scope, "tiny", "lun", "naa.1", { datastore: undefined, ownerControllerId: null });
    });
    const input = terraformData(json)["lun_naa_1"].input;
    expect(input).not.toHaveProperty("datastore");
    expect(input.ownerControllerId).toBeNull();
  });

  test("the address never depends on where in the construct tree the object is", () => {
    const json = Testing.synthScope((scope) => {
      new FacilityObject(new Construct(new Construct(scope, "deep"), "deeper"), "tiny", "room", "room-a", {});
    });
    expect(Object.keys(terraformData(json))).toEqual(["room_room-a"]);
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
