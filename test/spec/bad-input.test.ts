import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Writable } from "node:stream";
import { main } from "../../cli/synth";
import { loadSites } from "../../spec/load-sites";
import { formatSpecError, SpecErrors } from "../../spec/spec-error";
import { at, BETA_YAML, broken, escape, expectError, expectOnly, matcher, where } from "../spec-error-matchers";
import { AS_OF, copySites, edit, lineOf, load, loadErrors, tempDir } from "../helpers";

/**
 * Bad input, one mistake at a time: each test copies the valid tiny site, injects one mistake and asserts
 * the file, line (found by the injected text, never hard-coded), JSON pointer and message of what the
 * loader reports.
 */

const SITE = "tiny/site.yaml";
const ALPHA = "tiny/tenants/alpha.yaml";
const BETA = "tiny/tenants/beta.yaml";

/** The SpecErrors loading throws (to look at its message as well as its errors). */
function thrown(dir: string): SpecErrors {
  try {
    load(dir);
  } catch (e) {
    if (e instanceof SpecErrors) return e;
    throw e;
  }
  throw new Error("expected spec errors, but the sites loaded");
}

/** A secret must appear nowhere in what the user is shown. */
function expectNotEchoed(dir: string, secret: string): void {
  const e = thrown(dir);
  expect(e.message).not.toContain(secret);
  for (const err of e.errors) {
    expect(formatSpecError(err)).not.toContain(secret);
    expect(JSON.stringify(err)).not.toContain(secret);
  }
}

function withBeta(): string {
  const dir = copySites();
  writeFileSync(join(dir, BETA), BETA_YAML);
  return dir;
}

const SECRET_MESSAGE = /credentials are supplied at plan time .* never written in spec files/;

test("the tiny fixture and the two-tenant variant load without errors (every mistake below is the injected one)", () => {
  expect(() => load(copySites())).not.toThrow();
  expect(() => load(withBeta())).not.toThrow();
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
    expectOnly(errors, { file: SITE, line: lineOf(dir, SITE, "hostNics:"), col: 3, pointer: "", message: /^YAML syntax: .*end with a \]/ });
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
  test("a missing required field: pointer to the field, line of the object that lacks it", () => {
    const { dir, errors } = broken([SITE, '        thumbprint: "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD"\n', ""]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "- name: esx01", "name: esx01"),
      pointer: "/clusters/0/hosts/0/thumbprint",
      message: /^missing required field "thumbprint"$/,
    });
  });

  test("a wrong type: what was expected and what was found, at the value", () => {
    const { dir, errors } = broken([SITE, "cpuCores: 32", 'cpuCores: "lots"']);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, 'cpuCores: "lots"', '"lots"'),
      pointer: "/clusters/0/hosts/0/cpuCores",
      message: /^expected an integer, found "lots"$/,
    });
  });

  test("an unknown field: pointer and line of the key, naming the allowed fields", () => {
    const { dir, errors } = broken([SITE, "  - id: r2\n    room: room-a", "  - id: r2\n    room: room-a\n    colour: red"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "colour: red"),
      pointer: "/racks/1/colour",
      message: /^unknown field "colour"; expected one of: id, room, designKw$/,
    });
  });

  test("an unknown field in a flow mapping is located at its key", () => {
    const { dir, errors } = broken([
      SITE,
      "{ id: san1-b, model: PowerStore node B, rack: r1 }",
      "{ id: san1-b, model: PowerStore node B, rack: r1, colour: red }",
    ]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "colour: red", "colour"),
      pointer: "/san/controllers/1/colour",
      message: /^unknown field "colour"; expected one of: id, model, firmware, rack, psus, links$/,
    });
  });

  test("a bad enum value in the site: the allowed values and the value found", () => {
    const { dir, errors } = broken([SITE, "country: NO", "country: FI"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "country: FI", "FI"),
      pointer: "/country",
      message: /^expected one of "SE", "NO", "DK", found "FI"$/,
    });
  });

  test("a bad enum value in a tenant", () => {
    const { dir, errors } = broken([ALPHA, "criticality: standard", "criticality: meh"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "criticality: meh", "meh"),
      pointer: "/workloads/2/criticality",
      message: /^expected one of "life-and-health", "critical", "standard", "low", found "meh"$/,
    });
  });
});

