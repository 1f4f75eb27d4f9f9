import { check } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { FORTINET_FGCP, ISO27001 } from "../../controls/references";
import { clusters, hbdevPorts, interfaces, nameList, policies, str, unlessPlanTime, words } from "./fortigate";

/**
 * FW-HA-HB-SEC: the FGCP heartbeat is protected. Per cluster (config): heartbeat `encryption` and
 * `authentication` enabled, and the heartbeat interfaces (`hbdev`) used for nothing else: no VLAN or
 * member interface on them, no address, zone, policy, route, VIP, DoS policy, HA monitor or HA
 * management interface names them. A cluster in standalone mode has no heartbeat: not applicable.
 */
export const HaHeartbeatIsEncryptedAndIsolated = defineRule({
  meta: {
    id: "FW-HA-HB-SEC",
    name: "HaHeartbeatIsEncryptedAndIsolated",
    version: "1.0.0",
    area: "firewall",
    title: "The HA heartbeat is encrypted, authenticated and on ports nothing else uses",
    rationale:
      "Heartbeat packets carry the cluster's configuration and session tables; on a shared or user-reachable port they can be read or forged, and user traffic on them can split the cluster.",
    remediation:
      "Set encryption and authentication to enable on fortios_system_ha, and keep the heartbeat ports (two back-to-back links) out of every VLAN, zone, policy and route.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [ISO27001("8.20"), FORTINET_FGCP("HA heartbeat interface: dedicated links, encryption, authentication")],
  },
  check(room) {
    const out: Check[] = [];
    for (const c of clusters(room)) {
      const label = `cluster ${c.group ?? c.ha.address}`;
      if (c.mode === "standalone") {
        out.push(
          check("config", "not-applicable", c.ha, {
            observed: "mode standalone: no heartbeat",
            expected: "heartbeat checks apply to a cluster (RED-FW-HA reports the standalone unit)",
            message: `${label} runs standalone`,
          }),
        );
        continue;
      }
      for (const field of ["encryption", "authentication"] as const) {
        const v = str(room, c.ha, field);
        out.push(
          unlessPlanTime(
            room,
            c.ha,
            [field],
            check("config", v === "enable" ? "pass" : "fail", c.ha, {
              findingId: field,
              observed: `${field} ${v ?? "unset (disable)"}`,
              expected: `${field} enable`,
              message: `${label}: heartbeat ${field} ${v ?? "unset"}`,
            }),
          ),
        );
      }
      const ports = hbdevPorts(str(room, c.ha, "hbdev"));
      const uses = ports.flatMap((p) => usesOf(room, p));
      out.push(
        unlessPlanTime(
          room,
          c.ha,
          ["hbdev"],
          check("config", ports.length > 0 && uses.length === 0 ? "pass" : "fail", [c.ha, ...uses.map((u) => u.obj)], {
            findingId: "hb-ports",
            observed:
              ports.length === 0
                ? "no heartbeat interfaces (hbdev empty)"
                : uses.length === 0
                  ? `heartbeat ports ${ports.join(", ")} used by nothing else`
                  : uses.map((u) => `${u.port}: ${u.what}`).join("; "),
            expected: "heartbeat ports used by no VLAN, zone, policy, route, monitor or management interface",
            message: `${label}: ${uses.length} other use(s) of the heartbeat ports`,
          }),
        ),
      );
    }
    return out;
  },
});

interface Use {
  port: string;
  obj: TfObject;
  what: string;
}

function usesOf(room: Room, port: string): Use[] {
  const uses: Use[] = [];
  const add = (obj: TfObject, what: string) => uses.push({ port, obj, what: `${what} (${obj.address})` });
  for (const i of interfaces(room)) {
    if (i.parent === port) add(i.obj, `interface ${i.name} sits on it`);
    else if (i.name === port && (i.net !== undefined || i.role !== undefined)) add(i.obj, "has an address or role of its own");
    if (nameList(room, i.obj, i.obj.values.member, "interface_name").includes(port)) add(i.obj, `member of ${i.name}`);
  }
  for (const z of room.resources("fortios_system_zone"))
    if (nameList(room, z, z.values.interface, "interface_name").includes(port)) add(z, "in a zone");
  for (const p of policies(room)) if ([...p.srcintf, ...p.dstintf].includes(port)) add(p.obj, "named by a policy");
  for (const r of room.resources("fortios_router_static")) if (str(room, r, "device") === port) add(r, "a route's device");
  for (const v of room.resources("fortios_firewall_vip")) if (str(room, v, "extintf") === port) add(v, "a VIP's external interface");
  for (const d of room.resources("fortios_firewall_DoSpolicy")) if (str(room, d, "interface") === port) add(d, "a DoS policy's interface");
  for (const h of room.resources("fortios_system_ha")) {
    if (words(str(room, h, "monitor")).includes(port)) add(h, "monitored as a data port");
    if (nameList(room, h, h.values.ha_mgmt_interfaces, "interface").includes(port)) add(h, "an HA management interface");
  }
  return uses;
}
