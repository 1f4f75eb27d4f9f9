import { load } from "../helpers";
import { ALPHA, reportsOnly, SITE, sites, type Mistake } from "../spec-error-matchers";

/**
 * VMs' bad input (spec/vm-checks.ts): what vSphere or the provider would refuse at apply, or what the
 * spec would silently ignore, is a located error. Each row injects one mistake into the tiny site.
 */

const OU = "directory:\n  domain: ad.alpha.example\n  joinAccount: svc-join\n  ou: OU=Servers,DC=ad,DC=alpha,DC=example\nnetworks:\n";
const LEGACY_SIZE = "  - name: legacy-app\n    size: small\n";

describe("VM checks", () => {
  test("an OU loads on vCenter 8.0.2 (8.0 Update 2), the first that has it", () => {
    expect(() => load(sites([ALPHA, "networks:\n", OU], [SITE, "  version: 8.0.3\n", "  version: 8.0.2\n"]))).not.toThrow();
  });

  test("an existing VM stays on the datastore it runs on, unless the workload names a target", () => {
    const vmOf = (dir: string) => {
      const alpha = load(dir).sites[0].tenants.find((t) => t.spec.tenant === "alpha");
      return alpha?.vms.find((v) => v.name === "legacy-app");
    };
    expect(vmOf(sites())?.placement).toEqual({ kind: "datastore", name: "ds01" });
    const moved = sites([ALPHA, LEGACY_SIZE, `${LEGACY_SIZE}    datastore: dsc-prod\n`]);
    expect(vmOf(moved)?.placement).toEqual({ kind: "datastore-cluster", name: "dsc-prod" });
  });

  test.each<Mistake>([
    [
      "an OU on a vCenter older than 8.0 Update 2 (guest customization's domain_ou needs it)",
      [
        [ALPHA, "networks:\n", OU],
        [SITE, "  version: 8.0.3\n", "  version: 8.0.1\n"],
      ],
      [ALPHA, "ou: OU=Servers", "OU=Servers"],
      "/directory/ou",
      /^an OU for new computer objects \(guest customization domain_ou\) needs vCenter 8\.0\.2 \(8\.0 Update 2\) or later, found vcenter\.version 8\.0\.1 in site\.yaml/,
    ],
    [
      "an existing VM whose cpus is not a multiple of its cores per socket",
      [ALPHA, "      coresPerSocket: 2\n", "      coresPerSocket: 4\n"],
      [ALPHA, "coresPerSocket: 4", "4"],
      "/workloads/2/existing/coresPerSocket",
      /^cpus must be a multiple of coresPerSocket \(vSphere refuses the VM otherwise\), found cpus 2 and coresPerSocket 4$/,
    ],
    [
      "size.diskGb on an existing VM, which its disks list replaces",
      [ALPHA, LEGACY_SIZE, "  - name: legacy-app\n    size: { cpus: 2, memoryGb: 4, diskGb: 80 }\n"],
      [ALPHA, "diskGb: 80 }", "80"],
      "/workloads/2/size/diskGb",
      /^an existing VM's disks are its existing\.disks \(at tiny\/tenants\/alpha\.yaml:\d+:\d+\), found size\.diskGb 80, which would be ignored/,
    ],
    [
      "an existing VM with SCSI disks and no controller type",
      [ALPHA, / {6}scsiType: lsilogic-sas[^\n]*\n/, ""],
      [ALPHA, "importId: /tiny-dc/vm/Alpha", "importId"],
      "/workloads/2/existing",
      /needs scsiType \(pvscsi, lsilogic or lsilogic-sas, as the inventory shows its controller\), found none/,
    ],
    [
      "a new VM with an inline size and no diskGb",
      [ALPHA, "{ cpus: 8, memoryGb: 32, diskGb: 200 }", "{ cpus: 8, memoryGb: 32 }"],
      [ALPHA, "{ cpus: 8, memoryGb: 32 }", "{"],
      "/workloads/1/size",
      /^a new VM needs size\.diskGb \(its system disk, cloned from the template\), found none$/,
    ],
    [
      "a system disk smaller than the template's",
      [
        SITE,
        "guestId: rhel9_64Guest, firmware: efi, scsiType: pvscsi }",
        "guestId: rhel9_64Guest, firmware: efi, scsiType: pvscsi, disks: [{ sizeGb: 300 }] }",
      ],
      [ALPHA, "diskGb: 200 }", "200"],
      "/workloads/1/size/diskGb",
      /^a clone's system disk is at least its template's \(template rhel9 has 300 GB\), found diskGb 200$/,
    ],
  ])("%s", (...row) => reportsOnly(...row));
});
