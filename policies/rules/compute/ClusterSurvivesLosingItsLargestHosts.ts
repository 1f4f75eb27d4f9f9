import type { DeviceObject } from "../../../contracts/facility-objects";
import { check, joinOutcome, num, passOrFail } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001, UPTIME_TIER } from "../../controls/references";
import { clusterHosts, clusterOfVm, isExpression, listOf, nameOf, terraformVmNames } from "./support/topology";

/** "4 x 1024 GB" or "1024 + 768 GB". */
function describeSizes(values: readonly number[], unit: string): string {
  if (values.length === 0) return `no hosts`;
  return values.every((v) => v === values[0])
    ? `${values.length} x ${num(values[0] ?? 0)} ${unit}`
    : `${values.map(num).join(" + ")} ${unit}`;
}

/** The sum of what is left after taking away the `n` largest. */
function afterLosingLargest(values: readonly number[], n: number): number {
  return [...values]
    .sort((a, b) => b - a)
    .slice(n)
    .reduce((s, v) => s + v, 0);
}

interface Demand {
  memoryGb: number;
  vcpus: number;
  terraformVms: number;
  unmanagedVms: number;
  /** Values that are not literals (a `${var...}` size): what they are, for not-evaluable. */
  unknown: string[];
}

const emptyDemand = (): Demand => ({ memoryGb: 0, vcpus: 0, terraformVms: 0, unmanagedVms: 0, unknown: [] });

/**
 * RED-HOST-N1: each compute cluster has vSphere HA on with admission control (not `disabled`) tolerating
 * at least one host failure, at least tolerance + 2 hosts, in at least two racks, and the VMs still fit
 * after losing the `ha_admission_control_host_failure_tolerance` LARGEST hosts: their configured memory
 * (at `memoryRatio` GB of VM memory per GB of host memory, default 1: no overcommit) and their vCPUs (at
 * `vcpuPerCore`, default 4).
 *
 * The load is the VMs' configured size, not a measured one: every `vsphere_virtual_machine` in the
 * cluster (through its resource pool, the tenant's data source of the cluster joined to the park's
 * cluster), and the VMs of `workload` objects with lifecycle `unmanaged` that Terraform does not
 * manage (their cluster from `workload.cluster`, their size `cpus`/`memoryGb` per VM). The capacity is
 * the hosts' declared cores and GB (`device` objects joined by `vsphereHostname`). Removed VMs are not
 * counted. A VM whose cluster does not resolve is an error (in input without facility objects, a
 * resource pool read from vCenter that the input does not create is not-evaluable, as are hosts read
 * by data sources); an unmanaged workload without a cluster or a
 * size, a host without cores or memory, and a `${var...}` size are not-evaluable.
 */
export const ClusterSurvivesLosingItsLargestHosts = defineRule({
  meta: {
    id: "RED-HOST-N1",
    name: "ClusterSurvivesLosingItsLargestHosts",
    version: "1.0.1",
    area: "compute",
    title: "Each compute cluster tolerates a host failure: HA with admission control, and its VMs fit on the hosts left",
    rationale:
      "When a host fails, HA restarts its VMs on the others; if the hosts left cannot hold the VMs' memory (or too many vCPUs per core), VMs stay down or the cluster runs degraded until the repair.",
    remediation:
      "Turn on HA with admission control tolerating at least one host, add hosts or memory (in another rack where all hosts share one), or move VMs to another cluster.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      vcpuPerCore: { default: 4, description: "vCPUs allowed per physical core on the hosts left after the failure", unit: "ratio" },
      memoryRatio: {
        default: 1,
        description: "GB of VM memory allowed per GB of host memory on the hosts left (1: no overcommit)",
        unit: "ratio",
      },
    },
    controls: [ISO27001("8.14"), UPTIME_TIER("Tier III analogue (N+1 compute)")],
  },
  check(room, { params }) {
    const clusters = room.resources("vsphere_compute_cluster");
    if (clusters.length === 0) return [];
    const out: Check[] = [];
    const demand = new Map<TfObject, Demand>(clusters.map((c) => [c, emptyDemand()]));
    countTerraformVms(room, demand, out);
    countUnmanagedVms(room, clusters, demand, out);
    for (const cluster of clusters) out.push(...checkCluster(room, cluster, demand.get(cluster) ?? emptyDemand(), params));
    return out;
  },
});

