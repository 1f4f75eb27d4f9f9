import type { DeviceObject } from "../../../contracts/facility-objects";
import { check, joinOutcome } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001 } from "../../controls/references";
import { clusterHosts, controllersOf, fabricsOf, listOf, nameOf, stringList, text } from "./support/topology";
import { literal } from "../../engine/literal-values";

const DATASTORE_TYPES = new Set(["vsphere_vmfs_datastore", "vsphere_nas_datastore"]);

/**
 * RED-HA-HB-DS: vSphere HA can tell a failed host from an isolated one by datastore heartbeats, so
 * heartbeating is not disabled (`ha_heartbeat_datastore_policy = userSelectedDs` with no datastores)
 * and at least `minDatastores` (default 2, HA's own default per host) heartbeat candidates are each
 * mounted by at least two hosts of the cluster.
 *
 * The candidates are the listed `ha_heartbeat_datastore_ids`, and with the `allFeasible...` policies
 * also the datastores the cluster's hosts create. Who mounts a datastore is not in Terraform (a VMFS
 * datastore names one `host_system_id`): for VMFS it is derived from the declared SAN, the hosts of
 * the cluster cabled to a fabric that a controller of the LUN's array is cabled to (the creating host
 * counts too); for NFS it is `host_system_ids`. A LUN without a `lun` object leaves its datastore
 * unknown (not-evaluable when the known ones are too few). Hosts the input does not hold (a plan-time
 * `host_system_ids`, or in foreign input hosts read from vCenter by data sources) leave the count
 * unknown likewise: not-evaluable, never a fail on "0 hosts".
 */
export const HeartbeatDatastoresAreShared = defineRule({
  meta: {
    id: "RED-HA-HB-DS",
    name: "HeartbeatDatastoresAreShared",
    version: "1.0.1",
    area: "compute",
    title: "HA datastore heartbeating is on, with at least two datastores shared by at least two hosts",
    rationale:
      "Without heartbeat datastores HA cannot tell an isolated host from a failed one, and may restart VMs that still run (or leave down VMs that do not).",
    remediation:
      "List at least two datastores on different LUNs (one per SAN controller) in the cluster's heartbeat datastores, mounted by every host of the cluster.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: { minDatastores: { default: 2, description: "heartbeat datastores each mounted by >= 2 hosts", unit: "datastores" } },
    controls: [ISO27001("8.14")],
  },
  check(room, { params }) {
    const out: Check[] = [];
    for (const cluster of room.resources("vsphere_compute_cluster")) out.push(...checkCluster(room, cluster, params.minDatastores));
    return out;
  },
});

