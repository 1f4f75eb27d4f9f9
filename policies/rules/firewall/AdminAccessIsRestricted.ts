import { check } from "../../engine/checks";
import type { Check } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001, NIS2, NSM_GRUNNPRINSIPPER } from "../../controls/references";
import {
  contains,
  type FwInterface,
  interfaces,
  internetInterfaces,
  nameList,
  type Net,
  netText,
  parseNet,
  planTime,
  str,
  unlessPlanTime,
} from "./fortigate";

const ADMIN_ACCESS = ["http", "https", "ssh", "telnet"];

/**
 * FW-ADMIN: administrative access to the FortiGate is restricted (config).
 * - Per admin (`fortios_system_admin`) and API user (`fortios_system_apiuser`): trusted hosts are set,
 *   none is 0.0.0.0/0 (or ::/0), and each lies inside a management network: the network of an interface
 *   in the management VDOM (`fortios_system_global.management_vdom`, default root) or of an HA
 *   management interface. An admin without IPv6 trusted hosts accepts IPv6 logins from anywhere (the
 *   provider docs: "Default allows access from any IPv6 address"): a failure.
 * - Per admin: MFA (`two_factor` set and not disable); with `remote_auth` the second factor is the
 *   RADIUS/LDAP server's and cannot be seen (not evaluable). API users authenticate with a token and
 *   have no MFA setting: not applicable (their trusted hosts are the control).
 * - Per internet-facing interface (role wan, or a default route's device): no http, https, ssh or
 *   telnet in `allowaccess`.
 * Human admins managed outside this configuration (remote auth, SSO) are not covered.
 */
export const AdminAccessIsRestricted = defineRule({
  meta: {
    id: "FW-ADMIN",
    name: "AdminAccessIsRestricted",
    version: "1.0.0",
    area: "firewall",
    title: "FortiGate admin access only from the management network, with MFA, never on the internet interface",
    rationale:
      "The FortiGate holds every tenant's boundary: an admin login reachable from the internet or from any address, or without a second factor, is the shortest way to all municipalities at once.",
    remediation:
      "Set trusted hosts to the management network on every admin and API user (IPv4 and IPv6), enable two-factor authentication for admins, and remove http/https/ssh/telnet from allowaccess on internet-facing interfaces.",
    severity: "critical",
    enforcement: "mandatory",
    evidence: "config",
    params: {},
    controls: [NIS2("Art. 21(2)(i)"), NIS2("Art. 21(2)(j)"), ISO27001("8.2"), ISO27001("8.5"), NSM_GRUNNPRINSIPPER("2.6.7")],
  },
  check(room) {
    const out: Check[] = [];
    const ifaces = interfaces(room);
    const mgmt = managementNets(room, ifaces);
    for (const a of room.resources("fortios_system_admin")) {
      const v4 = Array.from({ length: 10 }, (_, i) => str(room, a, `trusthost${i + 1}`)).filter((t): t is string => t !== undefined);
      const v6 = Array.from({ length: 10 }, (_, i) => str(room, a, `ip6_trusthost${i + 1}`)).filter((t): t is string => t !== undefined);
      const hidden = Array.from({ length: 10 }, (_, i) => [`trusthost${i + 1}`, `ip6_trusthost${i + 1}`])
        .flat()
        .map((k) => planTime(room, a, k))
        .filter((r): r is string => r !== undefined);
      out.push(trustCheck(room, a, v4, v6, true, mgmt, hidden));
      out.push(mfaCheck(room, a));
    }
    for (const u of room.resources("fortios_system_apiuser")) {
      const entries = Array.isArray(u.values.trusthost) ? (u.values.trusthost as Record<string, unknown>[]) : [];
      const v4 = entries.flatMap((e) => (typeof e.ipv4_trusthost === "string" ? [e.ipv4_trusthost] : []));
      const v6 = entries.flatMap((e) => (typeof e.ipv6_trusthost === "string" ? [e.ipv6_trusthost] : []));
      out.push(trustCheck(room, u, v4, v6, false, mgmt));
      out.push(
        check("config", "not-applicable", u, {
          findingId: "mfa",
          observed: "API user: token authentication, no MFA setting",
          expected: "MFA applies to interactive admins; an API token is limited by its trusted hosts",
          message: `${u.address}: MFA does not apply to an API token`,
        }),
      );
    }
    for (const i of internetInterfaces(room, ifaces)) {
      const bad = i.allowaccess.filter((a) => ADMIN_ACCESS.includes(a));
      out.push(
        unlessPlanTime(
          room,
          i.obj,
          ["allowaccess"],
          check("config", bad.length === 0 ? "pass" : "fail", i.obj, {
            findingId: "wan-access",
            observed: `internet-facing ${i.name}: allowaccess ${i.allowaccess.join(" ") || "none"}`,
            expected: `no ${ADMIN_ACCESS.join("/")} on an internet-facing interface`,
            message: `${i.name} ${bad.length === 0 ? "offers no admin access" : `offers ${bad.join(", ")} to the internet`}`,
          }),
        ),
      );
    }
    return out;
  },
});

