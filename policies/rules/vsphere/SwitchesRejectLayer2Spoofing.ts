import { check, joinOutcome, type CheckDetail } from "../../engine/checks";
import { defineRule, type Check } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001, VSPHERE_SCG } from "../../controls/references";
import { blocks, boolValue, numberValue, show } from "./values";

const FLAGS = ["allow_promiscuous", "allow_mac_changes", "allow_forged_transmits"] as const;
type Flag = (typeof FLAGS)[number];

/** One flag as found: explicitly false/true on the object, inherited from its switch, unknown. */
interface FlagState {
  flag: Flag;
  outcome: "reject" | "accept" | "unset" | "expression";
  text: string;
}

/**
 * VSP-VSWITCH-SEC: layer-2 spoofing is rejected everywhere a VM attaches.
 *
 * - Every switch (`vsphere_distributed_virtual_switch`, `vsphere_host_virtual_switch`) sets
 *   `allow_promiscuous`, `allow_mac_changes` and `allow_forged_transmits` to false explicitly: an
 *   absent flag leaves vCenter's or the provider's default, which the configuration does not show
 *   (the standard switch's provider default accepts MAC changes and forged transmits).
 * - A port group (`vsphere_distributed_port_group`, `vsphere_host_port_group`) passes a flag it sets
 *   to false itself, or one it leaves unset while its switch sets it to false (it inherits the
 *   switch's policy). The distributed switch is found through `distributed_virtual_switch_uuid` (a
 *   tenant's data source joined to the site's switch by name: a join that does not resolve is an
 *   error; in input without facility objects a switch read from vCenter that the input does not
 *   create is not-evaluable); a standard switch by `host_system_id` and `virtual_switch_name` in the same stack.
 *   A distributed port group must not allow ports to override its security policy
 *   (`security_policy_override_allowed`; unset is vCenter's default, not allowed).
 * - VLAN: no port group is in guest tagging mode, VLAN 4095 or a trunk covering every VLAN 0-4094
 *   (finding id `vlan`). A port group that needs guest tagging is justified by a waiver for its
 *   `vlan` finding (reason, approver, ticket, expiry), never silently.
 */
export const SwitchesRejectLayer2Spoofing = defineRule({
  meta: {
    id: "VSP-VSWITCH-SEC",
    name: "SwitchesRejectLayer2Spoofing",
    version: "1.0.1",
    area: "vsphere",
    title: "Switches and port groups reject promiscuous mode, MAC changes and forged transmits; no guest VLAN tagging",
    rationale:
      "A VM allowed promiscuous mode sees its neighbours' traffic; MAC changes and forged transmits let it impersonate another VM or a gateway. Guest VLAN tagging (VLAN 4095, a 0-4094 trunk) lets a VM step into any tenant's VLAN.",
    remediation:
      "Set allow_promiscuous, allow_mac_changes and allow_forged_transmits = false on every switch (and on port groups that set them), security_policy_override_allowed = false on distributed port groups, and give VM port groups a single VLAN; justify a needed trunk with a waiver.",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [
      VSPHERE_SCG("esxi-8.network-reject-promiscuous-mode-standardswitch"),
      VSPHERE_SCG("esxi-8.network-reject-mac-changes-standardswitch"),
      VSPHERE_SCG("esxi-8.network-reject-forged-transmit-standardswitch"),
      VSPHERE_SCG("vcenter-8.network-reject-promiscuous-mode-dvportgroup"),
      VSPHERE_SCG("vcenter-8.network-reject-mac-changes-dvportgroup"),
      VSPHERE_SCG("vcenter-8.network-reject-forged-transmit-dvportgroup"),
      VSPHERE_SCG("esxi-8.network-vgt"),
      VSPHERE_SCG("vcenter-8.network-vgt"),
      ISO27001("8.20"),
      ISO27001("8.22"),
    ],
  },
  check(room) {
    const out: Check[] = [];
    for (const sw of [...room.resources("vsphere_distributed_virtual_switch"), ...room.resources("vsphere_host_virtual_switch")])
      out.push(switchCheck(sw));
    for (const pg of room.resources("vsphere_distributed_port_group")) {
      out.push(distributedPortGroupCheck(room, pg));
      out.push(vlanCheck(pg));
    }
    for (const pg of room.resources("vsphere_host_port_group")) {
      out.push(hostPortGroupCheck(room, pg));
      out.push(vlanCheck(pg));
    }
    return out;
  },
});

