import type { Site } from "../../plan/model";
import { load, sharedSynth, stackJson } from "../helpers";

type Json = Record<string, any>;

const objectsOf = (out: string, site: string): Json[] =>
  Object.values(stackJson(out, `${site}-facility`).resource.terraform_data).map((r: any) => r.input);

describe.each([
  ["the tiny fixture", "tiny"],
  ["the example sites", "examples"],
] as const)("facility of %s", (_label, which) => {
  const { sites, out } = sharedSynth(which);
  let loaded: Site[];
  beforeAll(() => {
    loaded = load(sites).sites;
  });

  test("every device with two or more wired supplies has them on both power paths, through PDUs that exist", () => {
    let checked = 0;
    for (const site of loaded) {
      const objects = objectsOf(out, site.spec.site);
      const pdus = new Map(objects.filter((o) => o.kind === "pdu").map((p) => [p.id, p]));
      for (const d of objects.filter((o) => o.kind === "device")) {
        const wired = d.psus.filter((p: Json) => p.pduId !== null);
        if (wired.length < 2) continue;
        checked++;
        const paths = new Set(wired.map((p: Json) => pdus.get(p.pduId)?.path));
        expect({ device: d.id, paths: [...paths].sort() }).toEqual({ device: d.id, paths: ["A", "B"] });
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  test("cooling units, sensors with ordered two-sided thresholds, and alarm routes are present", () => {
    for (const site of loaded) {
      const objects = objectsOf(out, site.spec.site);
      expect(objects.filter((o) => o.kind === "cooling").length).toBeGreaterThanOrEqual(2);
      const sensors = objects.filter((o) => o.kind === "sensor");
      expect(sensors.length).toBeGreaterThanOrEqual(1);
      const routes = new Set(objects.filter((o) => o.kind === "alarm-route").map((r) => r.id));
      for (const s of sensors) {
        expect(s.lowCritical < s.lowWarning && s.lowWarning < s.highWarning && s.highWarning < s.highCritical).toBe(true);
        // Each threshold alarms on its own route (a sensor may route warnings and criticals apart).
        for (const t of ["lowCritical", "lowWarning", "highWarning", "highCritical"]) expect(routes.has(s.routes[t])).toBe(true);
      }
    }
  });

  test("every device of the park, the SAN and the firewall pair is present with its join key", () => {
    for (const site of loaded) {
      const s = site.spec.site;
      const devices = new Map(
        objectsOf(out, s)
          .filter((o) => o.kind === "device")
          .map((d) => [d.id, d]),
      );
      const vsphere = stackJson(out, `${s}-vsphere`).resource.vsphere_host as Record<string, Json>;
      for (const h of site.spec.clusters.flatMap((c) => c.hosts)) {
        expect(devices.get(h.name)).toMatchObject({ role: "esxi-host", rackId: h.rack, cpuCores: h.cpuCores, memoryGb: h.memoryGb });
        if (vsphere[h.name]) expect(devices.get(h.name)!.vsphereHostname).toBe(vsphere[h.name].hostname);
      }
      for (const c of site.spec.san.controllers) expect(devices.get(c.id)).toMatchObject({ role: "san-controller" });
      for (const f of site.spec.san.fabrics)
        for (const sw of f.switches) expect(devices.get(sw.id)).toMatchObject({ role: "fabric-switch", fabric: f.id });
      if (site.spec.firewall) {
        const ha = Object.values(stackJson(out, `${s}-firewall`).resource.fortios_system_ha as Record<string, Json>).find(
          (h) => h.group_name,
        );
        for (const u of site.spec.firewall.units) expect(devices.get(u.id)).toMatchObject({ role: "firewall", haGroup: ha!.group_name });
      }
    }
  });

  test("every managed VM carries a backup-class tag, one tag per class in the vSphere stack", () => {
    let vms = 0;
    for (const site of loaded) {
      const s = site.spec.site;
      const tags = stackJson(out, `${s}-vsphere`).resource.vsphere_tag as Record<string, Json>;
      const classes = site.spec.backup!.classes;
      for (const c of classes) expect(Object.values(tags).map((t) => t.name)).toContain(c.tag ?? `backup-${c.id}`);
      for (const t of site.tenants) {
        const machines = stackJson(out, `${s}-${t.spec.tenant}`).resource?.vsphere_virtual_machine ?? {};
        for (const [name, vm] of Object.entries(machines as Record<string, Json>)) {
          vms++;
          expect({ name, tagged: vm.tags.some((x: string) => /data\.vsphere_tag\.backup-class_/.test(x)) }).toEqual({ name, tagged: true });
        }
      }
    }
    expect(vms).toBeGreaterThan(0);
  });

  test("the backup room: classes with RPO, copies, restore tests as records; tenants and workloads with their legal facts", () => {
    for (const site of loaded) {
      const objects = objectsOf(out, site.spec.site);
      expect(
        objects
          .filter((o) => o.kind === "backup-class")
          .map((c) => c.id)
          .sort(),
      ).toEqual(site.spec.backup!.classes.map((c) => c.id).sort());
      for (const c of objects.filter((o) => o.kind === "backup-class")) expect(c.rpoHours).toBeGreaterThan(0);
      expect(objects.filter((o) => o.kind === "backup-copy").length).toBe(site.spec.backup!.copies.length);
      expect(objects.filter((o) => o.kind === "restore-test").length).toBeGreaterThanOrEqual(1);
      for (const t of site.tenants) {
        const tenant = objects.find((o) => o.kind === "tenant" && o.id === t.spec.tenant)!;
        expect(tenant).toMatchObject({ country: t.spec.country, legalEntity: t.spec.legal!.legalEntity });
        expect(tenant.regimes.length).toBeGreaterThanOrEqual(1);
        expect(tenant.reportingRoutes.length).toBeGreaterThanOrEqual(1);
        for (const w of t.spec.workloads)
          expect(objects.find((o) => o.kind === "workload" && o.id === `${t.spec.tenant}-${w.name}`)).toMatchObject({
            sensitivity: w.classification,
            criticality: w.criticality,
          });
      }
    }
  });

  test("typed facts carry their source document and when they were verified", () => {
    for (const site of loaded) {
      // The facility section's own facts take facility.defaultSource; rooms (and racks through them) only their own.
      const sourced = objectsOf(out, site.spec.site).filter((o) => ["board", "ups", "pdu", "generator", "cooling"].includes(o.kind));
      for (const room of site.spec.rooms)
        expect(objectsOf(out, site.spec.site).find((o) => o.kind === "room" && o.id === room.id)?.source ?? null).toEqual(
          room.source ?? null,
        );
      expect(sourced.length).toBeGreaterThan(0);
      for (const o of sourced)
        expect({ id: o.id, source: o.source }).toEqual({
          id: o.id,
          source: { document: expect.any(String), verified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
        });
    }
  });
});