function countTerraformVms(room: Room, demand: Map<TfObject, Demand>, out: Check[]): void {
  for (const vm of room.resources("vsphere_virtual_machine")) {
    const { cluster, problem, notInInput } = clusterOfVm(room, vm);
    const d = cluster && demand.get(cluster);
    if (!d) {
      out.push(
        check("config", joinOutcome([{ notInInput: notInInput ?? false }]), vm, {
          findingId: "cluster",
          observed: problem ?? "its cluster is not one of the room's",
          expected: "the VM's resource pool leads to a compute cluster of the site",
          message: `${vm.address}: cannot tell which cluster it runs in, so its memory and vCPUs are not counted: ${problem ?? ""}`,
        }),
      );
      continue;
    }
    const memory = vm.values.memory ?? 1024;
    const cpus = vm.values.num_cpus ?? 1;
    if (typeof memory !== "number" || typeof cpus !== "number") {
      d.unknown.push(`${vm.address} (memory ${JSON.stringify(memory)}, num_cpus ${JSON.stringify(cpus)})`);
      continue;
    }
    d.memoryGb += memory / 1024;
    d.vcpus += cpus;
    d.terraformVms += 1;
  }
}

function countUnmanagedVms(room: Room, clusters: readonly TfObject[], demand: Map<TfObject, Demand>, out: Check[]): void {
  const managed = terraformVmNames(room);
  for (const w of room.facility("workload")) {
    if (w.lifecycle !== "unmanaged") continue;
    const vms = w.vms.filter((n) => !managed.has(n));
    if (vms.length === 0) continue;
    if (w.cluster === undefined || w.cluster === null || w.memoryGb === undefined || w.cpus === undefined) {
      out.push(
        check("declared", "not-evaluable", w, {
          findingId: "unmanaged",
          observed: `unmanaged VMs ${listOf(vms)} with cluster ${w.cluster ?? "undeclared"}, ${w.cpus ?? "?"} vCPUs and ${w.memoryGb ?? "?"} GB each`,
          expected: "the workload declares its cluster, cpus and memoryGb",
          message: `workload ${w.id}: unmanaged VMs ${listOf(vms)} are not counted in any cluster's load`,
        }),
      );
      continue;
    }
    const cluster = clusters.find((c) => c.values.name === w.cluster);
    const d = cluster && demand.get(cluster);
    if (!d) {
      out.push(
        check("declared", "error", w, {
          findingId: "unmanaged",
          observed: `cluster ${w.cluster}, which no vsphere_compute_cluster of site ${room.site} is named`,
          expected: "a cluster of the site",
          message: `workload ${w.id}: its cluster ${w.cluster} does not exist, so its unmanaged VMs are not counted`,
        }),
      );
      continue;
    }
    d.memoryGb += vms.length * w.memoryGb;
    d.vcpus += vms.length * w.cpus;
    d.unmanagedVms += vms.length;
  }
}