describe("unknown references", () => {
  test("a host in a rack that does not exist", () => {
    const { dir, errors } = broken([SITE, "rack: r2\n        address", "rack: r9\n        address"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "rack: r9", "r9"),
      pointer: "/clusters/0/hosts/1/rack",
      message: /^unknown rack "r9"; expected one of r1, r2$/,
    });
  });

  test("a rack in a room that does not exist", () => {
    const { dir, errors } = broken([SITE, "  - id: r2\n    room: room-a", "  - id: r2\n    room: room-z"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "room: room-z", "room-z"),
      pointer: "/racks/1/room",
      message: /^unknown room "room-z"; expected one of room-a$/,
    });
  });

  test("a workload on a network that does not exist", () => {
    const { dir, errors } = broken([ALPHA, "network: health", "network: nowhere"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "network: nowhere", "nowhere"),
      pointer: "/workloads/1/network",
      message: /^unknown network \(own or shared-services\) "nowhere"; expected one of health, servers, shared$/,
    });
  });

  test("a workload on a datastore that does not exist", () => {
    const { dir, errors } = broken([ALPHA, "    network: health\n", "    network: health\n    datastore: ds-missing\n"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "datastore: ds-missing", "ds-missing"),
      pointer: "/workloads/1/datastore",
      message: /^unknown datastore or datastore cluster "ds-missing"; expected one of ds01, ds02, dsc-prod$/,
    });
  });

  test("a workload with a storage policy that does not exist", () => {
    const { dir, errors } = broken([ALPHA, "    network: health\n", "    network: health\n    storagePolicy: gold\n"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "storagePolicy: gold", "gold"),
      pointer: "/workloads/1/storagePolicy",
      message: /^unknown storage policy "gold"; expected one of encrypted, standard$/,
    });
  });

  test("a workload cloned from a template that does not exist", () => {
    const { dir, errors } = broken([ALPHA, "template: rhel9", "template: win2003"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "template: win2003", "win2003"),
      pointer: "/workloads/1/template",
      message: /^unknown template "win2003"; expected one of rhel9, win2022$/,
    });
  });

  test("a tenant on a compute cluster that does not exist", () => {
    const { dir, errors } = broken([ALPHA, "operatorsGroup:", "cluster: nowhere\noperatorsGroup:"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "cluster: nowhere", "nowhere"),
      pointer: "/cluster",
      message: /^unknown cluster "nowhere"; expected one of prod$/,
    });
  });

  test("a workload on a compute cluster that does not exist", () => {
    const { dir, errors } = broken([ALPHA, "    network: health\n", "    network: health\n    cluster: test\n"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "cluster: test", "test"),
      pointer: "/workloads/1/cluster",
      message: /^unknown cluster "test"; expected one of prod$/,
    });
  });

  test("a workload with a VM size the site does not define", () => {
    const { dir, errors } = broken([
      ALPHA,
      "size: small\n    network: servers\n    criticality: critical",
      "size: huge\n    network: servers\n    criticality: critical",
    ]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "size: huge", "huge"),
      pointer: "/workloads/0/size",
      message: /^unknown VM size "huge"; expected one of small$/,
    });
  });
});

