import { evaluate } from "../../../../policies/engine/evaluate";
import { buildRooms } from "../../../../policies/engine/room";
import { SensitiveDataIsEncryptedAtRest } from "../../../../policies/rules/vsphere/SensitiveDataIsEncryptedAtRest";
import { TenantDataIsOnItsOwnDatastoreOrEncrypted } from "../../../../policies/rules/tenancy/TenantDataIsOnItsOwnDatastoreOrEncrypted";
import { AS_OF } from "../../../shared-synth";
import { blockOf, evaluateDocs, exampleDocs, expectMutationFails } from "../../example-output";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../../room-builder";
import { isolationRoom, tvm } from "./tenancy-room";

const RULE = TenantDataIsOnItsOwnDatastoreOrEncrypted;

/** ta's personal VM and tb's internal VM, both on datastore cluster dsc (ds1, ds2) unless a test moves them. */
const room = () =>
  isolationRoom([
    tvm("ta-vm1", "ta", { classification: "personal" }),
    tvm("tb-vm1", "tb"),
    tvm("ta-web1", "ta", { classification: "public" }),
  ]);

const onDatastore = (b: RoomBuilder, stack: string, vm: string, ds: string) =>
  b.edit(stack, "vsphere_virtual_machine", vm, (v) => {
    delete v.datastore_cluster_id;
    v.datastore_id = `\${data.vsphere_datastore.${ds}.id}`;
  });

const encrypt = (b: RoomBuilder, stack: string, vm: string) =>
  b.edit(stack, "vsphere_virtual_machine", vm, (v) => {
    v.storage_policy_id = "${data.vsphere_storage_policy.encrypted.id}";
    v.disk = [{ label: "disk0", size: 100, storage_policy_id: "${data.vsphere_storage_policy.encrypted.id}" }];
  });

const VM = "vsphere_virtual_machine.ta-vm1";

