import type { DeviceObject } from "../../../contracts/facility-objects";
import { check } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { FORTINET_FGCP, ISO27001 } from "../../controls/references";
import { clusters, hbdevPorts, str, unlessPlanTime, words } from "./fortigate";

const HA_MODES = ["a-p", "a-a"];

/**
 * RED-FW-HA: the firewall is an FGCP HA cluster of at least two units that share no failure domain a
 * unit could lose alone. Per cluster (the `fortios_system_ha` with a group_name; the join
 * device.haGroup -> group_name that fails either way is an error finding):
 * - config: mode a-p or a-a; at least two heartbeat interfaces in `hbdev`; session pickup on; a
 *   non-empty `monitor`;
 * - declared (the firewall devices): at least two units, the same model and firmware, in at least two
 *   racks, and each unit on both power paths (the paths of the PDUs its supplies plug into);
 * - the emergency-power-off zone (the units' rooms' epoZone): different zones pass. Both units in one
 *   EPO zone fail, as an ADVISORY finding when every ESXi host the cluster carries traffic for is in that
 *   same zone (pressing that EPO stops the hosts as well, so a unit elsewhere would keep no service
 *   running) and as a mandatory one when hosts outside the zone would lose their firewall with it.
 * A firewall device with no haGroup is a standalone unit: a failure.
 */
export const FirewallIsHaPair = defineRule({
  meta: {
    id: "RED-FW-HA",
    name: "FirewallIsHaPair",
    version: "1.0.0",
    area: "firewall",
    title: "The firewall is an HA pair: two identical units in different racks, on both power paths, with session pickup",
    rationale:
      "Every tenant's traffic passes the FortiGate: a single unit, or two that share a rack, a power path or an EPO zone, stops every municipality at once when that one thing fails.",
    remediation:
      "Run the FortiGates as an FGCP cluster (mode a-p or a-a, two heartbeat links, session pickup, monitored uplinks), give both units the same model and firmware, put them in different racks with each unit's supplies on PDUs of both paths, and record haGroup on both devices.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [
      ISO27001("8.14"),
      ISO27001("8.20"),
      FORTINET_FGCP("FGCP: mode, hbdev, session-pickup, monitor; identical models and firmware"),
    ],
  },
  check(room) {
    const out: Check[] = [];
    const found = clusters(room);
    const groups = new Set(found.map((c) => c.group));
    const firewalls = room.facility("device").filter((d) => d.role === "firewall");
    for (const d of firewalls) {
      if (d.haGroup === undefined) {
        out.push(
          check("declared", "fail", d, {
            findingId: "standalone",
            observed: `firewall ${d.id} declares no haGroup (a standalone unit)`,
            expected: "a member of an FGCP cluster (haGroup = fortios_system_ha.group_name)",
            message: `Firewall ${d.id} in rack ${d.rackId} is not part of an HA cluster`,
          }),
        );
      } else if (!groups.has(d.haGroup)) {
        out.push(
          check("declared", "error", d, {
            findingId: "ha-join",
            observed: `haGroup "${d.haGroup}" matches no fortios_system_ha.group_name (${[...groups].filter((g) => g !== undefined).join(", ") || "none"})`,
            expected: "the group_name of a fortios_system_ha of the site",
            message: `Firewall ${d.id}: the join device.haGroup -> fortios_system_ha.group_name does not resolve`,
          }),
        );
      }
    }
    for (const ha of room.resources("fortios_system_ha")) {
      if (found.some((c) => c.ha === ha)) continue;
      out.push(
        check("config", "not-applicable", ha, {
          observed: "one member's own HA settings (priority, management interface): no group_name or mode",
          expected: "the cluster settings are checked on the fortios_system_ha that has them",
          message: `${ha.address} holds per-unit settings only`,
        }),
      );
    }
    if (found.length === 0 && room.resources("fortios_system_global").length > 0) {
      const g = room.resources("fortios_system_global")[0];
      if (g)
        out.push(
          check("config", "fail", g, {
            findingId: "ha",
            observed: "no fortios_system_ha configures a cluster",
            expected: "an FGCP cluster (mode a-p or a-a, group_name)",
            message: "The FortiGate is configured without HA: one unit carries every tenant",
          }),
        );
    }
    for (const c of found) out.push(...checkCluster(room, c.ha, c.group, c.mode, c.units));
    return out;
  },
});

