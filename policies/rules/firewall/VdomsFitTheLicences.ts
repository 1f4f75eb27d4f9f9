import type { DeviceObject } from "../../../contracts/facility-objects";
import { check, num } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { FORTINET_FGCP, ISO27001 } from "../../controls/references";
import { clusters, providerOf, str } from "./fortigate";

/**
 * FW-VDOM-CAPACITY: the VDOMs configured on a FortiGate cluster fit its VDOM licences, with headroom.
 * The count is the `fortios_system_vdom` resources configured through the cluster's provider plus
 * `root`, which always exists and counts against the licence; the capacity is the smallest
 * `vdomLicences` of the cluster's units (declared), minus the `headroom` parameter (free VDOMs kept
 * for the next tenant). FORTIOS-ADDITIONS.md gives no per-model maximum, so only the declared
 * licences are checked. A cluster with no VDOMs beyond root is not applicable.
 */
export const VdomsFitTheLicences = defineRule({
  meta: {
    id: "FW-VDOM-CAPACITY",
    name: "VdomsFitTheLicences",
    version: "1.0.0",
    area: "firewall",
    title: "The VDOMs configured fit the FortiGates' VDOM licences",
    rationale:
      "FortiOS refuses a VDOM beyond the licence: the next tenant's onboarding would fail at apply time, or an HA member with fewer licences than its peer could not take over every VDOM.",
    remediation: "Buy more VDOM licences (on every unit of the cluster), or consolidate VDOMs.",
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      headroom: { default: 0, description: "VDOM licences to keep free for the next tenant", unit: "VDOMs" },
    },
    controls: [
      // 8.6 Capacity management is not among the titles CONTROLS.md §5 lists as read.
      { ...ISO27001("8.6"), verified: false, source: "ISO/IEC 27001:2022 Annex A 8.6 (not in CONTROLS.md §5: verify)" },
      FORTINET_FGCP("VDOM licences (root counts)"),
    ],
  },
  check(room, ctx) {
    const out: Check[] = [];
    const found = clusters(room);
    const groups: { anchor: TfObject; label: string; vdoms: string[]; units: DeviceObject[] }[] =
      found.length > 0
        ? found.map((c) => ({
            anchor: c.ha,
            label: `cluster ${c.group ?? c.ha.address}`,
            vdoms: vdomNames(room, (v) => v.stack === c.ha.stack && providerOf(v) === providerOf(c.ha)),
            units: c.units,
          }))
        : room.resources("fortios_system_vdom").length > 0
          ? [
              {
                anchor: room.resources("fortios_system_vdom")[0],
                label: "the FortiGate",
                vdoms: vdomNames(room, () => true),
                units: room.facility("device").filter((d) => d.role === "firewall"),
              },
            ]
          : [];
    for (const g of groups) {
      const created = g.vdoms.filter((v) => v !== "root");
      if (created.length === 0) {
        out.push(
          check("declared", "not-applicable", g.anchor, {
            observed: "no VDOMs beyond root",
            expected: "VDOM licences matter once VDOMs are created",
            message: `${g.label}: runs the root VDOM only`,
          }),
        );
        continue;
      }
      const used = created.length + 1;
      const observed = `${created.length} VDOMs (${created.join(", ")}) + root = ${used}`;
      if (!room.hasFacility || g.units.length === 0 || g.units.some((u) => u.vdomLicences === undefined)) {
        out.push(
          check("declared", "not-evaluable", [g.anchor, ...g.units], {
            observed,
            expected: "<= the units' declared vdomLicences",
            message: `${g.label}: ${
              !room.hasFacility || g.units.length === 0
                ? "no firewall devices in the input to read the VDOM licences from"
                : `${g.units
                    .filter((u) => u.vdomLicences === undefined)
                    .map((u) => u.id)
                    .join(", ")} declare(s) no vdomLicences`
            }`,
          }),
        );
        continue;
      }
      const licences = Math.min(...g.units.map((u) => u.vdomLicences ?? 0));
      const capacity = licences - ctx.params.headroom;
      out.push(
        check("declared", used <= capacity ? "pass" : "fail", [g.anchor, ...g.units], {
          observed,
          expected: `<= ${num(licences)} licensed (${g.units.map((u) => `${u.id} ${u.vdomLicences ?? "?"}`).join(", ")}) minus headroom ${num(ctx.params.headroom)} = ${num(capacity)}`,
          message: `${g.label}: ${used} of ${licences} VDOM licences used, headroom ${ctx.params.headroom}`,
        }),
      );
    }
    return out;
  },
});

function vdomNames(room: Room, keep: (v: TfObject) => boolean): string[] {
  return [
    ...new Set(
      room
        .resources("fortios_system_vdom")
        .filter(keep)
        .map((v) => str(room, v, "name") ?? v.name),
    ),
  ].sort();
}