describe("duplicate names", () => {
  test("two hosts with the same name: reported at the second, naming where the first is", () => {
    const { dir, errors: all } = broken([SITE, "name: esx02", "name: esx01"]);
    const errors = all.filter((e) => !e.pointer.startsWith("/facility/")); // esx02's wiring is now dangling too
    const first = at(dir, SITE, "name: esx01", "esx01", 0);
    expectError(errors, {
      file: SITE,
      ...at(dir, SITE, "name: esx01", "esx01", 1),
      pointer: "/clusters/0/hosts/1/name",
      message: new RegExp(`^duplicate host name "esx01"; first defined at ${escape(where(SITE, first))}$`),
    });
    // Nothing but the duplicate (the host name is also a device id; see the failing test below).
    expect(errors.every((e) => e.pointer === "/clusters/0/hosts/1/name" && /^duplicate /.test(e.message))).toBe(true);
  });

  test("two tenant networks with the same name", () => {
    const { dir, errors } = broken([ALPHA, "workloads:\n", "  - name: servers\n    vlan: 130\n    cidr: 10.1.30.0/24\nworkloads:\n"]);
    expectError(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "name: servers", "servers", 1),
      pointer: "/networks/2/name",
      message: new RegExp(
        `^duplicate network name "servers"; first defined at ${escape(where(ALPHA, at(dir, ALPHA, "name: servers", "servers")))}$`,
      ),
    });
  });

  test("two site networks with the same name", () => {
    const { dir, errors } = broken([SITE, "dns:\n", "  - name: shared\n    vlan: 21\n    cidr: 10.0.21.0/24\ndns:\n"]);
    expectError(errors, {
      file: SITE,
      ...at(dir, SITE, "name: shared", "shared", 1),
      pointer: "/networks/3/name",
      message: new RegExp(
        `^duplicate network name "shared"; first defined at ${escape(where(SITE, at(dir, SITE, "name: shared", "shared")))}$`,
      ),
    });
  });

  test("two workloads with the same VM name", () => {
    const { dir, errors } = broken([ALPHA, "name: legacy-app", "name: journal"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "name: journal", "journal", 1),
      pointer: "/workloads/2/name",
      message: new RegExp(
        `^duplicate VM name "journal"; first defined at ${escape(where(ALPHA, at(dir, ALPHA, "name: journal", "journal")))}$`,
      ),
    });
  });

  test("a VM name that clashes with one a namePattern produces", () => {
    const { dir, errors } = broken([ALPHA, "name: journal", "name: alpha-dc02"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "name: alpha-dc02", "alpha-dc02"),
      pointer: "/workloads/1/name",
      message: new RegExp(`^duplicate VM name "alpha-dc02"; first defined at ${escape(where(ALPHA, at(dir, ALPHA, "- name: dc", "dc")))}$`),
    });
  });
});