function checkCluster(room: Room, ha: TfObject, group: string | undefined, mode: string | undefined, units: DeviceObject[]): Check[] {
  const out: Check[] = [];
  const label = `cluster ${group ?? ha.address}`;
  // A plan-time value in a field a config check reads makes that check not-evaluable.
  const read = (fields: string[], c: Check) => out.push(unlessPlanTime(room, ha, fields, c));
  read(
    ["mode"],
    check("config", mode !== undefined && HA_MODES.includes(mode) ? "pass" : "fail", ha, {
      findingId: "mode",
      observed: `mode ${mode ?? "unset (standalone)"}`,
      expected: "mode a-p or a-a",
      message: `${label}: HA mode ${mode ?? "unset"}`,
    }),
  );
  const hb = hbdevPorts(str(room, ha, "hbdev"));
  read(
    ["hbdev"],
    check("config", hb.length >= 2 ? "pass" : "fail", ha, {
      findingId: "hbdev",
      observed: `${hb.length} heartbeat interface(s)${hb.length > 0 ? ` (${hb.join(", ")})` : ""}`,
      expected: ">= 2 heartbeat interfaces",
      message: `${label}: ${hb.length} heartbeat interface(s)`,
    }),
  );
  const pickup = str(room, ha, "session_pickup");
  read(
    ["session_pickup"],
    check("config", pickup === "enable" ? "pass" : "fail", ha, {
      findingId: "session-pickup",
      observed: `session_pickup ${pickup ?? "unset (disable)"}`,
      expected: "session_pickup enable",
      message: `${label}: session pickup ${pickup ?? "unset"}`,
    }),
  );
  const monitor = words(str(room, ha, "monitor"));
  read(
    ["monitor"],
    check("config", monitor.length > 0 ? "pass" : "fail", ha, {
      findingId: "monitor",
      observed: monitor.length > 0 ? `monitors ${monitor.join(", ")}` : "no monitored interfaces",
      expected: "at least one monitored interface (the uplinks)",
      message: `${label}: ${monitor.length} monitored interface(s)`,
    }),
  );

  if (!room.hasFacility) {
    out.push(
      check("declared", "not-evaluable", ha, {
        findingId: "units",
        observed: "no facility objects: the units' racks, power and models are not in the input",
        expected: ">= 2 firewall devices with haGroup = group_name",
        message: `${label}: the units cannot be checked without facility objects`,
      }),
    );
    return out;
  }
  if (units.length === 0) {
    out.push(
      check("declared", "error", ha, {
        findingId: "ha-join",
        observed: `no device declares haGroup "${group ?? "(no group_name)"}"`,
        expected: "the firewall devices of the cluster, joined by haGroup = group_name",
        message: `${label}: the join fortios_system_ha.group_name -> device.haGroup does not resolve`,
      }),
    );
    return out;
  }
  const targets = [ha, ...units];
  const ids = units.map((u) => u.id).join(", ");
  out.push(
    check("declared", units.length >= 2 ? "pass" : "fail", targets, {
      findingId: "units",
      observed: `${units.length} unit(s): ${ids}`,
      expected: ">= 2 units",
      message: `${label}: ${units.length} unit(s)`,
    }),
  );
  out.push(same("model", units, targets, label, (u) => u.model));
  out.push(same("firmware", units, targets, label, (u) => u.firmware));
  const racks = [...new Set(units.map((u) => u.rackId))];
  out.push(
    check("declared", units.length >= 2 && racks.length >= 2 ? "pass" : "fail", targets, {
      findingId: "racks",
      observed: units.map((u) => `${u.id} in rack ${u.rackId}`).join(", "),
      expected: "the units in >= 2 different racks",
      message: `${label}: units in ${racks.length} rack(s)`,
    }),
  );
  for (const u of units) out.push(powerPaths(room, u, label));
  out.push(epoZones(room, units, targets, label));
  return out;
}