describe("TEN-DATA-STORE TenantDataIsOnItsOwnDatastoreOrEncrypted", () => {
  test("passes a tenant's personal data on a datastore only its VMs use, unencrypted", () => {
    const b = onDatastore(room(), "ta", "ta-vm1", "ds3");
    const f = findingAt(findingsOf(RULE, b), VM);
    expect(f).toMatchObject({ outcome: "pass", evidence: "config" });
    expect(f.observed).toBe("personal data of tenant ta; datastores ds3: used by no other tenant");
  });

  test("fails personal data on a datastore cluster another tenant's VM uses (through a member datastore), unencrypted", () => {
    const b = onDatastore(room(), "tb", "tb-vm1", "ds1");
    const f = findingAt(findingsOf(RULE, b), VM);
    expect(f).toMatchObject({ outcome: "fail", enforcement: "mandatory", stacks: ["s-ta", "s-vsphere"] });
    expect(f.observed).toMatch(/^personal data of tenant ta; datastores dsc, ds1, ds2: shared with tb; encryption: /);
  });

  test("passes shared storage when the VM and its disks are on the encryption policy (as VSP-ENCRYPT decides)", () => {
    const f = findingAt(findingsOf(RULE, encrypt(room(), "ta", "ta-vm1")), VM);
    expect(f.outcome).toBe("pass");
    expect(f.observed).toContain('encryption: personal data; VM: "VM Encryption Policy" (storage-policy encrypted) encrypts');
    expect(f.addresses).toContain("terraform_data.storage-policy_encrypted");
  });

  test("fails shared storage on a policy that does not encrypt", () => {
    const b = room().edit("ta", "vsphere_virtual_machine", "ta-vm1", (v) => {
      v.storage_policy_id = "${data.vsphere_storage_policy.standard.id}";
    });
    expect(findingAt(findingsOf(RULE, b), VM).outcome).toBe("fail");
  });

  test("an adopted VM on shared storage without a policy is advisory, as in VSP-ENCRYPT", () => {
    const docs = room().docs();
    const ta = docs.find((d) => d.stack === "s-ta");
    if (!ta) throw new Error("no stack s-ta");
    ta.json.import = [{ to: "vsphere_virtual_machine.ta-vm1", id: "/dc/vm/ta-vm1" }];
    const fs = evaluate(buildRooms(docs), [RULE, SensitiveDataIsEncryptedAtRest], { asOf: AS_OF });
    const mine = fs.find((f) => f.rule === "TEN-DATA-STORE" && f.address === VM);
    const theirs = fs.find((f) => f.rule === "VSP-ENCRYPT" && f.address === VM);
    expect(theirs).toMatchObject({ outcome: "fail", enforcement: "advisory", findingId: "adopted" });
    expect(mine).toMatchObject({ outcome: "fail", enforcement: "advisory", findingId: "adopted" });
  });

  test("public or internal data is not applicable; no classification tag is not-evaluable; an unknown datastore is an error", () => {
    const b = room()
      .edit("ta", "vsphere_virtual_machine", "ta-vm1", (v) => {
        v.tags = (v.tags as string[]).filter((t) => !t.includes("data-classification"));
      })
      .data("tb", "vsphere_datastore", "gone", { name: "ds9" })
      .resource("tb", "vsphere_virtual_machine", "tb-vm2", {
        name: "tb-vm2",
        tags: ["${vsphere_tag.tenant_tb.id}", "${data.vsphere_tag.data-classification_personal.id}"],
        datastore_id: "${data.vsphere_datastore.gone.id}",
      })
      .data("tb", "vsphere_tag", "data-classification_personal", {
        name: "personal",
        category_id: "${data.vsphere_tag_category.data-classification.id}",
      })
      .resource("vsphere", "vsphere_tag", "data-classification_personal", {
        name: "personal",
        category_id: "${vsphere_tag_category.data-classification.id}",
      });
    const fs = findingsOf(RULE, b);
    expect(findingAt(fs, "vsphere_virtual_machine.tb-vm2").observed).toBe(
      's-tb: data.vsphere_datastore.gone reads datastore "ds9", which no stack of site s creates',
    );
    expect(outcomes(fs)).toEqual({
      [VM]: "not-evaluable",
      "vsphere_virtual_machine.ta-web1": "not-applicable",
      "vsphere_virtual_machine.tb-vm1": "not-applicable",
      "vsphere_virtual_machine.tb-vm2": "error",
    });
  });

  test("foreign input (no facility objects) is one not-evaluable finding", () => {
    const b = new RoomBuilder("s").resource("vsphere", "vsphere_virtual_machine", "vm", { name: "vm", datastore_id: "ds-1" });
    expect(findingsOf(RULE, b).map((f) => [f.outcome, f.address])).toEqual([["not-evaluable", "site.(no site)"]]);
  });

  test("the example sites: no mandatory finding but a pass; the advisory ones are exactly VSP-ENCRYPT's adopted VMs on shared datastores", () => {
    const fs = evaluateDocs(exampleDocs(), [RULE, SensitiveDataIsEncryptedAtRest]);
    const mine = fs.filter((f) => f.rule === "TEN-DATA-STORE");
    expect(mine.filter((f) => f.outcome === "pass").length).toBeGreaterThan(100);
    expect(
      mine
        .filter((f) => f.enforcement === "mandatory" && !["pass", "not-applicable"].includes(f.outcome))
        .map((f) => `${f.address} ${f.outcome}`),
    ).toEqual([]);
    const advisory = (rule: string) =>
      fs
        .filter((f) => f.rule === rule && f.outcome === "fail")
        .map((f) => `${f.site} ${f.address}#${f.findingId ?? ""} ${f.enforcement}`)
        .sort();
    expect(advisory("TEN-DATA-STORE")).toEqual(advisory("VSP-ENCRYPT"));
    expect(advisory("TEN-DATA-STORE").every((a) => a.endsWith("#adopted advisory"))).toBe(true);
    expectMutationFails([RULE], {
      rule: "TEN-DATA-STORE",
      site: "fjordvik",
      target: "vsphere_virtual_machine.hgn-fil02",
      mutate: (d) => delete blockOf(d, "fjordvik-haugnes", "vsphere_virtual_machine", "hgn-fil02").storage_policy_id,
    });
  });
});
