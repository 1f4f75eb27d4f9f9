import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { planSites } from "../../plan/plan-sites";
import { formatSpecError, SpecErrors } from "../../spec/spec-error";
import { AS_OF, edit, lineOf, load, loadFailure, synthOk, tempDir } from "../helpers";
import {
  ALPHA,
  at,
  BETA,
  broken,
  escape,
  expectError,
  expectOnly,
  located,
  matcher,
  printed,
  reportsOnly,
  SITE,
  sites,
  synthRefuses,
  where,
  withBeta,
  type Edit,
  type Mistake,
  type Spot,
} from "../spec-error-matchers";

/**
 * Bad input, one mistake at a time: each test copies the valid tiny site, injects one mistake and asserts
 * the file, line and column (found by the injected text, never hard-coded), JSON pointer and message of
 * what the loader reports. Mistakes of the same shape are rows of a table (see Mistake): the mistake in
 * words, the change that makes it, where its one error is reported, the pointer and the message.
 */

/** A secret must appear nowhere in what the user is shown. */
function expectNotEchoed(dir: string, secret: string): void {
  const e = loadFailure(dir);
  expect(e.message).not.toContain(secret);
  for (const err of e.errors) {
    expect(formatSpecError(err)).not.toContain(secret);
    expect(JSON.stringify(err)).not.toContain(secret);
  }
}

const SECRET_MESSAGE = /credentials are supplied at plan time .* never written in spec files/;

test("the tiny fixture and the two-tenant variant load without errors (every mistake below is the injected one)", () => {
  expect(() => load(sites())).not.toThrow();
  expect(() => load(sites(withBeta()))).not.toThrow();
});

describe("YAML syntax", () => {
  test("a key indented less than its siblings is reported on its own line", () => {
    const { dir, errors } = broken([
      SITE,
      "        memoryGb: 512\n        vmotionAddress: 10.0.11.11",
      "       memoryGb: 512\n        vmotionAddress: 10.0.11.11",
    ]);
    const line = lineOf(dir, SITE, "       memoryGb: 512");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toEqual({ file: SITE, line, col: 1, pointer: "", message: expect.stringMatching(/^YAML syntax: \S/) });
    // Syntax errors only: a file that does not parse is not validated further.
    for (const e of errors)
      expect(e).toEqual(expect.objectContaining({ file: SITE, pointer: "", message: expect.stringMatching(/^YAML syntax: /) }));
  });

  test("an unclosed bracket is reported where the parser notices it: the start of the next line", () => {
    const { dir, errors } = broken([SITE, "  uplinks: [uplink1, uplink2]", "  uplinks: [uplink1, uplink2"]);
    // The unclosed list is on the uplinks line; the parser can only tell when the next key begins.
    expect(lineOf(dir, SITE, "hostNics:")).toBe(lineOf(dir, SITE, "uplinks: [uplink1, uplink2") + 1);
    expectOnly(errors, { file: SITE, ...at(dir, SITE, "hostNics:"), pointer: "", message: /^YAML syntax: .*end with a \]/ });
  });

  test("a key written twice in one mapping is a syntax error at the second one", () => {
    const { dir, errors } = broken([
      SITE,
      "        memoryGb: 512\n        vmotionAddress: 10.0.11.12",
      "        memoryGb: 512\n        cpuCores: 64\n        vmotionAddress: 10.0.11.12",
    ]);
    expectOnly(errors, { file: SITE, ...at(dir, SITE, "cpuCores: 64"), pointer: "", message: /^YAML syntax: Map keys must be unique/ });
  });

  test("a syntax error in a tenant file names the tenant file", () => {
    const { dir, errors } = broken([ALPHA, "    vlan: 120", "   vlan: 120"]);
    expect(errors[0]).toEqual({
      file: ALPHA,
      line: lineOf(dir, ALPHA, "   vlan: 120"),
      col: expect.any(Number),
      pointer: "",
      message: expect.stringMatching(/^YAML syntax: /),
    });
  });
});

