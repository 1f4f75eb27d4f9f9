import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloneId, doubleRoom, enlargedSiteText, type DoubledRoom } from "../../bench/double-room";
import { planSites } from "../../plan/plan-sites";
import { vmPrefixOf } from "../../cli/clone/tenant-names";
import { AS_OF, EXAMPLES } from "../helpers";

// The bench doubles the county room; the generator is the same for any site, so the test doubles the
// smallest site with a host tenant and partners (fjordvik) and stays fast.
const SITE = "fjordvik";

const hashTree = (dir: string): string => {
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      h.update(p.slice(dir.length));
      if (e.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest("hex");
};

describe("bench/double-room: a room twice the size, made by the clone code", () => {
  let root: string;
  let room: DoubledRoom;
  let sourceHash: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "double-room-test-"));
    sourceHash = hashTree(join(EXAMPLES, SITE));
    room = doubleRoom(EXAMPLES, SITE, join(root, "sites"), AS_OF);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("has twice the tenants, a clone of each, and loads", () => {
    const loaded = planSites(join(root, "sites"), { asOf: AS_OF, site: SITE }).sites[0];
    const ids = loaded.tenants.map((t) => t.spec.tenant).sort();
    expect(room.tenants).toBe(2 * room.sourceTenants);
    expect(ids).toHaveLength(room.tenants);
    for (const c of room.clones) {
      expect(c.to).toBe(cloneId(c.from));
      expect(ids).toContain(c.from);
      expect(ids).toContain(c.to);
    }
  });

  it("has about twice the VMs: each clone the source's, less what the clone leaves out as the source's alone", () => {
    expect(room.vms).toBe(room.sourceVms + room.clones.reduce((n, c) => n + c.vms, 0));
    expect(room.clones.reduce((n, c) => n + c.sourceVms, 0)).toBe(room.sourceVms);
    for (const c of room.clones) {
      expect(c.vms).toBeGreaterThan(0);
      expect(c.vms).toBeLessThanOrEqual(c.sourceVms);
    }
    expect(room.vms).toBeGreaterThanOrEqual(1.9 * room.sourceVms);
  });

  it("gives every tenant its own VM prefix", () => {
    const loaded = planSites(join(root, "sites"), { asOf: AS_OF, site: SITE }).sites[0];
    const prefixes = loaded.tenants.map((t) => vmPrefixOf((t.spec.workloads ?? []).map((w) => w.namePattern ?? w.name))).filter((p) => p);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("leaves the source untouched and refuses a target that exists", () => {
    expect(hashTree(join(EXAMPLES, SITE))).toBe(sourceHash);
    expect(() => doubleRoom(EXAMPLES, SITE, join(root, "sites"), AS_OF)).toThrow(/exists/);
  });
});

describe("enlargedSiteText: capacity for twice the tenants", () => {
  const site =
    "clusters:\n  - name: prod\n    hosts:\n" +
    "      - { name: esx01, rack: r02, cpuCores: 128, memoryGb: 2048, thumbprint: x }\n" +
    "      - { name: esx02, rack: r02, cpuCores: 64, memoryGb: 1024 }   # the old one\n" +
    'firewall:\n  model: FortiGate 1800F\n  vdomLicences: 25   # the upgrade licence\n  timezone: "26"\n';

  it("raises the VDOM licence to root, shared and one per tenant, and doubles each host, keeping comments", () => {
    const { text, changes } = enlargedSiteText(site, 30);
    expect(text).toBe(
      site
        .replace("vdomLicences: 25", "vdomLicences: 32")
        .replace("cpuCores: 128, memoryGb: 2048", "cpuCores: 256, memoryGb: 4096")
        .replace("cpuCores: 64, memoryGb: 1024", "cpuCores: 128, memoryGb: 2048"),
    );
    expect(changes).toEqual([
      "firewall.vdomLicences 25 -> 32 (root, shared and 30 tenant VDOMs)",
      "cpuCores and memoryGb of each of the 2 hosts doubled (RED-HOST-N1: the hosts left after the tolerated failures hold every VM)",
    ]);
  });

  it("leaves a licence that is big enough (and a site without hosts or firewall) as it is", () => {
    expect(enlargedSiteText(site, 20).text).toContain("vdomLicences: 25");
    expect(enlargedSiteText("site: x\n", 30)).toEqual({ text: "site: x\n", changes: [] });
  });
});