/**
 * The networks admin logins may come from: the subnets of the HA reserved management interfaces and
 * the networks their routes name (`ha_mgmt_interfaces[].dst`, other than the default route: the
 * runner's network outside the management subnet). Without a reserved management interface, the
 * networks of the management VDOM's interfaces that do not face the internet
 * (`fortios_system_global.management_vdom`, default root). The management VDOM may be the shared
 * VDOM that carries the box's own traffic: its service and internet networks are not management.
 */
function managementNets(room: Room, ifaces: FwInterface[]): Net[] {
  const has = room.resources("fortios_system_ha");
  const haMgmt = new Set(has.flatMap((h) => nameList(room, h, h.values.ha_mgmt_interfaces, "interface")));
  if (haMgmt.size > 0) {
    const routed = has.flatMap((h) => nameList(room, h, h.values.ha_mgmt_interfaces, "dst").map(parseNet));
    return [
      ...ifaces.filter((i) => i.net !== undefined && haMgmt.has(i.name)).map((i) => i.net as Net),
      ...routed.filter((n): n is Net => n !== undefined && n.prefix > 0),
    ];
  }
  const set = room.resources("fortios_system_global").flatMap((g) => str(room, g, "management_vdom") ?? []);
  const mgmtVdoms = new Set(set.length > 0 ? set : ["root"]);
  const internet = new Set(internetInterfaces(room, ifaces).map((i) => i.obj));
  return ifaces
    .filter((i) => i.net !== undefined && i.vdom !== undefined && mgmtVdoms.has(i.vdom) && !internet.has(i.obj))
    .map((i) => i.net as Net);
}

function trustCheck(room: Room, o: TfObject, v4: string[], v6: string[], admin: boolean, mgmt: Net[], hidden: string[] = []): Check {
  const name = str(room, o, "name") ?? o.name;
  const kind = admin ? "admin" : "API user";
  const mgmtText = mgmt.length > 0 ? [...new Set(mgmt.map(netText))].join(", ") : "none found";
  const expected = `trusted hosts inside the management network (${mgmtText}), IPv4 and IPv6`;
  if (hidden.length > 0)
    return check("config", "not-evaluable", o, {
      findingId: "trusthost",
      observed: `${kind} ${name}: ${hidden.join("; ")}`,
      expected,
      message: `${kind} ${name}: ${hidden[0] ?? ""}`,
    });
  const problems: string[] = [];
  if (v4.length === 0) problems.push("no IPv4 trusted hosts (any address may log in)");
  for (const t of v4) {
    const n = parseNet(t);
    if (!n) problems.push(`${t} is not an IPv4 network`);
    else if (n.prefix === 0) problems.push(`${t} is any address`);
    else if (mgmt.length > 0 && !mgmt.some((m) => contains(m, n))) problems.push(`${netText(n)} is outside the management network`);
  }
  if (admin && v6.length === 0) problems.push("no IPv6 trusted hosts (any IPv6 address may log in)");
  for (const t of v6) if (/^::\/0$|^::0?\/0$|^::$/.test(t.trim())) problems.push(`IPv6 ${t} is any address`);
  const observed = `${kind} ${name}: trusted hosts ${[...v4, ...v6].join(", ") || "none"}`;
  if (problems.length > 0)
    return check("config", "fail", o, {
      findingId: "trusthost",
      observed: `${observed}; ${problems.join("; ")}`,
      expected,
      message: `${kind} ${name}: ${problems[0] ?? ""}`,
    });
  if (mgmt.length === 0)
    return check("config", "not-evaluable", o, {
      findingId: "trusthost",
      observed: `${observed}; no management interface in the input to compare with`,
      expected,
      message: `${kind} ${name}: the management network is not in the input`,
    });
  return check("config", "pass", o, {
    findingId: "trusthost",
    observed,
    expected,
    message: `${kind} ${name}: trusted hosts inside the management network`,
  });
}

function mfaCheck(room: Room, a: TfObject): Check {
  const name = str(room, a, "name") ?? a.name;
  const two = str(room, a, "two_factor");
  const remote = str(room, a, "remote_auth");
  const observed = `admin ${name}: two_factor ${two ?? "unset (disable)"}, remote_auth ${remote ?? "unset (disable)"}`;
  const expected = "two_factor enabled (fortitoken, email, sms, ...)";
  const hidden = planTime(room, a, "two_factor") ?? planTime(room, a, "remote_auth");
  if (hidden !== undefined)
    return check("config", "not-evaluable", a, {
      findingId: "mfa",
      observed: `admin ${name}: ${hidden}`,
      expected,
      message: `admin ${name}: ${hidden}`,
    });
  if (two !== undefined && two !== "disable")
    return check("config", "pass", a, { findingId: "mfa", observed, expected, message: `admin ${name} uses two-factor authentication` });
  if (remote === "enable")
    return check("config", "not-evaluable", a, {
      findingId: "mfa",
      observed,
      expected,
      message: `admin ${name} authenticates at a remote server, whose second factor the configuration does not show`,
    });
  return check("config", "fail", a, { findingId: "mfa", observed, expected, message: `admin ${name} logs in without a second factor` });
}