describe("JSON Schema", () => {
  test.each<Mistake>([
    [
      "a missing required field: pointer to the field, line of the object that lacks it",
      [SITE, '        thumbprint: "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD"\n', ""],
      [SITE, "- name: esx01", "name: esx01"],
      "/clusters/0/hosts/0/thumbprint",
      /^missing required field "thumbprint"$/,
    ],
    [
      "a version YAML reads as a number: what the field expects, and to quote it",
      [SITE, "  version: 8.0.3\n", "  version: 8.0\n"],
      [SITE, "version: 8.0", "8.0"],
      "/vcenter/version",
      /^expected a string \(a vCenter version as major\.minor\.update, such as 8\.0\.2 for 8\.0 Update 2\), found 8 \(YAML read a number: quote the value\)$/,
    ],
    [
      "a wrong type: what was expected and what was found, at the value",
      [SITE, "cpuCores: 32", 'cpuCores: "lots"'],
      [SITE, 'cpuCores: "lots"', '"lots"'],
      "/clusters/0/hosts/0/cpuCores",
      /^expected an integer, found "lots"$/,
    ],
    [
      "an unknown field: pointer and line of the key, naming the allowed fields",
      [SITE, "  - id: r2\n    room: room-a", "  - id: r2\n    room: room-a\n    colour: red"],
      [SITE, "colour: red"],
      "/racks/1/colour",
      /^unknown field "colour"; expected one of: id, room, designKw, source, pdus$/,
    ],
    [
      "an unknown field in a flow mapping is located at its key",
      [SITE, "{ id: san1-b, model: PowerStore node B, rack: r1 }", "{ id: san1-b, model: PowerStore node B, rack: r1, colour: red }"],
      [SITE, "colour: red", "colour"],
      "/san/controllers/1/colour",
      /^unknown field "colour"; expected one of: id, model, firmware, rack, psus, links$/,
    ],
    [
      "a bad enum value in the site: the allowed values and the value found",
      [SITE, "country: NO", "country: FI"],
      [SITE, "country: FI", "FI"],
      "/country",
      /^expected one of "SE", "NO", "DK", found "FI"$/,
    ],
    [
      "a bad enum value in a tenant",
      [ALPHA, "criticality: standard", "criticality: meh"],
      [ALPHA, "criticality: meh", "meh"],
      "/workloads/2/criticality",
      /^expected one of "life-and-health", "critical", "standard", "low", found "meh"$/,
    ],
  ])("%s", reportsOnly);
});

describe("unknown references", () => {
  test.each<Mistake>([
    [
      "a host in a rack that does not exist",
      [SITE, "rack: r2\n        address", "rack: r9\n        address"],
      [SITE, "rack: r9", "r9"],
      "/clusters/0/hosts/1/rack",
      /^unknown rack "r9"; expected one of r1, r2$/,
    ],
    [
      "a rack in a room that does not exist",
      [SITE, "  - id: r2\n    room: room-a", "  - id: r2\n    room: room-z"],
      [SITE, "room: room-z", "room-z"],
      "/racks/1/room",
      /^unknown room "room-z"; expected one of room-a$/,
    ],
    [
      "a workload on a network that does not exist",
      [ALPHA, "network: health", "network: nowhere"],
      [ALPHA, "network: nowhere", "nowhere"],
      "/workloads/1/network",
      /^unknown network \(own or shared-services\) "nowhere"; expected one of health, servers, shared$/,
    ],
    [
      "a workload on a datastore that does not exist",
      [ALPHA, "    network: health\n", "    network: health\n    datastore: ds-missing\n"],
      [ALPHA, "datastore: ds-missing", "ds-missing"],
      "/workloads/1/datastore",
      /^unknown datastore or datastore cluster "ds-missing"; expected one of ds01, ds02, dsc-prod$/,
    ],
    [
      "a workload with a storage policy that does not exist",
      [ALPHA, "    network: health\n", "    network: health\n    storagePolicy: gold\n"],
      [ALPHA, "storagePolicy: gold", "gold"],
      "/workloads/1/storagePolicy",
      /^unknown storage policy "gold"; expected one of encrypted, standard$/,
    ],
    [
      "a workload cloned from a template that does not exist",
      [ALPHA, "template: rhel9", "template: win2003"],
      [ALPHA, "template: win2003", "win2003"],
      "/workloads/1/template",
      /^unknown template "win2003"; expected one of rhel9, win2022$/,
    ],
    [
      "a tenant on a compute cluster that does not exist",
      [ALPHA, "operatorsGroup:", "cluster: nowhere\noperatorsGroup:"],
      [ALPHA, "cluster: nowhere", "nowhere"],
      "/cluster",
      /^unknown cluster "nowhere"; expected one of prod$/,
    ],
    [
      "a workload on a compute cluster that does not exist",
      [ALPHA, "    network: health\n", "    network: health\n    cluster: test\n"],
      [ALPHA, "cluster: test", "test"],
      "/workloads/1/cluster",
      /^unknown cluster "test"; expected one of prod$/,
    ],
    [
      "a workload with a VM size the site does not define",
      [
        ALPHA,
        "size: small\n    network: servers\n    criticality: critical",
        "size: huge\n    network: servers\n    criticality: critical",
      ],
      [ALPHA, "size: huge", "huge"],
      "/workloads/0/size",
      /^unknown VM size "huge"; expected one of small$/,
    ],
  ])("%s", reportsOnly);
});

