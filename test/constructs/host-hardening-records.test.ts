import { DataResource, Testing } from "cdktf";
import { HostHardeningRecords, effectiveSettings, type HostHardeningRecordsProps } from "../../constructs/host-hardening-records";
import { facilityObjectProblems } from "../../contracts/facility-guard";
import type { EsxiHardening } from "../../spec/types";
import { SITE, cluster, host, resources } from "./fixtures";
import { ESXI_BASELINE_SETTINGS, esxiSyslog } from "../esxi-baseline";

const hardening = (): EsxiHardening => ({
  source: { method: "host-profile", document: "host profile esxi8-scg", verified: "2026-10-05" },
  settings: {
    ...ESXI_BASELINE_SETTINGS,
    syslog: esxiSyslog("ssl://log.tiny.example:6514"),
  },
});

const clusters = () => [
  cluster(),
  cluster({
    name: "mgmt",
    hosts: [host(4, { hostname: "mgmt04.tiny.example" }), host(5, { lifecycle: "unmanaged" }), host(6, { lifecycle: "removed" })],
  }),
];

const synthScope = (props: Partial<HostHardeningRecordsProps> = {}) =>
  Testing.synthScope(
    (scope) =>
      new HostHardeningRecords(scope, "host-hardening", { siteName: SITE, clusters: clusters(), hardening: hardening(), ...props }),
  );

const objects = (props: Partial<HostHardeningRecordsProps> = {}) =>
  Object.fromEntries(
    Object.entries(resources(synthScope(props), DataResource.tfResourceType)).map(([k, v]) => [k, v.input as Record<string, unknown>]),
  );

describe("HostHardeningRecords", () => {
  test("one host-hardening object per managed host, joined by the hostname vCenter knows it by", () => {
    const o = objects();
    expect(Object.keys(o).sort()).toEqual(["host-hardening_esx01", "host-hardening_esx02", "host-hardening_esx03", "host-hardening_esx04"]);
    expect(o["host-hardening_esx01"]).toEqual({
      kind: "host-hardening",
      id: "esx01",
      site: SITE,
      vsphereHostname: "esx01.tiny.example",
      cluster: "prod",
      method: "host-profile",
      source: { document: "host profile esxi8-scg", verified: "2026-10-05" },
      ...hardening().settings,
    });
    // Without a hostname, vCenter knows the host by its management address (the vsphere_host's hostname).
    expect(o["host-hardening_esx02"].vsphereHostname).toBe("10.0.10.12");
    for (const input of Object.values(o)) expect(facilityObjectProblems(input)).toEqual([]);
  });

  test("a cluster's settings and source replace the site's, setting by setting and syslog field by field", () => {
    const h = hardening();
    h.clusters = [
      {
        cluster: "mgmt",
        source: { method: "powercli-script", document: "remediate-esxi-8.ps1 log", verified: "2026-11-01" },
        settings: { dcuiTimeoutSec: 300, syslog: { checkSslCerts: false } },
      },
    ];
    const o = objects({ hardening: h });
    expect(o["host-hardening_esx04"]).toMatchObject({
      cluster: "mgmt",
      method: "powercli-script",
      source: { document: "remediate-esxi-8.ps1 log", verified: "2026-11-01" },
      dcuiTimeoutSec: 300,
      accountLockFailures: 5,
      syslog: { logHost: "ssl://log.tiny.example:6514", checkSslCerts: false, strictX509Compliance: true, auditRecordRemote: true },
    });
    expect(o["host-hardening_esx01"]).toMatchObject({ method: "host-profile", dcuiTimeoutSec: 600 });
  });

  test("a setting left out is left out of the object, never filled with the baseline", () => {
    const h = hardening();
    delete h.settings.mobEnabled;
    delete h.settings.ssh;
    h.settings.syslog = { logHost: "ssl://log.tiny.example:6514" };
    const o = objects({ hardening: h })["host-hardening_esx01"];
    expect(o).not.toHaveProperty("mobEnabled");
    expect(o).not.toHaveProperty("ssh");
    expect(o.syslog).toEqual({ logHost: "ssl://log.tiny.example:6514" });
  });

  test("no declaration, no objects (the host rules then fail every host)", () => {
    expect(objects({ hardening: undefined })).toEqual({});
  });

  test("effectiveSettings keeps the site's settings where the cluster says nothing", () => {
    const site = hardening().settings;
    expect(effectiveSettings(site, undefined)).toBe(site);
    expect(effectiveSettings(site, {})).toEqual(site);
    expect(effectiveSettings(site, { ssh: { running: true, startPolicy: "on" } }).ssh).toEqual({ running: true, startPolicy: "on" });
  });

  test("same input, same bytes", () => {
    expect(synthScope()).toBe(synthScope());
    expect(synthScope()).toMatchSnapshot();
  });
});