function checkCluster(room: Room, cluster: TfObject, min: number): Check[] {
  const name = nameOf(cluster);
  const policy = cluster.values.ha_heartbeat_datastore_policy ?? "allFeasibleDsWithUserPreference";
  const ids = stringList(cluster.values.ha_heartbeat_datastore_ids);
  const planTime = ["ha_enabled", "ha_heartbeat_datastore_policy", "ha_heartbeat_datastore_ids"]
    .map((k) => literal(cluster, k))
    .find((v) => v.kind === "unresolved");
  if (planTime?.kind === "unresolved")
    return [
      check("config", "not-evaluable", cluster, {
        observed: planTime.reason,
        expected: `>= ${min} heartbeat datastores shared by every host of the HA cluster`,
        message: `cluster ${name}: ${planTime.reason}`,
      }),
    ];
  if (cluster.values.ha_enabled !== true)
    return [
      check("config", "not-applicable", cluster, {
        observed: "HA is off (RED-HOST-N1 reports it)",
        expected: "heartbeat datastores for an HA cluster",
        message: `cluster ${name}: no HA, no heartbeating to check`,
      }),
    ];
  if (policy === "userSelectedDs" && ids.length === 0)
    return [
      check("config", "fail", cluster, {
        observed: "policy userSelectedDs with no datastores: heartbeating disabled",
        expected: `>= ${min} heartbeat datastores`,
        message: `cluster ${name}: datastore heartbeating is disabled`,
      }),
    ];
  const out: Check[] = [];
  const { hosts, unknown: hostsUnknown } = clusterHosts(room, cluster);
  const candidates: TfObject[] = [];
  for (const ref of ids) {
    const r = room.resolve(cluster, ref);
    if (r.target && DATASTORE_TYPES.has(r.target.type)) candidates.push(r.target);
    else
      out.push(
        check("config", joinOutcome(r.target ? [{}] : [r]), cluster, {
          findingId: "datastore",
          observed: r.problem ?? `${ref} is ${r.target?.address ?? "?"}, not a datastore`,
          expected: "every heartbeat datastore resolves",
          message: `cluster ${name}: heartbeat datastore ${ref} does not resolve`,
        }),
      );
  }
  if (policy !== "userSelectedDs")
    for (const ds of [...room.resources("vsphere_vmfs_datastore"), ...room.resources("vsphere_nas_datastore")])
      if (!candidates.includes(ds) && mountingHostRefs(room, ds).some((h) => hosts.includes(h))) candidates.push(ds);

  const shared: string[] = [];
  const single: string[] = [];
  const unknown: string[] = [];
  for (const ds of candidates) {
    const mounted = mountedBy(room, ds, hosts);
    const dsName = nameOf(ds);
    if (mounted === undefined) unknown.push(dsName);
    else if (mounted >= 2) shared.push(`${dsName}: ${mounted} hosts`);
    else single.push(`${dsName}: ${mounted} host`);
  }
  const observed = `policy ${text(policy)}; ${shared.length} shared (${listOf(shared)})${single.length > 0 ? `; on one host only: ${listOf(single)}` : ""}${
    unknown.length > 0 ? `; mounts unknown (no lun objects): ${listOf(unknown)}` : ""
  }${hostsUnknown.length > 0 ? `; hosts not in the input: ${hostsUnknown.join("; ")}` : ""}`;
  const outcome = shared.length >= min ? "pass" : unknown.length > 0 || hostsUnknown.length > 0 ? "not-evaluable" : "fail";
  out.push(
    check("declared", outcome, cluster, {
      observed,
      expected: `>= ${min} heartbeat datastores each mounted by >= 2 of the cluster's ${hostsUnknown.length > 0 ? "" : `${hosts.length} `}hosts`,
      message: `cluster ${name}: ${observed}`,
    }),
  );
  return out;
}

/** The hosts a datastore's Terraform names: a VMFS datastore's creating host, an NFS datastore's host list. */
function mountingHostRefs(room: Room, ds: TfObject): TfObject[] {
  const refs = ds.type === "vsphere_vmfs_datastore" ? [ds.values.host_system_id] : stringList(ds.values.host_system_ids);
  return refs.flatMap((ref) => {
    const t = room.resolve(ds, ref).target;
    return t?.type === "vsphere_host" ? [t] : [];
  });
}

/** How many of the cluster's hosts mount a datastore; undefined when the SAN facts to tell are missing. */
function mountedBy(room: Room, ds: TfObject, hosts: readonly TfObject[]): number | undefined {
  const named = mountingHostRefs(room, ds).filter((h) => hosts.includes(h));
  if (ds.type === "vsphere_nas_datastore") return named.length;
  const disks = stringList(ds.values.disks);
  if (disks.length === 0) return undefined;
  const fabrics = new Set<string>();
  for (const naa of disks) {
    const lun = room.facilityById("lun", naa);
    const array = lun && room.facilityById("device", lun.arrayId);
    if (!array) return undefined;
    for (const c of controllersOf(room, array).controllers) for (const f of fabricsOf(room, c)) fabrics.add(f);
  }
  const reaching = hosts.filter((h) => {
    if (named.includes(h)) return true;
    const dev: DeviceObject | undefined = room.deviceOfHost(h);
    return dev !== undefined && [...fabricsOf(room, dev)].some((f) => fabrics.has(f));
  });
  return reaching.length;
}