const EXPECTED_SWITCH = "allow_promiscuous, allow_mac_changes, allow_forged_transmits = false (set explicitly)";

const label = (o: TfObject) => (typeof o.values.name === "string" ? o.values.name : o.address);

function flagOf(o: TfObject, flag: Flag): FlagState {
  const v = boolValue(o.values[flag]);
  if (v.kind === "expression") return { flag, outcome: "expression", text: `${flag} = ${show(v.expr)}` };
  if (v.kind === "absent") return { flag, outcome: "unset", text: `${flag} not set` };
  if (v.kind === "invalid") return { flag, outcome: "accept", text: `${flag} = ${show(v.raw)} (not a boolean)` };
  return { flag, outcome: v.value ? "accept" : "reject", text: `${flag} ${String(v.value)}` };
}

/** The outcome of a set of flag states: fail on any accept, not-evaluable on an expression, else pass. */
function judge(states: readonly { outcome: FlagState["outcome"] }[]): "pass" | "fail" | "not-evaluable" {
  if (states.some((s) => s.outcome === "accept" || s.outcome === "unset")) return "fail";
  if (states.some((s) => s.outcome === "expression")) return "not-evaluable";
  return "pass";
}

function switchCheck(sw: TfObject): Check {
  const states = FLAGS.map((f) => flagOf(sw, f));
  const observed = states.map((s) => (s.outcome === "unset" ? `${s.flag} not set (the default applies, unseen)` : s.text)).join(", ");
  return check("config", judge(states), sw, {
    observed,
    expected: EXPECTED_SWITCH,
    message: `${sw.type} ${label(sw)}: ${observed}`,
  });
}

/** A port group's flags, each either its own or inherited from its switch (when the switch is known). */
function portGroupFlags(pg: TfObject, parent: TfObject | undefined, parentName: string): { states: FlagState[]; detail: string[] } {
  const detail: string[] = [];
  const states = FLAGS.map((flag) => {
    const own = flagOf(pg, flag);
    if (own.outcome !== "unset") {
      detail.push(own.text);
      return own;
    }
    if (!parent) {
      detail.push(`${flag} not set (inherits from ${parentName}, which the configuration does not manage)`);
      return { flag, outcome: "expression" as const, text: own.text };
    }
    const inherited = flagOf(parent, flag);
    const text =
      inherited.outcome === "unset"
        ? `${flag} inherited from ${parentName}, which does not set it`
        : `${flag} inherited from ${parentName} (${inherited.text.replace(`${flag} `, "")})`;
    detail.push(text);
    return { ...inherited, text };
  });
  return { states, detail };
}

function distributedPortGroupCheck(room: Room, pg: TfObject): Check {
  const needsParent = FLAGS.some((f) => flagOf(pg, f).outcome === "unset");
  const expected = `each flag false on the port group or inherited false from its switch; security_policy_override_allowed false`;
  let parent: TfObject | undefined;
  let parentName = "its distributed switch";
  if (needsParent) {
    const r = room.resolve(pg, pg.values.distributed_virtual_switch_uuid);
    if (!r.target)
      return check("config", joinOutcome([r]), pg, {
        findingId: "security-policy",
        observed: `the port group leaves a flag to its switch, and its switch does not resolve: ${r.problem}`,
        expected,
        message: `${label(pg)}: cannot find the distributed switch it inherits its security policy from (${r.problem})`,
      });
    parent = r.target;
    parentName = `${r.target.stack}: ${label(r.target)}`;
  }
  const { states, detail } = portGroupFlags(pg, parent, parentName);
  const override = boolValue(pg.values.security_policy_override_allowed);
  const overrideState: { outcome: FlagState["outcome"] } =
    override.kind === "expression"
      ? { outcome: "expression" }
      : override.kind === "value" && override.value
        ? { outcome: "accept" }
        : override.kind === "invalid"
          ? { outcome: "accept" }
          : { outcome: "reject" };
  detail.push(
    override.kind === "absent"
      ? "security_policy_override_allowed not set (vCenter default: not allowed)"
      : override.kind === "value"
        ? `security_policy_override_allowed ${String(override.value)}`
        : `security_policy_override_allowed = ${show(override.kind === "expression" ? override.expr : override.raw)}`,
  );
  const observed = detail.join(", ");
  const targets = parent ? [pg, parent] : [pg];
  return check("config", judge([...states, overrideState]), targets, {
    findingId: "security-policy",
    observed,
    expected,
    message: `distributed port group ${label(pg)}: ${observed}`,
  });
}

