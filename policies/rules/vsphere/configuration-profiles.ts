import type { Room, TfObject } from "../../engine/room";

/**
 * `vsphere_configuration_profile` resources by the cluster they configure, so the host rules can say
 * which profile would carry a host's settings: a host belongs to a cluster through its `cluster`
 * argument or the cluster's `host_system_ids`.
 */
export function configurationProfilesOf(room: Room): { forHost(host: TfObject): TfObject | undefined } {
  const profiles = room.resources("vsphere_configuration_profile");
  const clusterOf = (host: TfObject): TfObject | undefined => {
    const direct = room.resolve(host, host.values.cluster).target;
    if (direct) return direct;
    return room
      .resources("vsphere_compute_cluster")
      .find(
        (c) =>
          c.stack === host.stack &&
          Array.isArray(c.values.host_system_ids) &&
          (c.values.host_system_ids as unknown[]).some((id) => typeof id === "string" && id.startsWith(`\${${host.address}.`)),
      );
  };
  return {
    forHost(host) {
      if (profiles.length === 0) return undefined;
      const cluster = clusterOf(host);
      if (!cluster) return undefined;
      return profiles.find((p) => room.resolve(p, p.values.cluster_id).target === cluster);
    },
  };
}