describe("VLANs and address ranges", () => {
  test("two tenant networks on the same VLAN", () => {
    const { dir, errors } = broken([ALPHA, "vlan: 120", "vlan: 110"]);
    const first = at(dir, ALPHA, "vlan: 110", "110", 0);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "vlan: 110", "110", 1),
      pointer: "/networks/1/vlan",
      message: new RegExp(`^duplicate VLAN id 110; already used by alpha network servers at ${escape(where(ALPHA, first))}$`),
    });
  });

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

  test("a tenant VLAN range that holds a site network's VLAN", () => {
    const { dir, errors } = broken([ALPHA, "vlanRange: { from: 100, to: 199 }", "vlanRange: { from: 11, to: 199 }"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "vlanRange:", "{"),
      pointer: "/vlanRange",
      message: new RegExp(
        `^VLAN range 11-199 holds VLAN 11 of site network vmotion at ${escape(where(SITE, at(dir, SITE, "vlan: 11", "11")))}$`,
      ),
    });
  });

  test("two tenant networks whose address ranges overlap", () => {
    const { dir, errors } = broken(
      [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.1.10.16/28"],
      [ALPHA, "gateway: 10.1.20.1", "gateway: 10.1.10.17"],
      [ALPHA, "ip: 10.1.20.5", "ip: 10.1.10.21"],
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "cidr: 10.1.10.16/28", "10.1.10.16/28"),
      pointer: "/networks/1/cidr",
      message: new RegExp(
        `^network 10\\.1\\.10\\.16/28 \\(alpha network health\\) overlaps 10\\.1\\.10\\.0/24 \\(alpha network servers\\) at ${escape(where(ALPHA, at(dir, ALPHA, "cidr: 10.1.10.0/24", "10.1.10.0/24")))}$`,
      ),
    });
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

  test("two tenants whose VLAN ranges overlap", () => {
    const dir = withBeta();
    edit(dir, BETA, "vlanRange: { from: 200, to: 299 }", "vlanRange: { from: 150, to: 299 }");
    expectOnly(loadErrors(dir), {
      file: BETA,
      ...at(dir, BETA, "vlanRange:", "{"),
      pointer: "/vlanRange",
      message: new RegExp(
        `^VLAN range 150-299 overlaps tenant alpha's range 100-199 at ${escape(where(ALPHA, at(dir, ALPHA, "vlanRange:", "{")))}$`,
      ),
    });
  });

  test("two tenants whose address ranges overlap", () => {
    const dir = withBeta();
    edit(dir, BETA, "cidr: 10.2.0.0/16", "cidr: 10.1.128.0/17");
    edit(dir, BETA, "cidr: 10.2.10.0/24\n    gateway: 10.2.10.1", "cidr: 10.1.130.0/24\n    gateway: 10.1.130.1");
    expectOnly(loadErrors(dir), {
      file: BETA,
      ...at(dir, BETA, "cidr: 10.1.128.0/17", "10.1.128.0/17"),
      pointer: "/cidr",
      message: new RegExp(
        `^address range 10\\.1\\.128\\.0/17 overlaps tenant alpha's range 10\\.1\\.0\\.0/16 at ${escape(where(ALPHA, at(dir, ALPHA, "cidr: 10.1.0.0/16", "10.1.0.0/16")))}$`,
      ),
    });
  });

  test("a tenant VLAN outside the tenant's VLAN range", () => {
    const { dir, errors } = broken([ALPHA, "vlan: 120", "vlan: 220"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "vlan: 220", "220"),
      pointer: "/networks/1/vlan",
      message: /^expected a VLAN in the tenant's range 100-199, found 220$/,
    });
  });

  test("a tenant network outside the tenant's address range", () => {
    const { dir, errors } = broken(
      [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.2.20.0/28"],
      [ALPHA, "gateway: 10.1.20.1", "gateway: 10.2.20.1"],
      [ALPHA, "ip: 10.1.20.5", "ip: 10.2.20.5"],
    );
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "cidr: 10.2.20.0/28", "10.2.20.0/28"),
      pointer: "/networks/1/cidr",
      message: /^expected a network inside the tenant's range 10\.1\.0\.0\/16, found 10\.2\.20\.0\/28$/,
    });
  });

  test("a CIDR with host bits set names the network meant", () => {
    const { dir, errors } = broken([ALPHA, "cidr: 10.1.10.0/24", "cidr: 10.1.10.5/24"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "cidr: 10.1.10.5/24", "10.1.10.5/24"),
      pointer: "/networks/0/cidr",
      message: /^expected a network address with no host bits set, found "10\.1\.10\.5\/24" \(did you mean 10\.1\.10\.0\/24\?\)$/,
    });
  });
});

