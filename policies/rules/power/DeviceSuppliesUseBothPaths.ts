import { check } from "../../engine/checks";
import { deviceDrawW } from "../../engine/loads";
import { defineRule } from "../../engine/rule";
import { EN50600, ISO27001 } from "../../controls/references";
import { chainOfPdu, list, noFacility } from "./power-paths";

/**
 * RED-PWR-PSU-SPLIT: every device with two or more supplies has them on PDUs of both paths (A and B,
 * the path of a PDU being its UPS's), so losing a path leaves it running. A supply that is not wired
 * (`pduId: null`) is a finding, as is a device with no supply declared. A single-supply device would
 * need a rack transfer switch (ATS) in front of it; the facility vocabulary has no ATS between PDU and
 * device yet, so a single-supply device is always a finding (accept one, with its ATS documented, by a
 * waiver). Whether one supply alone can carry the device's draw is not declared (the vocabulary has
 * each supply's draw, not its rating); the loads assume it can (policies/engine/loads.ts).
 */
export const DeviceSuppliesUseBothPaths = defineRule({
  meta: {
    id: "RED-PWR-PSU-SPLIT",
    name: "DeviceSuppliesUseBothPaths",
    version: "1.0.0",
    area: "power",
    title: "Devices with two supplies have one on each power path; none is unwired or single-fed",
    rationale:
      "Two supplies on the same path, or one supply left unplugged, turn a dual-supply device into a single-path one: it goes dark with that path's UPS, board or PDU.",
    remediation:
      "Plug the device's supplies into the rack's A and B PDUs (one each); wire every declared supply; give a single-supply device a second supply or a rack ATS fed from both paths.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "declared",
    params: {},
    controls: [ISO27001("7.11"), ISO27001("8.14"), EN50600("50600-2-2 availability class 3 (dual-corded equipment on both paths)")],
  },
  check(room) {
    if (!room.hasFacility) return noFacility("the devices' power supplies");
    return room.facility("device").map((device) => {
      const draw = deviceDrawW(device);
      if (device.psus.length === 0)
        return check("declared", "fail", device, {
          observed: "no supply declared",
          expected: "supplies on PDUs of both paths A and B",
          message: `Device ${device.id} declares no power supply: its power path is unknown`,
        });
      const problems: string[] = [];
      const parts: string[] = [];
      const unwired: string[] = [];
      const paths = new Set<string>();
      device.psus.forEach((psu, i) => {
        const name = `psu-${String(i + 1)}`;
        if (psu.pduId === null) {
          unwired.push(name);
          parts.push(`${name} unwired (${String(psu.watts)} W)`);
          return;
        }
        const pdu = room.facilityById("pdu", psu.pduId);
        if (!pdu) {
          problems.push(`${name} names PDU ${psu.pduId}, which the site does not declare`);
          return;
        }
        const chain = chainOfPdu(room, pdu);
        if ("problem" in chain) {
          problems.push(chain.problem);
          return;
        }
        paths.add(chain.ups.path);
        parts.push(`${name} ${pdu.id} (path ${chain.ups.path}, ${String(psu.watts)} W)`);
      });
      if (problems.length > 0)
        return check("declared", "error", device, {
          observed: problems.join("; "),
          expected: "every supply's PDU and its UPS declared",
          message: `Device ${device.id}: the supplies' paths cannot be followed: ${problems.join("; ")}`,
        });
      const n = device.psus.length;
      const faults = [
        ...(unwired.length > 0 ? [`${list(unwired)} unwired`] : []),
        ...(n === 1 ? ["a single supply and no ATS"] : []),
        ...(n >= 2 && !(paths.has("A") && paths.has("B")) ? [`the wired supplies reach only path ${list([...paths].sort())}`] : []),
      ];
      const observed = `${String(n)} suppl${n === 1 ? "y" : "ies"} drawing ${String(draw)} W: ${parts.join(", ")}`;
      return check("declared", faults.length === 0 ? "pass" : "fail", device, {
        observed: faults.length === 0 ? observed : `${observed}; ${list(faults)}`,
        expected: "every supply wired, on PDUs of both paths A and B",
        message:
          faults.length === 0
            ? `Device ${device.id} has supplies on both paths`
            : `Device ${device.id} (${device.role}, rack ${device.rackId}) loses power with one path: ${list(faults)}`,
      });
    });
  },
});