describe("duplicate names", () => {
  test("two hosts with the same name: reported once, at the second, naming where the first is", () => {
    const { dir, errors: all } = broken([SITE, "name: esx02", "name: esx01"]);
    // The facility still wires and cables esx02, which is now gone: those are errors of their own.
    const facility = all.filter((e) => e.pointer.startsWith("/facility/"));
    expect(facility.map((e) => e.pointer).sort()).toEqual(["/facility/links/esx02", "/facility/power/esx02"]);
    // A host's name is also a device id: still one message for the one duplicate.
    const first = at(dir, SITE, "name: esx01", "esx01", 0);
    expectOnly(
      all.filter((e) => !e.pointer.startsWith("/facility/")),
      {
        file: SITE,
        ...at(dir, SITE, "name: esx01", "esx01", 1),
        pointer: "/clusters/0/hosts/1/name",
        message: new RegExp(`^duplicate host name "esx01"; first defined at ${escape(where(SITE, first))}$`),
      },
    );
  });

  test.each<Mistake>([
    [
      "two tenant networks with the same name: reported once, at the second, naming the first",
      [ALPHA, "workloads:\n", "  - name: servers\n    vlan: 130\n    cidr: 10.1.30.0/24\nworkloads:\n"],
      [ALPHA, "name: servers", "servers", 1],
      "/networks/2/name",
      (earlier) => new RegExp(`^duplicate network name "servers"; first defined at ${earlier(ALPHA, "name: servers", "servers")}$`),
    ],
    [
      "two site networks with the same name: reported once, at the second, naming the first",
      [SITE, "dns:\n", "  - name: shared\n    vlan: 21\n    cidr: 10.0.21.0/24\ndns:\n"],
      [SITE, "name: shared", "shared", 1],
      "/networks/3/name",
      (earlier) => new RegExp(`^duplicate network name "shared"; first defined at ${earlier(SITE, "name: shared", "shared")}$`),
    ],
    [
      "two workloads with the same VM name",
      [ALPHA, "name: legacy-app", "name: journal"],
      [ALPHA, "name: journal", "journal", 1],
      "/workloads/2/name",
      (earlier) => new RegExp(`^duplicate VM name "journal"; first defined at ${earlier(ALPHA, "name: journal", "journal")}$`),
    ],
    [
      "a VM name that clashes with one a namePattern produces",
      [ALPHA, "name: journal", "name: alpha-dc02"],
      [ALPHA, "name: alpha-dc02", "alpha-dc02"],
      "/workloads/1/name",
      (earlier) => new RegExp(`^duplicate VM name "alpha-dc02"; first defined at ${earlier(ALPHA, "- name: dc", "dc")}$`),
    ],
  ])("%s", reportsOnly);

  test("two site networks named vmotion: the duplicate is reported, the hosts' vMotion addresses are not", () => {
    // The hosts' vMotion addresses are in the first network named vmotion; the second must not be taken for it.
    const { dir, errors } = broken([SITE, "name: shared", "name: vmotion"]);
    expect(errors.filter((e) => /vmotionAddress$/.test(e.pointer))).toEqual([]);
    expectError(errors, {
      file: SITE,
      ...at(dir, SITE, "name: vmotion", "vmotion", 1),
      pointer: "/networks/2/name",
      message: /^duplicate network name "vmotion"/,
    });
  });
});