describe("addresses", () => {
  test("a fixed IP outside its network", () => {
    const { dir, errors } = broken([ALPHA, "ip: 10.1.20.5", "ip: 10.1.99.5"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "ip: 10.1.99.5", "10.1.99.5"),
      pointer: "/workloads/1/ip",
      message: /^expected an address inside the health network 10\.1\.20\.0\/28, found 10\.1\.99\.5$/,
    });
  });

  test("a fixed IP that is the network's broadcast address", () => {
    const { dir, errors } = broken([ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.15"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "ip: 10.1.20.15", "10.1.20.15"),
      pointer: "/workloads/1/ip",
      message: /^expected a host address of 10\.1\.20\.0\/28, found its broadcast address 10\.1\.20\.15$/,
    });
  });

  test("two workloads with the same fixed IP", () => {
    const { dir, errors } = broken([
      ALPHA,
      "    network: servers\n    criticality: standard",
      "    network: health\n    ip: 10.1.20.5\n    criticality: standard",
    ]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "ip: 10.1.20.5", "10.1.20.5", 1),
      pointer: "/workloads/2/ip",
      message: new RegExp(
        `^address 10\\.1\\.20\\.5 is used twice; first at ${escape(where(ALPHA, at(dir, ALPHA, "ip: 10.1.20.5", "10.1.20.5")))}$`,
      ),
    });
  });

  test("a fixed IP equal to its network's gateway", () => {
    const { dir, errors } = broken([ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.1"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "ip: 10.1.20.1", "10.1.20.1"),
      pointer: "/workloads/1/ip",
      message: new RegExp(
        `^address 10\\.1\\.20\\.1 is used twice; first at ${escape(where(ALPHA, at(dir, ALPHA, "gateway: 10.1.20.1", "10.1.20.1")))}$`,
      ),
    });
  });

  test("a fixed IP on a shared-services network equal to the site's gateway", () => {
    const { dir, errors } = broken([ALPHA, "network: health\n    ip: 10.1.20.5", "network: shared\n    ip: 10.0.20.1"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "ip: 10.0.20.1", "10.0.20.1"),
      pointer: "/workloads/1/ip",
      message: new RegExp(
        `^address 10\\.0\\.20\\.1 is used twice; first at ${escape(where(SITE, at(dir, SITE, "gateway: 10.0.20.1", "10.0.20.1")))}$`,
      ),
    });
  });

  test("the same fixed IP in two tenants", () => {
    const dir = withBeta();
    edit(dir, ALPHA, "network: health\n    ip: 10.1.20.5", "network: shared\n    ip: 10.0.20.50");
    edit(dir, BETA, "    network: office\n", "    network: shared\n    ip: 10.0.20.50\n");
    expectOnly(loadErrors(dir), {
      file: BETA,
      ...at(dir, BETA, "ip: 10.0.20.50", "10.0.20.50"),
      pointer: "/workloads/0/ip",
      message: new RegExp(
        `^address 10\\.0\\.20\\.50 is used twice; first at ${escape(where(ALPHA, at(dir, ALPHA, "ip: 10.0.20.50", "10.0.20.50")))}$`,
      ),
    });
  });

  test("a network with too few free addresses for its VMs", () => {
    const many =
      "  - name: many\n    count: 20\n    template: rhel9\n    size: small\n    network: health\n    criticality: low\n    classification: internal\n";
    const { dir, errors } = broken([ALPHA, "  - name: legacy-app", `${many}  - name: legacy-app`]);
    // 10.1.20.0/28: 14 host addresses, 2 reserved, 21 VMs (journal and 20 more): 12 free, one of them taken by journal.
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "- name: many", "name: many"),
      pointer: "/workloads/2",
      message:
        /^network health \(10\.1\.20\.0\/28\) has too few free addresses for its VMs: 21 VMs need one, 12 addresses after the 2 reserved.*VM many-12 gets none$/,
    });
  });
});

describe("SAN", () => {
  test("a LUN id that is not an NAA id", () => {
    const { dir, errors } = broken([SITE, "- { naa: naa.600a098038303053453f463045726b02,", "- { naa: lun-7,"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "naa: lun-7", "lun-7"),
      pointer: "/san/luns/1/naa",
      message: /^expected an NAA id: naa\. followed by 16 or 32 lower-case hex digits, found "lun-7"$/,
    });
  });

  test("a datastore on a LUN named by something other than its NAA id", () => {
    const { dir, errors } = broken([SITE, "- { name: ds02, lun: naa.600a098038303053453f463045726b02", "- { name: ds02, lun: lun-7"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "lun: lun-7", "lun-7"),
      pointer: "/san/datastores/1/lun",
      message: /^expected the NAA id of a LUN in san\.luns, found "lun-7"$/,
    });
  });

  test("two datastores whose names differ only in case (they would share a Terraform address)", () => {
    const { dir, errors } = broken(
      [SITE, "{ name: ds02,", "{ name: DS01,"],
      [SITE, "datastores: [ds01, ds02]", "datastores: [ds01, DS01]"],
    );
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: DS01", "DS01"),
      pointer: "/san/datastores/1/name",
      message: new RegExp(
        `^duplicate datastore name \\(ignoring case\\) "ds01"; first defined at ${escape(where(SITE, at(dir, SITE, "name: ds01", "ds01")))}$`,
      ),
    });
  });

  test("an encryption storage policy without a key provider", () => {
    const { dir, errors } = broken([SITE, ", encryption: true, keyProvider: nkp }", ", encryption: true }"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: encrypted", "{"),
      pointer: "/storagePolicies/1",
      message: /^an encryption policy needs keyProvider .*found none$/,
    });
  });
});