function hostPortGroupCheck(room: Room, pg: TfObject): Check {
  const switchName = typeof pg.values.virtual_switch_name === "string" ? pg.values.virtual_switch_name : undefined;
  const parent = room
    .resources("vsphere_host_virtual_switch")
    .find((s) => s.stack === pg.stack && s.values.name === switchName && s.values.host_system_id === pg.values.host_system_id);
  const { states, detail } = portGroupFlags(pg, parent, parent ? label(parent) : `standard switch ${switchName ?? "(unnamed)"}`);
  const observed = detail.join(", ");
  const outcome = judge(states);
  const unmanaged = !parent && states.some((s) => s.outcome === "expression") && outcome !== "fail";
  return check("config", outcome, parent ? [pg, parent] : [pg], {
    findingId: "security-policy",
    observed,
    expected: "each flag false on the port group or inherited false from its standard switch",
    message: unmanaged
      ? `host port group ${label(pg)}: ${observed}; audit the switch's security policy with the SCG scripts`
      : `host port group ${label(pg)}: ${observed}`,
  });
}

/** VLAN 4095 (guest tagging) or a trunk covering 0-4094 is a fail; one VLAN or a narrower trunk passes. */
function vlanCheck(pg: TfObject): Check {
  const expected = "a single VLAN (or a narrower trunk): not VLAN 4095, not a trunk over 0-4094";
  const base: Omit<CheckDetail, "observed" | "message"> = { findingId: "vlan", expected };
  const vlan = numberValue(pg.values.vlan_id);
  const ranges = blocks(pg.values.vlan_range);
  if (vlan.kind === "expression" || ranges.expr !== undefined) {
    const what = vlan.kind === "expression" ? `vlan_id = ${show(vlan.expr)}` : `vlan_range = ${show(ranges.expr)}`;
    return check("config", "not-evaluable", pg, {
      ...base,
      observed: `${what} (known only at plan time)`,
      message: `${label(pg)}: ${what}`,
    });
  }
  const parsed = (ranges.list ?? []).map((r) => ({ min: numberValue(r.min_vlan), max: numberValue(r.max_vlan) }));
  if (parsed.some((r) => r.min.kind !== "value" || r.max.kind !== "value"))
    return check("config", "not-evaluable", pg, {
      ...base,
      observed: `vlan_range ${show(pg.values.vlan_range)} has bounds that are not literal numbers`,
      message: `${label(pg)}: the trunk's VLAN range is not in the configuration`,
    });
  const spans = parsed.map((r) => [(r.min as { value: number }).value, (r.max as { value: number }).value] as const);
  if (spans.length > 0) {
    const covered = coversAll(spans);
    const text = `trunk ${spans.map(([a, b]) => `${a}-${b}`).join(", ")}`;
    return check("config", covered ? "fail" : "pass", pg, {
      ...base,
      observed: covered ? `${text} (every VLAN: guest tagging)` : text,
      message: `${label(pg)}: ${text}`,
    });
  }
  if (vlan.kind === "value") {
    const vgt = vlan.value === 4095;
    return check("config", vgt ? "fail" : "pass", pg, {
      ...base,
      observed: vgt ? "VLAN 4095 (guest tagging: the VM chooses its VLAN)" : vlan.value === 0 ? "VLAN 0 (untagged)" : `VLAN ${vlan.value}`,
      message: `${label(pg)}: VLAN ${vlan.value}`,
    });
  }
  return check("config", "pass", pg, {
    ...base,
    observed: vlan.kind === "absent" ? "no VLAN set (untagged)" : `vlan_id ${show(vlan.raw)}`,
    message: `${label(pg)}: no guest VLAN tagging`,
  });
}

/** Whether trunk ranges together cover every VLAN 1-4094 (0 is untagged; a trunk from 1 is the same). */
function coversAll(spans: readonly (readonly [number, number])[]): boolean {
  let next = 1;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (a > next) return false;
    next = Math.max(next, b + 1);
  }
  return next > 4094;
}
