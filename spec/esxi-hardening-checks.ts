import { parseLogHost } from "../contracts/esxi-log-host";
import type { ErrorSink } from "./check-helpers";
import { show } from "./spec-error";
import type { EsxiSettings, SiteFile } from "./types";

/**
 * Checks of `esxiHardening` that need more than the schema: each per-cluster entry names a cluster of
 * the site, once; a declared log host is one of the site's `syslog` targets (the collector the
 * log-collector facility object describes). Whether a value meets the SCG baseline is for the rules.
 */
export function checkEsxiHardening(spec: SiteFile, f: ErrorSink): void {
  const h = spec.esxiHardening;
  if (!h) return;
  const clusters = new Set(spec.clusters.map((c) => c.name));
  const seen = new Map<string, number>();
  (h.clusters ?? []).forEach((c, i) => {
    const at = `/esxiHardening/clusters/${i}/cluster`;
    if (!clusters.has(c.cluster))
      f.add(at, `unknown cluster ${show(c.cluster)}; expected one of ${[...clusters].sort().join(", ")} (the names in clusters)`);
    const first = seen.get(c.cluster);
    if (first !== undefined)
      f.add(at, `duplicate cluster ${show(c.cluster)}; first given at ${f.where(`/esxiHardening/clusters/${first}/cluster`)}`);
    else seen.set(c.cluster, i);
    checkLogHost(spec, c.settings, `/esxiHardening/clusters/${i}/settings`, f);
  });
  checkLogHost(spec, h.settings, "/esxiHardening/settings", f);
}

function checkLogHost(spec: SiteFile, settings: EsxiSettings, at: string, f: ErrorSink): void {
  const logHost = settings.syslog?.logHost;
  if (logHost === undefined) return;
  const parsed = parseLogHost(logHost);
  if (!parsed) return; // the schema's pattern reported it
  const targets = spec.syslog.map((t) => t.host);
  if (!targets.includes(parsed.host))
    f.add(
      `${at}/syslog/logHost`,
      `log host ${show(parsed.host)} is not one of the site's syslog targets; expected one of ${targets.length ? targets.join(", ") : "(none is declared)"}`,
    );
}
