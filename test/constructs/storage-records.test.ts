import { DataResource, TerraformStack, Testing } from "cdktf";
import { addStorageRecords, type StorageRecordsProps } from "../../constructs/storage-records";
import { LUN1, LUN2, SITE, resources, san, storagePolicies } from "./fixtures";

const props = (extra: Partial<StorageRecordsProps> = {}): StorageRecordsProps => ({
  siteName: SITE,
  san: san(),
  keyProviders: [{ id: "nkp", kind: "native", redundant: true, description: "native key provider, backup exported" }],
  storagePolicies: storagePolicies(),
  ...extra,
});

const synth = (extra: Partial<StorageRecordsProps> = {}) => {
  const json = Testing.synthScope((scope) => addStorageRecords(scope, props(extra)));
  return Object.fromEntries(
    Object.entries(resources(json, DataResource.tfResourceType)).map(([k, v]) => [k, v.input as Record<string, unknown>]),
  );
};

describe("addStorageRecords", () => {
  const objects = synth();

  test("each LUN records its array, size, owning controller and the datastore on it", () => {
    expect(objects[`lun_${LUN1.replace(".", "_")}`]).toEqual({
      kind: "lun",
      id: LUN1,
      site: SITE,
      arrayId: "san1",
      sizeGb: 4096,
      ownerControllerId: "san1-a",
      datastore: "ds01",
    });
    expect(objects[`lun_${LUN2.replace(".", "_")}`]).toMatchObject({ ownerControllerId: "san1-b", datastore: "ds02" });
  });

  test("a LUN with no datastore records none", () => {
    const base = san();
    const objects = synth({ san: san({ luns: [...base.luns, { naa: "naa.3", sizeGb: 100 }] }) });
    expect(objects.lun_naa_3).not.toHaveProperty("datastore");
    expect(objects.lun_naa_3).not.toHaveProperty("ownerControllerId");
  });

  test("key providers record their kind and redundancy", () => {
    expect(objects["key-provider_nkp"]).toMatchObject({ providerKind: "native", redundant: true });
  });

  test("storage policies record encryption and their key provider (null when none), joined by vCenter name", () => {
    expect(objects["storage-policy_encrypted"]).toMatchObject({ name: "VM Encryption Policy", encryption: true, keyProviderId: "nkp" });
    expect(objects["storage-policy_standard"]).toMatchObject({
      name: "vSAN Default Storage Policy",
      encryption: false,
      keyProviderId: null,
    });
  });

  test("records are added directly to the scope (the facility stack), addressed by kind and id", () => {
    const stack = new TerraformStack(Testing.app(), "facility");
    addStorageRecords(stack, props());
    expect(stack.node.children.map((c) => c.node.id).sort()).toEqual(
      [
        "key-provider_nkp",
        `lun_${LUN1.replace(".", "_")}`,
        `lun_${LUN2.replace(".", "_")}`,
        "storage-policy_encrypted",
        "storage-policy_standard",
      ].sort(),
    );
    expect(Object.keys(objects).sort()).toEqual(stack.node.children.map((c) => c.node.id).sort());
  });
});