describe("credentials written into spec files", () => {
  test("a root password under a host: reported at the key, the value never echoed", () => {
    const { dir, errors } = broken([
      SITE,
      "        memoryGb: 512\n        vmotionAddress: 10.0.11.12",
      "        memoryGb: 512\n        rootPassword: hunter22\n        vmotionAddress: 10.0.11.12",
    ]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "rootPassword: hunter22", "rootPassword"),
      pointer: "/clusters/0/hosts/1/rootPassword",
      message: /^found a credential in field "rootPassword"; /,
    });
    expect(errors[0].message).toMatch(SECRET_MESSAGE);
    expectNotEchoed(dir, "hunter22");
  });

  test("a token in a tenant file", () => {
    const { dir, errors } = broken([ALPHA, "name: Alpha kommune", "name: Alpha kommune\ntoken: abc7f3e9q"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "token: abc7f3e9q", "token"),
      pointer: "/token",
      message: /^found a credential in field "token"; /,
    });
    expect(errors[0].message).toMatch(SECRET_MESSAGE);
    expectNotEchoed(dir, "abc7f3e9q");
  });

  test("a user name and password inside the state backend's URL", () => {
    const { dir, errors } = broken([SITE, "  backend: local", "  backend: pg\n  pgHost: postgres://tf:s3cr3tpw@tfstate.example/terraform"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "pgHost: postgres://", "postgres://"),
      pointer: "/state/pgHost",
      message: /^found a user name and password inside a URL; /,
    });
    expect(errors[0].message).toMatch(SECRET_MESSAGE);
    expectNotEchoed(dir, "s3cr3tpw");
  });

  // Loader bug: a schema error on an object or list holding a flagged secret shows the value it found.
  test("a credential inside a value of the wrong type is not echoed by the type error", () => {
    const { dir, errors } = broken([SITE, "municipality: Tinyby kommune", "municipality: { password: hunter22 }"]);
    expectError(errors, {
      file: SITE,
      ...at(dir, SITE, "password: hunter22", "password"),
      pointer: "/municipality/password",
      message: /^found a credential in field "password"; /,
    });
    expectNotEchoed(dir, "hunter22");
  });

  test("a credential inside a template entry is not echoed by the either-or error", () => {
    const { dir, errors } = broken([SITE, "  - { id: rhel9, vm: tpl-rhel9,", "  - { token: abc7f3e9q, id: rhel9,"]);
    expectError(errors, {
      file: SITE,
      ...at(dir, SITE, "token: abc7f3e9q", "token"),
      pointer: "/templates/0/token",
      message: /^found a credential in field "token"; /,
    });
    expectNotEchoed(dir, "abc7f3e9q");
  });

  // Loader bug: only user:password@ is looked for; libpq also takes the password as a URL parameter.
  test("a password as a parameter of the state backend's URL", () => {
    const { dir, errors } = broken([
      SITE,
      "  backend: local",
      "  backend: pg\n  pgHost: postgres://tfstate.example/terraform?sslmode=verify-full&password=hunter22",
    ]);
    expectOnly(errors, { file: SITE, ...at(dir, SITE, "pgHost:", "postgres://"), pointer: "/state/pgHost", message: /password/ });
    expectNotEchoed(dir, "hunter22");
  });

  // Loader bug: nor in the keyword=value form of a libpq connection string.
  test("a password in a keyword=value connection string of the state backend", () => {
    const { dir, errors } = broken([
      SITE,
      "  backend: local",
      "  backend: pg\n  pgHost: host=tfstate.example dbname=terraform user=tf password=hunter22",
    ]);
    expectOnly(errors, { file: SITE, ...at(dir, SITE, "pgHost:", "host="), pointer: "/state/pgHost", message: /password/ });
    expectNotEchoed(dir, "hunter22");
  });
});

