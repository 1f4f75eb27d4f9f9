import { load } from "../helpers";
import { ALPHA, reportsOnly, SITE, sites, type Mistake } from "../spec-error-matchers";

/**
 * templates[].encrypted: a template whose disks are encrypted, so its clones' disks are too (the
 * provider cannot encrypt a clone's disks itself, terraform-provider-vsphere #2241). Only a template
 * VM can be: an OVF item in a content library holds no encrypted disks (vSphere does not export an
 * encrypted VM to OVF), so `encrypted` there is a located error.
 */

const LIBRARY_TEMPLATE =
  "  - { id: rhel9-lib, contentLibrary: tiny-lib, item: rhel9-2026-10, os: linux, guestId: rhel9_64Guest, firmware: efi, scsiType: pvscsi";

describe("template encryption", () => {
  test("a template VM may be encrypted, and the loader keeps it; the default is false", () => {
    const dir = sites([
      SITE,
      "guestId: rhel9_64Guest, firmware: efi, scsiType: pvscsi }",
      "guestId: rhel9_64Guest, firmware: efi, scsiType: pvscsi, encrypted: true }",
    ]);
    const templates = load(dir).sites[0].spec.templates;
    expect(templates.find((t) => t.id === "rhel9")?.encrypted).toBe(true);
    expect(templates.find((t) => t.id === "win2022")?.encrypted).toBe(false);
  });

  test.each<Mistake>([
    [
      "an encrypted content library item (an OVF template cannot hold encrypted disks)",
      [SITE, "ntp: [", `${LIBRARY_TEMPLATE}, encrypted: true }\nntp: [`],
      [SITE, "encrypted: true }", "true"],
      "/templates/2/encrypted",
      /^only a template VM \(vm\) can be encrypted: content library item tiny-lib\/rhel9-2026-10 is deployed as an OVF template, which cannot hold encrypted disks; found encrypted: true\. Encrypt a template VM and name it with vm/,
    ],
    [
      "a health VM on a storage policy that does not encrypt",
      [ALPHA, "    classification: health\n", "    classification: health\n    storagePolicy: standard\n"],
      [ALPHA, "storagePolicy: standard", "standard"],
      "/workloads/1/storagePolicy",
      /^the VM is encrypted because it holds health data: expected a storage policy that encrypts \(or none: the site's encryption policy\), found standard, which does not/,
    ],
  ])("%s", (...row) => reportsOnly(...row));

  test("a clone of an encrypted template (internal data) names a policy that does not encrypt: a located error, a clone cannot decrypt", () => {
    reportsOnly(
      "an internal VM from an encrypted template on a policy that does not encrypt",
      [
        [
          SITE,
          "guestId: windows2019srvNext_64Guest, firmware: efi, scsiType: lsilogic-sas }",
          "guestId: windows2019srvNext_64Guest, firmware: efi, scsiType: lsilogic-sas, encrypted: true }",
        ],
        [ALPHA, "    classification: internal\n", "    classification: internal\n    storagePolicy: standard\n"],
      ],
      [ALPHA, "storagePolicy: standard", "standard"],
      "/workloads/0/storagePolicy",
      /^the VM is encrypted because its template win2022 is encrypted and a clone keeps its keys: expected a storage policy that encrypts/,
    );
  });
});