function checkCluster(room: Room, cluster: TfObject, d: Demand, params: { vcpuPerCore: number; memoryRatio: number }): Check[] {
  const name = nameOf(cluster);
  const out: Check[] = [];
  const enabled = cluster.values.ha_enabled;
  const policy = cluster.values.ha_admission_control_policy ?? "resourcePercentage";
  const tolerance = cluster.values.ha_admission_control_host_failure_tolerance ?? 1;
  const haObserved = `ha_enabled ${JSON.stringify(enabled ?? false)}, admission control ${JSON.stringify(policy)}, host failure tolerance ${JSON.stringify(tolerance)}`;
  if (isExpression(enabled) || isExpression(policy) || typeof tolerance !== "number") {
    out.push(
      check("config", "not-evaluable", cluster, {
        findingId: "ha",
        observed: haObserved,
        expected: "literal values",
        message: `cluster ${name}: HA settings are not literals (${haObserved})`,
      }),
    );
    return out;
  }
  out.push(
    check("config", passOrFail(enabled === true && policy !== "disabled" && tolerance >= 1), cluster, {
      findingId: "ha",
      observed: haObserved,
      expected: "ha_enabled true, admission control not disabled, host failure tolerance >= 1",
      message: `cluster ${name}: ${haObserved}`,
    }),
  );

  const { hosts, problems, unknown } = clusterHosts(room, cluster);
  for (const p of problems)
    out.push(
      check("config", "error", cluster, {
        findingId: "hosts",
        observed: p,
        expected: "every listed host resolves",
        message: `cluster ${name}: ${p}`,
      }),
    );
  for (const p of unknown)
    out.push(
      check("config", "not-evaluable", cluster, {
        findingId: "hosts",
        observed: p,
        expected: "every listed host resolves",
        message: `cluster ${name}: ${p}`,
      }),
    );
  if (!room.hasFacility) {
    out.push(
      check("declared", "not-evaluable", cluster, {
        findingId: "capacity",
        observed: "no facility objects: the hosts' cores, memory and racks are unknown",
        expected: "esxi-host devices joined by vsphereHostname",
        message: `cluster ${name}: capacity after a host failure cannot be evaluated without facility objects`,
      }),
    );
    return out;
  }
  const devices: DeviceObject[] = [];
  for (const h of hosts) {
    const dev = room.deviceOfHost(h);
    if (dev) devices.push(dev);
    else
      out.push(
        check("declared", "error", h, {
          findingId: "device",
          observed: `no esxi-host device has vsphereHostname ${JSON.stringify(h.values.hostname)}`,
          expected: "a device for every host of the cluster",
          message: `${h.address} (cluster ${name}): no device object, so its cores, memory and rack are unknown`,
        }),
      );
  }
  if (devices.length < hosts.length) return out;

  const racks = [...new Set(devices.map((x) => x.rackId))].sort();
  const hostsOk = devices.length >= tolerance + 2 && racks.length >= 2;
  out.push(
    check("declared", passOrFail(hostsOk), cluster, {
      findingId: "hosts",
      observed: `${devices.length} hosts in ${racks.length} rack(s) (${listOf(racks)})`,
      expected: `>= ${tolerance + 2} hosts (tolerance ${tolerance} + 2) in >= 2 racks`,
      message: `cluster ${name}: ${devices.length} hosts in racks ${listOf(racks)}`,
    }),
  );

  const missing = devices.filter((x) => x.memoryGb === undefined || x.cpuCores === undefined).map((x) => x.id);
  if (missing.length > 0 || d.unknown.length > 0) {
    const why = [
      ...(missing.length > 0 ? [`hosts without cpuCores or memoryGb: ${listOf(missing)}`] : []),
      ...(d.unknown.length > 0 ? [`VM sizes that are not literals: ${listOf(d.unknown)}`] : []),
    ].join("; ");
    out.push(
      check("declared", "not-evaluable", cluster, {
        findingId: "capacity",
        observed: why,
        expected: "declared host cores and memory, literal VM sizes",
        message: `cluster ${name}: capacity after a host failure cannot be evaluated: ${why}`,
      }),
    );
    return out;
  }
  const memories = devices.map((x) => x.memoryGb ?? 0);
  const cores = devices.map((x) => x.cpuCores ?? 0);
  const lost = tolerance === 1 ? "the largest" : `the ${tolerance} largest`;
  const vms = `${d.terraformVms} Terraform VMs${d.unmanagedVms > 0 ? ` and ${d.unmanagedVms} unmanaged` : ""}`;
  const memoryLeft = afterLosingLargest(memories, tolerance) * params.memoryRatio;
  const ratio = params.memoryRatio === 1 ? "" : ` x ${num(params.memoryRatio)} overcommit`;
  const memObserved = `${describeSizes(memories, "GB")} minus ${lost}${ratio} = ${num(memoryLeft)} GB`;
  out.push(
    check("declared", passOrFail(memoryLeft >= d.memoryGb), cluster, {
      findingId: "memory",
      observed: memObserved,
      expected: `>= ${num(d.memoryGb)} GB of VM memory (${vms})`,
      message: `cluster ${name}: ${memObserved} against ${num(d.memoryGb)} GB of VM memory`,
    }),
  );
  const coresLeft = afterLosingLargest(cores, tolerance);
  const vcpuLeft = coresLeft * params.vcpuPerCore;
  const cpuObserved = `${describeSizes(cores, "cores")} minus ${lost} = ${num(coresLeft)} cores x ${num(params.vcpuPerCore)} = ${num(vcpuLeft)} vCPUs`;
  out.push(
    check("declared", passOrFail(vcpuLeft >= d.vcpus), cluster, {
      findingId: "vcpu",
      observed: cpuObserved,
      expected: `>= ${num(d.vcpus)} vCPUs (${vms})`,
      message: `cluster ${name}: ${cpuObserved} against ${num(d.vcpus)} vCPUs`,
    }),
  );
  return out;
}