function same(
  field: "model" | "firmware",
  units: DeviceObject[],
  targets: (TfObject | DeviceObject)[],
  label: string,
  get: (u: DeviceObject) => string | undefined,
): Check {
  const observed = units.map((u) => `${u.id} ${get(u) ?? "undeclared"}`).join(", ");
  const missing = units.filter((u) => get(u) === undefined);
  if (missing.length > 0)
    return check("declared", "not-evaluable", targets, {
      findingId: field,
      observed,
      expected: `the same ${field} on every unit`,
      message: `${label}: ${missing.map((u) => u.id).join(", ")} declare(s) no ${field}`,
    });
  const values = new Set(units.map(get));
  return check("declared", values.size === 1 ? "pass" : "fail", targets, {
    findingId: field,
    observed,
    expected: `the same ${field} on every unit`,
    message: `${label}: ${values.size} different ${field}(s)`,
  });
}

function powerPaths(room: Room, u: DeviceObject, label: string): Check {
  const parts: string[] = [];
  const paths = new Set<string>();
  for (const [i, psu] of u.psus.entries()) {
    if (psu.pduId === null) {
      parts.push(`psu ${i + 1} not wired`);
      continue;
    }
    const pdu = room.facilityById("pdu", psu.pduId);
    if (!pdu)
      return check("declared", "error", u, {
        findingId: `power-${u.id}`,
        observed: `psu ${i + 1} plugs into PDU ${psu.pduId}, which the site does not declare`,
        expected: "every supply on a declared PDU",
        message: `${label}: unit ${u.id}: the join psu.pduId -> pdu does not resolve`,
      });
    parts.push(`psu ${i + 1} on ${pdu.id} (path ${pdu.path ?? "unknown"})`);
    if (pdu.path !== null) paths.add(pdu.path);
  }
  const both = paths.has("A") && paths.has("B");
  return check("declared", both ? "pass" : "fail", u, {
    findingId: `power-${u.id}`,
    observed: parts.length > 0 ? parts.join(", ") : "no power supplies declared",
    expected: "supplies on both power paths A and B",
    message: `${label}: unit ${u.id} is on path(s) ${[...paths].sort().join("+") || "none"}`,
  });
}

function epoZones(room: Room, units: DeviceObject[], targets: (TfObject | DeviceObject)[], label: string): Check {
  const zoneOf = (rackId: string) => {
    const rack = room.facilityById("rack", rackId);
    const r = rack ? room.facilityById("room", rack.roomId) : undefined;
    return { roomId: r?.id, zone: r?.epoZone };
  };
  const located = units.map((u) => ({ u, ...zoneOf(u.rackId) }));
  const observed = located.map((l) => `${l.u.id} in room ${l.roomId ?? "?"} (EPO zone ${l.zone ?? "undeclared"})`).join(", ");
  const expected = "the units in different EPO zones";
  const unknown = located.filter((l) => l.zone === undefined);
  if (unknown.length > 0)
    return check("declared", "not-evaluable", targets, {
      findingId: "epo-zone",
      observed,
      expected,
      message: `${label}: the EPO zone of ${unknown.map((l) => l.u.id).join(", ")} is not declared (rack or room epoZone missing)`,
    });
  const zones = new Set(located.map((l) => l.zone));
  if (zones.size >= 2)
    return check("declared", "pass", targets, {
      findingId: "epo-zone",
      observed,
      expected,
      message: `${label}: units in ${zones.size} EPO zones`,
    });
  const zone = located[0]?.zone;
  const hostsElsewhere = room
    .facility("device")
    .filter((d) => d.role === "esxi-host")
    .filter((d) => zoneOf(d.rackId).zone !== zone);
  if (hostsElsewhere.length === 0)
    return check("declared", "fail", targets, {
      findingId: "epo-zone",
      observed: `${observed}; every ESXi host is in EPO zone ${zone ?? "?"} too`,
      expected,
      message: `${label}: both units share EPO zone ${zone ?? "?"}; advisory, since that EPO also stops every host the cluster serves`,
      enforcement: "advisory",
    });
  return check("declared", "fail", targets, {
    findingId: "epo-zone",
    observed: `${observed}; hosts outside it: ${hostsElsewhere.map((d) => d.id).join(", ")}`,
    expected,
    message: `${label}: both units share EPO zone ${zone ?? "?"}, whose EPO would also cut off the hosts outside it`,
  });
}