describe("site and tenant rules", () => {
  test("a production site with local state", () => {
    const { dir, errors } = broken([SITE, "environment: test", "environment: production"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "backend: local", "local"),
      pointer: "/state/backend",
      message: /^a production site may not keep Terraform state locally; expected state\.backend pg, s3, http or remote, found "local"$/,
    });
  });

  test("a production site without state settings (local by default)", () => {
    const { dir, errors } = broken([SITE, "environment: test", "environment: production"], [SITE, "state:\n  backend: local\n", ""]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "environment: production", "production"),
      pointer: "/environment",
      message: /^a production site may not keep Terraform state locally; .*found "local \(the default\)"$/,
    });
  });

  test("a tenant whose tenant: differs from its file name", () => {
    const { dir, errors } = broken([ALPHA, "tenant: alpha", "tenant: beta"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "tenant: beta", "beta"),
      pointer: "/tenant",
      message: /^expected the file name "alpha", found "beta"$/,
    });
  });

  test("a Windows VM name longer than 15 characters", () => {
    const { dir, errors } = broken([ALPHA, "name: journal\n    template: rhel9", "name: journal-windows-server\n    template: win2022"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "name: journal-windows-server", "journal-windows-server"),
      pointer: "/workloads/1/name",
      message: /^a Windows computer name has at most 15 characters, found "journal-windows-server" \(22\)$/,
    });
  });
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
      loadSites(dir, { asOf: AS_OF, display: (p) => p });
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
    expect(() => loadSites(dir, { asOf: AS_OF, display: (p) => p })).toThrow(/at least one site/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Loader bugs: one mistake, one message, and no message that contradicts the file.

describe("loader bugs (failing until fixed)", () => {
  // A duplicate network name makes both entries look up the later network's range by name, so the
  // later network is reported as overlapping itself (and the message names the first entry's line).
  test("a duplicate tenant network name is reported once, without a network overlapping itself", () => {
    const { dir, errors } = broken([ALPHA, "workloads:\n", "  - name: servers\n    vlan: 130\n    cidr: 10.1.30.0/24\nworkloads:\n"]);
    expectOnly(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "name: servers", "servers", 1),
      pointer: "/networks/2/name",
      message: /^duplicate network name "servers"/,
    });
  });

  test("a duplicate site network name is reported once, without a network overlapping itself", () => {
    const { dir, errors } = broken([SITE, "dns:\n", "  - name: shared\n    vlan: 21\n    cidr: 10.0.21.0/24\ndns:\n"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: shared", "shared", 1),
      pointer: "/networks/3/name",
      message: /^duplicate network name "shared"/,
    });
  });

  // checkSite keys network ranges by name: with two networks named vmotion, the hosts' vMotion addresses
  // are checked against the second one's range while the message names the first one's.
  test("a duplicate site network name does not make correct host addresses look wrong", () => {
    const { dir, errors } = broken([SITE, "name: shared", "name: vmotion"]);
    expect(errors.filter((e) => /vmotionAddress$/.test(e.pointer))).toEqual([]);
    expectError(errors, {
      file: SITE,
      ...at(dir, SITE, "name: vmotion", "vmotion", 1),
      pointer: "/networks/2/name",
      message: /^duplicate network name "vmotion"/,
    });
  });

  // Site networks also take part in the tenant-range check, so two overlapping site networks are reported
  // twice at the same place ("network ... overlaps" and "address range ... overlaps").
  test("two overlapping site networks are reported once", () => {
    const { dir, errors } = broken([SITE, "cidr: 10.0.20.0/24", "cidr: 10.0.0.0/16"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "cidr: 10.0.0.0/16", "10.0.0.0/16"),
      pointer: "/networks/2/cidr",
      message: /^network 10\.0\.0\.0\/16 \(site network shared\) overlaps 10\.0\.10\.0\/24 \(site network management\)/,
    });
  });

  // A host's name is also checked as a device id, so a duplicate host name gives two messages.
  test("a duplicate host name is reported once", () => {
    const { dir, errors: all } = broken([SITE, "name: esx02", "name: esx01"]);
    // The facility still wires and cables esx02, which is now gone: those are errors of their own.
    const errors = all.filter((e) => !e.pointer.startsWith("/facility/"));
    expect(
      all
        .filter((e) => e.pointer.startsWith("/facility/"))
        .map((e) => e.pointer)
        .sort(),
    ).toEqual(["/facility/links/esx02", "/facility/power/esx02"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "name: esx01", "esx01", 1),
      pointer: "/clusters/0/hosts/1/name",
      message: /^duplicate host name "esx01"/,
    });
  });

  // With count, the VM names come from namePattern; the error points at `name` (here "dc", 2 characters).
  test("a Windows VM name from a namePattern that is too long points at the namePattern", () => {
    const { dir, errors } = broken([ALPHA, 'namePattern: "alpha-dc{n:02}"', 'namePattern: "alpha-domainctl{n:02}"']);
    expectError(errors, {
      file: ALPHA,
      ...at(dir, ALPHA, "namePattern:", '"alpha-domainctl'),
      pointer: "/workloads/0/namePattern",
      message: /^a Windows computer name has at most 15 characters, found "alpha-domainctl01" \(17\)$/,
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

/** A writable stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

function synth(args: string[]): { code: number; stdout: string; stderr: string } {
  const out = collector();
  const err = collector();
  const code = main(args, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

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
    const sites = copySites();
    edit(sites, SITE, "rack: r2\n        address", "rack: r9\n        address");
    edit(sites, ALPHA, "template: rhel9", "template: win2003");
    const parent = tempDir("out-");
    const outDir = join(parent, "out");

    const r = synth(["--sites", sites, "--out", outDir]);

    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const rack = at(sites, SITE, "rack: r9", "r9");
    const template = at(sites, ALPHA, "template: win2003", "win2003");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`(^|/)tiny/site\\.yaml:${rack.line}:${rack.col}: /clusters/0/hosts/1/rack: unknown rack "r9"; expected one of r1, r2$`),
      ),
      expect.stringMatching(
        new RegExp(
          `(^|/)tiny/tenants/alpha\\.yaml:${template.line}:${template.col}: /workloads/1/template: unknown template "win2003"; expected one of rhel9, win2022$`,
        ),
      ),
      "2 error(s); nothing was written.",
    ]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(existsSync(outDir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    expect(existsSync(join(sites, "tiny", "ipam.lock.yaml"))).toBe(false);
  });

  test("leaves a previous output directory and the address lock byte-identical", () => {
    const sites = copySites();
    const outDir = join(tempDir("out-"), "out");
    const good = synth(["--sites", sites, "--out", outDir]);
    expect(good.code).toBe(0);
    const lock = join(sites, "tiny", "ipam.lock.yaml");
    const before = snapshot(outDir);
    const lockBefore = readFileSync(lock);
    expect(before.size).toBeGreaterThan(0);

    // A mistake, plus a third domain controller that would change both the output and the lock if anything were written.
    edit(sites, SITE, "country: NO", "country: FI");
    edit(sites, ALPHA, "count: 2", "count: 3");
    const bad = synth(["--sites", sites, "--out", outDir]);

    expect(bad.code).toBe(2);
    const country = at(sites, SITE, "country: FI", "FI");
    expect(bad.stderr).toMatch(
      new RegExp(`(^|/)tiny/site\\.yaml:${country.line}:${country.col}: /country: expected one of "SE", "NO", "DK", found "FI"$`, "m"),
    );
    expect(bad.stderr).toMatch(/^1 error\(s\); nothing was written\.$/m);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(outDir)).toEqual(before);
    expect(readFileSync(lock).equals(lockBefore)).toBe(true);
  });

  test("a credential in a spec file is reported without its value", () => {
    const sites = copySites();
    edit(sites, SITE, "  backend: local", "  backend: pg\n  pgHost: postgres://tf:s3cr3tpw@tfstate.example/terraform");
    const r = synth(["--sites", sites, "--out", join(tempDir("out-"), "out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tiny\/site\.yaml:\d+:\d+: \/state\/pgHost: found a user name and password inside a URL/);
    expect(r.stderr).not.toContain("s3cr3tpw");
  });

  test("an empty sites directory exits 2 naming the directory", () => {
    const sites = tempDir("sites-");
    const outDir = join(tempDir("out-"), "out");
    const r = synth(["--sites", sites, "--out", outDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/: \/: expected at least one site \(.*<site>.site\.yaml\), found none/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(outDir)).toBe(false);
  });
});
