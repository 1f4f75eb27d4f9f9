import { load } from "../helpers";
import { reportsOnly, SITE, sites, type Edit, type Mistake } from "../spec-error-matchers";

/**
 * The VMware park's bad input: the host thumbprint form vCenter takes, and the import ids of a running
 * room in the form each vSphere provider importer takes (spec/park-checks.ts and the site schema). Each
 * row injects one mistake into the tiny site and expects that one error, located.
 */

const SHA1 = '"AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD"';
const SHA256 = '"78:E6:7B:ED:8C:3F:D2:64:68:EE:05:59:D2:01:B5:CE:DB:0C:61:43:73:A2:D5:D8:7C:A6:9C:55:72:A1:18:3D"';
const ESX01 = "      - name: esx01\n";
const ESX02 = "      - name: esx02\n";
/** esx01 runs already: imported by its managed object id. */
const esx01Imported: Edit = [SITE, ESX01, `${ESX01}        importId: host-1011\n`];

describe("a running room's import ids in the form the provider imports by", () => {
  test("valid import ids of every kind load", () => {
    const dir = sites(
      esx01Imported,
      [SITE, "  - name: prod\n", "  - name: prod\n    importId: /tiny-dc/host/prod\n"],
      [SITE, "  name: dvs-tiny\n", "  name: dvs-tiny\n  importId: /tiny-dc/network/dvs-tiny\n"],
      [SITE, "  - name: management\n", "  - name: management\n    importId: /tiny-dc/network/tiny-management\n"],
      [SITE, "cluster: prod }", "cluster: prod, importId: datastore-1201:host-1011 }"],
      [
        SITE,
        "{ name: dsc-prod, datastores: [ds01, ds02] }",
        "{ name: dsc-prod, datastores: [ds01, ds02], importId: /tiny-dc/datastore/dsc-prod }",
      ],
    );
    expect(() => load(dir)).not.toThrow();
  });

  test.each<Mistake>([
    [
      "a host's SHA-256 thumbprint: vCenter takes SHA-1, and the message says how to read it",
      [SITE, SHA1, SHA256],
      [SITE, SHA256],
      "/clusters/0/hosts/0/thumbprint",
      /^vCenter 8\.0\.3 connects a host by the SHA-1 thumbprint of its certificate \(HostConnectSpec\.sslThumbprint: 20 hex pairs\), found a SHA-256 thumbprint; read the SHA-1 one with: openssl s_client -connect 10\.0\.10\.11:443 <\/dev\/null \| openssl x509 -noout -fingerprint -sha1$/,
    ],
    [
      "a thumbprint that is neither form",
      [SITE, SHA1, '"AA:BB"'],
      [SITE, '"AA:BB"'],
      "/clusters/0/hosts/0/thumbprint",
      /expected the host certificate's SHA-1 thumbprint: 20 hex pairs separated by colons \(openssl x509 -noout -fingerprint -sha1\)/,
    ],
    [
      "a host import id that is a name, not a managed object id",
      [SITE, ESX01, `${ESX01}        importId: esx01\n`],
      [SITE, "importId: esx01", "esx01"],
      "/clusters/0/hosts/0/importId",
      /expected the host's managed object id, such as host-1011/,
    ],
    [
      "a cluster imported by its managed object id (the importer takes the inventory path)",
      [SITE, "  - name: prod\n", "  - name: prod\n    importId: domain-c8\n"],
      [SITE, "domain-c8"],
      "/clusters/0/importId",
      /expected the cluster's inventory path \/<datacenter>\/host\/<cluster>/,
    ],
    [
      "a cluster path in a host folder (the configuration would move it out)",
      [SITE, "  - name: prod\n", "  - name: prod\n    importId: /tiny-dc/host/prod-old\n"],
      [SITE, "/tiny-dc/host/prod-old"],
      "/clusters/0/importId",
      /^expected the inventory path "\/tiny-dc\/host\/prod" of cluster prod \(the configuration puts it in no folder, so another path would move it on the first apply\), found "\/tiny-dc\/host\/prod-old"$/,
    ],
    [
      "a switch path in another datacenter",
      [SITE, "  name: dvs-tiny\n", "  name: dvs-tiny\n  importId: /other-dc/network/dvs-tiny\n"],
      [SITE, "/other-dc/network/dvs-tiny"],
      "/distributedSwitch/importId",
      /^expected the inventory path "\/tiny-dc\/network\/dvs-tiny" of switch dvs-tiny .*found "\/other-dc\/network\/dvs-tiny"$/,
    ],
    [
      "a port group path without the site prefix of its name",
      [SITE, "  - name: management\n", "  - name: management\n    importId: /tiny-dc/network/management\n"],
      [SITE, "/tiny-dc/network/management"],
      "/networks/0/importId",
      /^expected the inventory path "\/tiny-dc\/network\/tiny-management" of port group tiny-management /,
    ],
    [
      "a datastore imported without its host part",
      [esx01Imported, [SITE, "cluster: prod }", "cluster: prod, importId: datastore-1201 }"]],
      [SITE, "datastore-1201"],
      "/san/datastores/0/importId",
      /expected <datastore id>:<host id>, such as datastore-1201:host-1011/,
    ],
    [
      "a datastore imported through another host than the one it is mounted through (host_system_id is ForceNew)",
      [esx01Imported, [SITE, "cluster: prod }", "cluster: prod, importId: datastore-1201:host-1012 }"]],
      [SITE, "datastore-1201:host-1012"],
      "/san/datastores/0/importId",
      /^expected the host part "host-1011" \(host esx01, through which the configuration mounts datastore ds01; vsphere_vmfs_datastore replaces a datastore whose host_system_id changes\), found "host-1012"$/,
    ],
    [
      "a datastore imported while the host it is mounted through is new",
      [SITE, "cluster: prod }", "cluster: prod, importId: datastore-1201:host-1011 }"],
      [SITE, "datastore-1201:host-1011"],
      "/san/datastores/0/importId",
      /^datastore ds01 is created through host esx01, the first managed host of cluster prod, which has no importId/,
    ],
    [
      "a datastore cluster path in the host folder",
      [
        SITE,
        "{ name: dsc-prod, datastores: [ds01, ds02] }",
        "{ name: dsc-prod, datastores: [ds01, ds02], importId: /tiny-dc/host/dsc-prod }",
      ],
      [SITE, "/tiny-dc/host/dsc-prod"],
      "/san/datastoreClusters/0/importId",
      /expected the datastore cluster's inventory path \/<datacenter>\/datastore\/<name>/,
    ],
    [
      "an import into a datacenter the apply creates",
      [
        [SITE, "  version: 8.0.3\n", "  version: 8.0.3\n  datacenterExists: false\n"],
        [SITE, ESX02, `${ESX02}        importId: host-1012\n`],
      ],
      [SITE, "importId: host-1012", "host-1012"],
      "/clusters/0/hosts/1/importId",
      /^host esx02 cannot already run in datacenter "tiny-dc": vcenter\.datacenterExists is false, so the datacenter is created$/,
    ],
  ])("%s", (...row) => reportsOnly(...row));
});