describe("VLANs and address ranges", () => {
  test.each<Mistake>([
    [
      "two tenant networks on the same VLAN",
      [ALPHA, "vlan: 120", "vlan: 110"],
      [ALPHA, "vlan: 110", "110", 1],
      "/networks/1/vlan",
      (earlier) => new RegExp(`^duplicate VLAN id 110; already used by alpha network servers at ${earlier(ALPHA, "vlan: 110", "110", 0)}$`),
    ],
    [
      "a tenant VLAN range that holds a site network's VLAN",
      [ALPHA, "vlanRange: { from: 100, to: 199 }", "vlanRange: { from: 11, to: 199 }"],
      [ALPHA, "vlanRange:", "{"],
      "/vlanRange",
      (earlier) => new RegExp(`^VLAN range 11-199 holds VLAN 11 of site network vmotion at ${earlier(SITE, "vlan: 11", "11")}$`),
    ],
    [
      "two tenant networks whose address ranges overlap",
      [
        [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.1.10.16/28"],
        [ALPHA, "gateway: 10.1.20.1", "gateway: 10.1.10.17"],
        [ALPHA, "ip: 10.1.20.5", "ip: 10.1.10.21"],
      ],
      [ALPHA, "cidr: 10.1.10.16/28", "10.1.10.16/28"],
      "/networks/1/cidr",
      (earlier) =>
        new RegExp(
          `^network 10\\.1\\.10\\.16/28 \\(alpha network health\\) overlaps 10\\.1\\.10\\.0/24 \\(alpha network servers\\) at ${earlier(ALPHA, "cidr: 10.1.10.0/24", "10.1.10.0/24")}$`,
        ),
    ],
    [
      "two site networks whose address ranges overlap: reported once",
      // The dns service's appliances move along, into the grown network's reserved block.
      [
        [SITE, "cidr: 10.0.20.0/24", "cidr: 10.0.0.0/16"],
        [SITE, "addresses: [10.0.20.10, 10.0.20.11]", "addresses: [10.0.0.10, 10.0.0.11]"],
      ],
      [SITE, "cidr: 10.0.0.0/16", "10.0.0.0/16"],
      "/networks/2/cidr",
      /^network 10\.0\.0\.0\/16 \(site network shared\) overlaps 10\.0\.10\.0\/24 \(site network management\)/,
    ],
    [
      "two tenants whose VLAN ranges overlap",
      [withBeta(), [BETA, "vlanRange: { from: 200, to: 299 }", "vlanRange: { from: 150, to: 299 }"]],
      [BETA, "vlanRange:", "{"],
      "/vlanRange",
      (earlier) => new RegExp(`^VLAN range 150-299 overlaps tenant alpha's range 100-199 at ${earlier(ALPHA, "vlanRange:", "{")}$`),
    ],
    [
      "two tenants whose address ranges overlap",
      [
        withBeta(),
        [BETA, "cidr: 10.2.0.0/16", "cidr: 10.1.128.0/17"],
        [BETA, "cidr: 10.2.10.0/24\n    gateway: 10.2.10.1", "cidr: 10.1.130.0/24\n    gateway: 10.1.130.1"],
      ],
      [BETA, "cidr: 10.1.128.0/17", "10.1.128.0/17"],
      "/cidr",
      (earlier) =>
        new RegExp(
          `^address range 10\\.1\\.128\\.0/17 overlaps tenant alpha's range 10\\.1\\.0\\.0/16 at ${earlier(ALPHA, "cidr: 10.1.0.0/16", "10.1.0.0/16")}$`,
        ),
    ],
    [
      "a tenant VLAN outside the tenant's VLAN range",
      [ALPHA, "vlan: 120", "vlan: 220"],
      [ALPHA, "vlan: 220", "220"],
      "/networks/1/vlan",
      /^expected a VLAN in the tenant's range 100-199, found 220$/,
    ],
    [
      "a tenant network outside the tenant's address range",
      [
        [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.2.20.0/28"],
        [ALPHA, "gateway: 10.1.20.1", "gateway: 10.2.20.1"],
        [ALPHA, "ip: 10.1.20.5", "ip: 10.2.20.5"],
      ],
      [ALPHA, "cidr: 10.2.20.0/28", "10.2.20.0/28"],
      "/networks/1/cidr",
      /^expected a network inside the tenant's range 10\.1\.0\.0\/16, found 10\.2\.20\.0\/28$/,
    ],
    [
      "a CIDR with host bits set names the network meant",
      [ALPHA, "cidr: 10.1.10.0/24", "cidr: 10.1.10.5/24"],
      [ALPHA, "cidr: 10.1.10.5/24", "10.1.10.5/24"],
      "/networks/0/cidr",
      /^expected a network address with no host bits set, found "10\.1\.10\.5\/24" \(did you mean 10\.1\.10\.0\/24\?\)$/,
    ],
  ])("%s", reportsOnly);

  test("a tenant network on the VLAN of a site network", () => {
    const { dir, errors } = broken(
      [ALPHA, "vlan: 120", "vlan: 20"],
      [ALPHA, "vlanRange: { from: 100, to: 199 }", "vlanRange: { from: 20, to: 199 }"],
    );
    const site = escape(where(SITE, at(dir, SITE, "vlan: 20", "20")));
    expect(errors).toEqual([
      matcher({
        file: ALPHA,
        ...at(dir, ALPHA, "vlanRange:", "{"),
        pointer: "/vlanRange",
        message: new RegExp(`^VLAN range 20-199 holds VLAN 20 of site network shared at ${site}$`),
      }),
      matcher({
        file: ALPHA,
        ...at(dir, ALPHA, "vlan: 20", "20"),
        pointer: "/networks/1/vlan",
        message: new RegExp(`^duplicate VLAN id 20; already used by site network shared at ${site}$`),
      }),
    ]);
  });

  test("a tenant network overlapping a site network", () => {
    const { dir, errors } = broken(
      [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.0.20.0/28"],
      [ALPHA, "gateway: 10.1.20.1", "gateway: 10.0.20.14"],
      [ALPHA, "ip: 10.1.20.5", "ip: 10.0.20.5"],
    );
    const pos = at(dir, ALPHA, "cidr: 10.0.20.0/28", "10.0.20.0/28");
    expectError(errors, {
      file: ALPHA,
      ...pos,
      pointer: "/networks/1/cidr",
      message: new RegExp(
        `^network 10\\.0\\.20\\.0/28 \\(alpha network health\\) overlaps 10\\.0\\.20\\.0/24 \\(site network shared\\) at ${escape(where(SITE, at(dir, SITE, "cidr: 10.0.20.0/24", "10.0.20.0/24")))}$`,
      ),
    });
    // Being outside the tenant's range is a second, true mistake of the same line; nothing else.
    expectError(errors, {
      file: ALPHA,
      ...pos,
      pointer: "/networks/1/cidr",
      message: /^expected a network inside the tenant's range 10\.1\.0\.0\/16, found 10\.0\.20\.0\/28$/,
    });
    expect(errors).toHaveLength(2);
  });
});

describe("addresses", () => {
  /** A workload of 20 VMs more on the health network. */
  const MANY =
    "  - name: many\n    count: 20\n    template: rhel9\n    size: small\n    network: health\n    criticality: low\n    classification: internal\n";

  test.each<Mistake>([
    [
      "a fixed IP outside its network",
      [ALPHA, "ip: 10.1.20.5", "ip: 10.1.99.5"],
      [ALPHA, "ip: 10.1.99.5", "10.1.99.5"],
      "/workloads/1/ip",
      /^expected an address inside the health network 10\.1\.20\.0\/28, found 10\.1\.99\.5$/,
    ],
    [
      "a fixed IP that is the network's broadcast address",
      [ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.15"],
      [ALPHA, "ip: 10.1.20.15", "10.1.20.15"],
      "/workloads/1/ip",
      /^expected a host address of 10\.1\.20\.0\/28, found its broadcast address 10\.1\.20\.15$/,
    ],
    [
      "two workloads with the same fixed IP",
      [ALPHA, "    network: servers\n    criticality: standard", "    network: health\n    ip: 10.1.20.5\n    criticality: standard"],
      [ALPHA, "ip: 10.1.20.5", "10.1.20.5", 1],
      "/workloads/2/ip",
      (earlier) => new RegExp(`^address 10\\.1\\.20\\.5 is used twice; first at ${earlier(ALPHA, "ip: 10.1.20.5", "10.1.20.5")}$`),
    ],
    [
      "a fixed IP equal to its network's gateway",
      [ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.1"],
      [ALPHA, "ip: 10.1.20.1", "10.1.20.1"],
      "/workloads/1/ip",
      (earlier) => new RegExp(`^address 10\\.1\\.20\\.1 is used twice; first at ${earlier(ALPHA, "gateway: 10.1.20.1", "10.1.20.1")}$`),
    ],
    [
      "a fixed IP on a shared-services network equal to the site's gateway",
      [ALPHA, "network: health\n    ip: 10.1.20.5", "network: shared\n    ip: 10.0.20.1"],
      [ALPHA, "ip: 10.0.20.1", "10.0.20.1"],
      "/workloads/1/ip",
      (earlier) => new RegExp(`^address 10\\.0\\.20\\.1 is used twice; first at ${earlier(SITE, "gateway: 10.0.20.1", "10.0.20.1")}$`),
    ],
    [
      "the same fixed IP in two tenants",
      [
        withBeta(),
        [ALPHA, "network: health\n    ip: 10.1.20.5", "network: shared\n    ip: 10.0.20.50"],
        [BETA, "    network: office\n", "    network: shared\n    ip: 10.0.20.50\n"],
      ],
      [BETA, "ip: 10.0.20.50", "10.0.20.50"],
      "/workloads/0/ip",
      (earlier) => new RegExp(`^address 10\\.0\\.20\\.50 is used twice; first at ${earlier(ALPHA, "ip: 10.0.20.50", "10.0.20.50")}$`),
    ],
    // 10.1.20.0/28: 14 host addresses, 2 reserved, 21 VMs (journal and 20 more): 12 free, one of them taken by journal.
    [
      "a network with too few free addresses for its VMs",
      [ALPHA, "  - name: legacy-app", `${MANY}  - name: legacy-app`],
      [ALPHA, "- name: many", "name: many"],
      "/workloads/2",
      /^network health \(10\.1\.20\.0\/28\) has too few free addresses for its VMs: 21 VMs need one, 12 addresses after the 2 reserved.*VM many-12 gets none$/,
    ],
  ])("%s", reportsOnly);
});

describe("SAN", () => {
  test.each<Mistake>([
    [
      "a LUN id that is not an NAA id",
      [SITE, "- { naa: naa.600a098038303053453f463045726b02,", "- { naa: lun-7,"],
      [SITE, "naa: lun-7", "lun-7"],
      "/san/luns/1/naa",
      /^expected an NAA id: naa\. followed by 16 or 32 lower-case hex digits, found "lun-7"$/,
    ],
    [
      "a datastore on a LUN named by something other than its NAA id",
      [SITE, "- { name: ds02, lun: naa.600a098038303053453f463045726b02", "- { name: ds02, lun: lun-7"],
      [SITE, "lun: lun-7", "lun-7"],
      "/san/datastores/1/lun",
      /^expected the NAA id of a LUN in san\.luns, found "lun-7"$/,
    ],
    [
      "two datastores whose names differ only in case (they would share a Terraform address)",
      [
        [SITE, "{ name: ds02,", "{ name: DS01,"],
        [SITE, "datastores: [ds01, ds02]", "datastores: [ds01, DS01]"],
      ],
      [SITE, "name: DS01", "DS01"],
      "/san/datastores/1/name",
      (earlier) =>
        new RegExp(`^duplicate datastore name \\(ignoring case\\) "ds01"; first defined at ${earlier(SITE, "name: ds01", "ds01")}$`),
    ],
    [
      "an encryption storage policy without a key provider",
      [SITE, ", encryption: true, keyProvider: nkp }", ", encryption: true }"],
      [SITE, "id: encrypted", "{"],
      "/storagePolicies/1",
      /^an encryption policy needs keyProvider .*found none$/,
    ],
  ])("%s", reportsOnly);
});

describe("credentials written into spec files", () => {
  // [the mistake, the change that writes the credential, where it is reported, pointer, message, the credential]
  test.each<[string, Edit, Spot, string, RegExp, string]>([
    [
      "a root password under a host: reported at the key, the value never echoed",
      [
        SITE,
        "        memoryGb: 512\n        vmotionAddress: 10.0.11.12",
        "        memoryGb: 512\n        rootPassword: hunter22\n        vmotionAddress: 10.0.11.12",
      ],
      [SITE, "rootPassword: hunter22", "rootPassword"],
      "/clusters/0/hosts/1/rootPassword",
      /^found a credential in field "rootPassword"; /,
      "hunter22",
    ],
    [
      "a token in a tenant file",
      [ALPHA, "name: Alpha kommune", "name: Alpha kommune\ntoken: abc7f3e9q"],
      [ALPHA, "token: abc7f3e9q", "token"],
      "/token",
      /^found a credential in field "token"; /,
      "abc7f3e9q",
    ],
    [
      "a user name and password inside the state backend's URL",
      [SITE, "  backend: local", "  backend: pg\n  pgHost: postgres://tf:s3cr3tpw@tfstate.example/terraform"],
      [SITE, "pgHost: postgres://", "postgres://"],
      "/state/pgHost",
      /^found a user name and password inside a URL; /,
      "s3cr3tpw",
    ],
    // Not only user:password@: libpq also takes the password as a URL parameter,
    [
      "a password as a parameter of the state backend's URL",
      [SITE, "  backend: local", "  backend: pg\n  pgHost: postgres://tfstate.example/terraform?sslmode=verify-full&password=hunter22"],
      [SITE, "pgHost:", "postgres://"],
      "/state/pgHost",
      /password/,
      "hunter22",
    ],
    // and in the keyword=value form of a connection string.
    [
      "a password in a keyword=value connection string of the state backend",
      [SITE, "  backend: local", "  backend: pg\n  pgHost: host=tfstate.example dbname=terraform user=tf password=hunter22"],
      [SITE, "pgHost:", "host="],
      "/state/pgHost",
      /password/,
      "hunter22",
    ],
  ])("%s", (_mistake, change, spot, pointer, message, secret) => {
    const { dir, errors } = broken(change);
    expectOnly(errors, { ...located(dir, spot), pointer, message });
    expect(errors[0].message).toMatch(SECRET_MESSAGE);
    expectNotEchoed(dir, secret);
  });

  // A value of the wrong type holding a credential: the credential is reported, and the other error
  // describes the value rather than showing it.
  test.each<[string, Edit, Spot, string, RegExp, string]>([
    [
      "a credential inside a value of the wrong type is not echoed by the type error",
      [SITE, "municipality: Tinyby kommune", "municipality: { password: hunter22 }"],
      [SITE, "password: hunter22", "password"],
      "/municipality/password",
      /^found a credential in field "password"; /,
      "hunter22",
    ],
    [
      "a credential inside a template entry is not echoed by the either-or error",
      [SITE, "  - { id: rhel9, vm: tpl-rhel9,", "  - { token: abc7f3e9q, id: rhel9,"],
      [SITE, "token: abc7f3e9q", "token"],
      "/templates/0/token",
      /^found a credential in field "token"; /,
      "abc7f3e9q",
    ],
  ])("%s", (_mistake, change, spot, pointer, message, secret) => {
    const { dir, errors } = broken(change);
    expectError(errors, { ...located(dir, spot), pointer, message });
    expectNotEchoed(dir, secret);
  });
});

describe("site and tenant rules", () => {
  test.each<Mistake>([
    [
      "a production site with local state",
      [SITE, "environment: test", "environment: production"],
      [SITE, "backend: local", "local"],
      "/state/backend",
      /^a production site may not keep Terraform state locally; expected state\.backend pg, s3, http or remote, found "local"$/,
    ],
    [
      "a production site without state settings (local by default)",
      [
        [SITE, "environment: test", "environment: production"],
        [SITE, "state:\n  backend: local\n", ""],
      ],
      [SITE, "environment: production", "production"],
      "/environment",
      /^a production site may not keep Terraform state locally; .*found "local \(the default\)"$/,
    ],
    [
      "a tenant whose tenant: differs from its file name",
      [ALPHA, "tenant: alpha", "tenant: beta"],
      [ALPHA, "tenant: beta", "beta"],
      "/tenant",
      /^expected the file name "alpha", found "beta"$/,
    ],
    [
      "a Windows VM name longer than 15 characters",
      [ALPHA, "name: journal\n    template: rhel9", "name: journal-windows-server\n    template: win2022"],
      [ALPHA, "name: journal-windows-server", "journal-windows-server"],
      "/workloads/1/name",
      /^a Windows computer name has at most 15 characters, found "journal-windows-server" \(22\)$/,
    ],
    // With count, the VM names come from namePattern, so the error is there, not at `name` (here "dc", 2 characters).
    [
      "a namePattern that makes Windows VM names longer than 15 characters: reported once, at the namePattern",
      [ALPHA, 'namePattern: "alpha-dc{n:02}"', 'namePattern: "alpha-domainctl{n:02}"'],
      [ALPHA, "namePattern:", '"alpha-domainctl'],
      "/workloads/0/namePattern",
      /^a Windows computer name has at most 15 characters, found "alpha-domainctl01" \(17\)$/,
    ],
  ])("%s", reportsOnly);
});

describe("all errors at once", () => {
  test("a cross-reference error in the site and one in a tenant are both reported, the site file's first", () => {
    const { dir, errors } = broken(
      [SITE, "rack: r2\n        address", "rack: r9\n        address"],
      [ALPHA, "template: rhel9", "template: win2003"],
    );
    // The tenant's mistake is on an earlier line than the site's: the order is by file, site first.
    expect(lineOf(dir, ALPHA, "template: win2003")).toBeLessThan(lineOf(dir, SITE, "rack: r9"));
    expect(errors).toEqual([
      matcher({ file: SITE, ...at(dir, SITE, "rack: r9", "r9"), pointer: "/clusters/0/hosts/1/rack", message: /^unknown rack "r9"/ }),
      matcher({
        file: ALPHA,
        ...at(dir, ALPHA, "template: win2003", "win2003"),
        pointer: "/workloads/1/template",
        message: /^unknown template "win2003"/,
      }),
    ]);
  });

  test("schema errors in the site and in a tenant are both reported, the site file's first", () => {
    const { dir, errors } = broken([SITE, "cpuCores: 32", 'cpuCores: "lots"'], [ALPHA, "tenant: alpha", "tenant: Alpha"]);
    expect(errors).toEqual([
      matcher({
        file: SITE,
        ...at(dir, SITE, 'cpuCores: "lots"', '"lots"'),
        pointer: "/clusters/0/hosts/0/cpuCores",
        message: /^expected an integer, found "lots"$/,
      }),
      matcher({
        file: ALPHA,
        ...at(dir, ALPHA, "tenant: Alpha", "Alpha"),
        pointer: "/tenant",
        message: /^expected a name of lower-case letters, digits and hyphens that starts with a letter, found "Alpha"$/,
      }),
    ]);
  });

  test("several mistakes in one file are reported in line order", () => {
    const { dir, errors } = broken([ALPHA, "template: rhel9", "template: win2003"], [ALPHA, "vlan: 120", "vlan: 220"]);
    expect(errors.map((e) => [e.file, e.line, e.pointer])).toEqual([
      [ALPHA, lineOf(dir, ALPHA, "vlan: 220"), "/networks/1/vlan"],
      [ALPHA, lineOf(dir, ALPHA, "template: win2003"), "/workloads/1/template"],
    ]);
  });
});

describe("the sites directory", () => {
  test("an empty sites directory is one error on the directory", () => {
    const dir = tempDir();
    let caught: unknown;
    try {
      planSites(dir, { asOf: AS_OF, display: (p) => p });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SpecErrors);
    expect((caught as SpecErrors).errors).toEqual([
      {
        file: dir,
        line: 0,
        col: 0,
        pointer: "",
        message: expect.stringMatching(/^expected at least one site \(.*<site>.site\.yaml\), found none$/),
      },
    ]);
  });

  test("a directory whose folders hold no site.yaml has no site either", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "tiny", "tenants"), { recursive: true });
    writeFileSync(join(dir, "tiny", "tenants", "alpha.yaml"), "tenant: alpha\n");
    writeFileSync(join(dir, "site.yaml"), "site: tiny\n");
    expect(() => planSites(dir, { asOf: AS_OF, display: (p) => p })).toThrow(/at least one site/);
  });
});

/** Every file below `dir` with its bytes, to compare a directory before and after. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path).toString("base64"));
    }
  };
  walk(dir);
  return files;
}

describe("synth CLI with bad input", () => {
  test("exits 2, prints file:line:col: /pointer: message lines and no stack trace, and writes nothing", () => {
    const dir = sites([SITE, "rack: r2\n        address", "rack: r9\n        address"], [ALPHA, "template: rhel9", "template: win2003"]);
    synthRefuses(dir, [
      printed({
        ...located(dir, [SITE, "rack: r9", "r9"]),
        pointer: "/clusters/0/hosts/1/rack",
        message: /^unknown rack "r9"; expected one of r1, r2$/,
      }),
      printed({
        ...located(dir, [ALPHA, "template: win2003", "win2003"]),
        pointer: "/workloads/1/template",
        message: /^unknown template "win2003"; expected one of rhel9, win2022$/,
      }),
    ]);
  });

  test("leaves a previous output directory and the address lock byte-identical", () => {
    const dir = sites();
    const outDir = synthOk(dir);
    const lock = join(dir, "tiny", "ipam.lock.yaml");
    const before = snapshot(outDir);
    const lockBefore = readFileSync(lock);
    expect(before.size).toBeGreaterThan(0);

    // A mistake, plus a third domain controller that would change both the output and the lock if anything were written.
    edit(dir, SITE, "country: NO", "country: FI");
    edit(dir, ALPHA, "count: 2", "count: 3");
    synthRefuses(
      dir,
      [
        printed({
          ...located(dir, [SITE, "country: FI", "FI"]),
          pointer: "/country",
          message: /^expected one of "SE", "NO", "DK", found "FI"$/,
        }),
      ],
      outDir,
    );

    expect(snapshot(outDir)).toEqual(before);
    expect(readFileSync(lock).equals(lockBefore)).toBe(true);
  });

  test("a credential in a spec file is reported without its value", () => {
    const dir = sites([SITE, "  backend: local", "  backend: pg\n  pgHost: postgres://tf:s3cr3tpw@tfstate.example/terraform"]);
    const stderr = synthRefuses(dir, [
      printed({
        ...located(dir, [SITE, "pgHost: postgres://", "postgres://"]),
        pointer: "/state/pgHost",
        message: /^found a user name and password inside a URL/,
      }),
    ]);
    expect(stderr).not.toContain("s3cr3tpw");
  });

  test("an empty sites directory exits 2 naming the directory", () => {
    synthRefuses(tempDir("sites-"), [/: \/: expected at least one site \(.*<site>.site\.yaml\), found none/]);
  });
});
