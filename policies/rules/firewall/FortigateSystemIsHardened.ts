import { check } from "../../engine/checks";
import type { Check, ControlRef } from "../../engine/rule";
import { defineRule } from "../../engine/rule";
import type { Room, TfObject } from "../../engine/room";
import { ISO27001 } from "../../controls/references";
import { clusters, providerOf, str, unlessPlanTime, words } from "./fortigate";

/**
 * Fortinet's hardening guidance for FortiOS (the "Hardening your FortiGate" chapter of the FortiOS
 * administration guide). CONTROLS.md has no FortiGate baseline section that read it: verified false.
 */
const FORTIOS_HARDENING = (ref: string): ControlRef => ({
  framework: "Fortinet FortiOS administration guide: Hardening your FortiGate",
  ref,
  edition: "FortiOS 7.4 (verify)",
  verified: false,
  source: "not in CONTROLS.md (verify against docs.fortinet.com)",
  kind: "benchmark",
});

/** SSH algorithms a hardened box never offers (CBC, RC4, SHA-1 and MD5 MACs and key exchanges, the SHA-1 RSA host key). */
const WEAK_SSH = /-cbc\b|cbc@|^arcfour|^3des|^blowfish|^cast128|-sha1\b|sha1-|^hmac-md5|^hmac-sha1|^hmac-ripemd160|^umac-64|^ssh-rsa$/;

/** The on/off SSH switches of FortiOS up to 7.0.1: `enable` turns a weak algorithm on. */
const WEAK_SSH_SWITCHES = ["ssh_cbc_cipher", "ssh_hmac_md5", "ssh_kex_sha1", "ssh_mac_weak"];

/** One FortiGate (a cluster's primary, or a standalone unit): its provider alias in its stack, and the object findings anchor on. */
interface Box {
  stack: string;
  provider: string;
  anchor: TfObject;
  label: string;
}

function boxes(room: Room): Box[] {
  const found = clusters(room).map((c) => ({
    stack: c.ha.stack,
    provider: providerOf(c.ha),
    anchor: c.ha,
    label: `cluster ${c.group ?? c.ha.address}`,
  }));
  if (found.length > 0) return found;
  const seen = new Set<string>();
  return room.resources("fortios_system_global").flatMap((g) => {
    const key = `${g.stack} ${providerOf(g)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ stack: g.stack, provider: providerOf(g), anchor: g, label: `FortiGate ${str(room, g, "hostname") ?? g.address}` }];
  });
}

/**
 * FW-SYS-HARDENING: the FortiGate's own settings follow the hardening baseline (config). Per box,
 * over the resources of its stack and provider alias (FGCP synchronizes them to the other unit):
 * - dns: `fortios_system_dns` names a primary resolver (the box resolves its NTP, syslog and
 *   FortiGuard names); a second one is reported beside it.
 * - timezone: a `fortios_system_global` sets `timezone` (logs and schedules carry local time).
 * - banner: `pre_login_banner` enabled and the `pre_admin-disclaimer-text` replacement message has text.
 * - password-policy: `fortios_system_passwordpolicy` enabled for admin passwords, at least
 *   `minPasswordLength` characters.
 * - usb-autoinstall: `fortios_system_autoinstall` with config and image auto-install disabled
 *   (FortiOS installs both from a USB stick at boot by default).
 * - ssh-crypto: strong crypto not disabled, no weak algorithm in `system ssh-config` or `system global`
 *   lists, no weak on/off switch enabled.
 * A `${var...}` where a value is needed is not evaluable. Trusted hosts on admin accounts and the
 * admin ports are FW-ADMIN's; the admin ports a site chooses are not a finding (the configuration
 * cannot show the site's intent).
 */
export const FortigateSystemIsHardened = defineRule({
  meta: {
    id: "FW-SYS-HARDENING",
    name: "FortigateSystemIsHardened",
    version: "1.0.0",
    area: "firewall",
    title:
      "The FortiGate's own settings are hardened: DNS, time zone, login banner, admin password policy, no USB auto-install, strong SSH",
    rationale:
      "A box that cannot resolve names loses its clock, logs and signatures; wrong local time breaks the log trail; without a banner misuse is hard to prosecute; weak local passwords, a USB stick at boot or a weak SSH algorithm each open the box that holds every tenant's boundary.",
    remediation:
      "Write fortios_system_dns with the site's resolvers, timezone in fortios_system_global, pre_login_banner with the pre_admin-disclaimer-text message, fortios_system_passwordpolicy for admin passwords, fortios_system_autoinstall with both switches disabled, and strong SSH algorithm lists (system ssh-config from FortiOS 7.4.4).",
    severity: "high",
    enforcement: "mandatory",
    evidence: "config",
    params: {
      minPasswordLength: { default: 12, description: "Shortest local admin password the policy may allow", unit: "characters" },
    },
    controls: [
      ISO27001("8.5"),
      ISO27001("8.9"),
      ISO27001("8.17"),
      FORTIOS_HARDENING("DNS, system time, pre-login disclaimer, password policy, USB auto-install, strong crypto"),
    ],
  },
  check(room, ctx) {
    const minLength = ctx.params.minPasswordLength;
    const out: Check[] = [];
    for (const box of boxes(room)) {
      const of = (type: string) => room.resources(type).filter((o) => o.stack === box.stack && providerOf(o) === box.provider);
      out.push(dnsCheck(room, box, of("fortios_system_dns")));
      out.push(timezoneCheck(room, box, of("fortios_system_global")));
      out.push(bannerCheck(room, box, of("fortios_system_global"), of("fortios_systemreplacemsg_admin")));
      out.push(passwordCheck(room, box, of("fortios_system_passwordpolicy"), minLength));
      out.push(usbCheck(room, box, of("fortios_system_autoinstall")));
      out.push(sshCheck(room, box, of("fortios_system_global"), of("fortios_system_sshconfig")));
    }
    return out;
  },
});

/** A value that is written but not literal (a `${var...}`): the check cannot see it. */
const hidden = (room: Room, o: TfObject, key: string): boolean => o.values[key] !== undefined && str(room, o, key) === undefined;

function dnsCheck(room: Room, box: Box, dns: TfObject[]): Check {
  const expected = "fortios_system_dns with a primary resolver (the site's DNS servers)";
  const d = dns[0];
  if (!d)
    return check("config", "fail", box.anchor, {
      findingId: "dns",
      observed: "no fortios_system_dns",
      expected,
      message: `${box.label} has no DNS setting`,
    });
  if (hidden(room, d, "primary"))
    return check("config", "not-evaluable", d, {
      findingId: "dns",
      observed: `primary ${JSON.stringify(d.values.primary)}`,
      expected,
      message: `${box.label}: the DNS server is a plan-time value`,
    });
  const primary = str(room, d, "primary");
  const secondary = str(room, d, "secondary");
  return check("config", primary ? "pass" : "fail", d, {
    findingId: "dns",
    observed: `primary ${primary ?? "unset"}, secondary ${secondary ?? "unset"}`,
    expected,
    message: primary
      ? `${box.label} resolves through ${[primary, secondary].filter(Boolean).join(" and ")}`
      : `${box.label}: no primary DNS server`,
  });
}

function timezoneCheck(room: Room, box: Box, globals: TfObject[]): Check {
  const expected = "timezone set in fortios_system_global (a code before FortiOS 7.6, a zone name from 7.6)";
  const g = globals.find((o) => o.values.timezone !== undefined);
  if (!g)
    return check("config", "fail", globals[0] ?? box.anchor, {
      findingId: "timezone",
      observed: "timezone unset (the factory zone)",
      expected,
      message: `${box.label} has no time zone`,
    });
  const tz = str(room, g, "timezone");
  if (tz === undefined)
    return check("config", "not-evaluable", g, {
      findingId: "timezone",
      observed: "timezone is a plan-time value",
      expected,
      message: `${box.label}: time zone not visible`,
    });
  return check("config", "pass", g, {
    findingId: "timezone",
    observed: `timezone ${tz}`,
    expected,
    message: `${box.label} keeps time zone ${tz}`,
  });
}

function bannerCheck(room: Room, box: Box, globals: TfObject[], messages: TfObject[]): Check {
  const expected = "pre_login_banner enable and the pre_admin-disclaimer-text message with text";
  const on = globals.find((g) => str(room, g, "pre_login_banner") === "enable");
  const msg = messages.find((m) => str(room, m, "msg_type") === "pre_admin-disclaimer-text");
  const target = on ?? globals[0] ?? box.anchor;
  if (msg && hidden(room, msg, "buffer"))
    return check("config", "not-evaluable", msg, {
      findingId: "banner",
      observed: "banner text is a plan-time value",
      expected,
      message: `${box.label}: banner text not visible`,
    });
  const text = msg ? (str(room, msg, "buffer") ?? "") : "";
  const problems = [
    on ? undefined : "pre_login_banner not enabled",
    text.trim() !== "" ? undefined : "no pre_admin-disclaimer-text message",
  ].filter((p): p is string => p !== undefined);
  return check("config", problems.length === 0 ? "pass" : "fail", msg && on ? [on, msg] : target, {
    findingId: "banner",
    observed: problems.length === 0 ? `banner: ${text.length} characters` : problems.join("; "),
    expected,
    message: problems.length === 0 ? `${box.label} shows a banner before admin login` : `${box.label}: ${problems.join("; ")}`,
  });
}

function passwordCheck(room: Room, box: Box, policies: TfObject[], minLength: number): Check {
  const expected = `fortios_system_passwordpolicy status enable, apply_to admin-password, minimum_length >= ${minLength}`;
  const p = policies[0];
  if (!p)
    return check("config", "fail", box.anchor, {
      findingId: "password-policy",
      observed: "no password policy (FortiOS default: disabled, 8 characters)",
      expected,
      message: `${box.label}: local admin passwords have no policy`,
    });
  if (hidden(room, p, "minimum_length"))
    return check("config", "not-evaluable", p, {
      findingId: "password-policy",
      observed: "minimum_length is a plan-time value",
      expected,
      message: `${box.label}: password length not visible`,
    });
  const status = str(room, p, "status") ?? "disable";
  const applyTo = words(str(room, p, "apply_to"));
  const length = Number(str(room, p, "minimum_length") ?? 8);
  const problems = [
    status === "enable" ? undefined : `status ${status}`,
    applyTo.includes("admin-password") ? undefined : `apply_to ${applyTo.join(" ") || "unset"}`,
    length >= minLength ? undefined : `minimum_length ${length}`,
  ].filter((x): x is string => x !== undefined);
  return check("config", problems.length === 0 ? "pass" : "fail", p, {
    findingId: "password-policy",
    observed: `status ${status}, apply_to ${applyTo.join(" ") || "unset"}, minimum_length ${length}`,
    expected,
    message:
      problems.length === 0
        ? `${box.label}: admin passwords of ${length}+ characters`
        : `${box.label}: password policy ${problems.join(", ")}`,
  });
}

function usbCheck(room: Room, box: Box, settings: TfObject[]): Check {
  const expected = "fortios_system_autoinstall auto_install_config disable, auto_install_image disable";
  const a = settings[0];
  if (!a)
    return check("config", "fail", box.anchor, {
      findingId: "usb-autoinstall",
      observed: "no auto-install setting (FortiOS default: both enabled)",
      expected,
      message: `${box.label} installs configuration and firmware from a USB stick at boot`,
    });
  const config = str(room, a, "auto_install_config") ?? "enable";
  const image = str(room, a, "auto_install_image") ?? "enable";
  const ok = config === "disable" && image === "disable";
  return unlessPlanTime(
    room,
    a,
    ["auto_install_config", "auto_install_image"],
    check("config", ok ? "pass" : "fail", a, {
      findingId: "usb-autoinstall",
      observed: `auto_install_config ${config}, auto_install_image ${image}`,
      expected,
      message: ok
        ? `${box.label}: no USB auto-install`
        : `${box.label} auto-installs from USB (${[config === "enable" ? "config" : "", image === "enable" ? "image" : ""].filter(Boolean).join(", ")})`,
    }),
  );
}

function sshCheck(room: Room, box: Box, globals: TfObject[], sshConfigs: TfObject[]): Check {
  const expected = "strong_crypto not disabled, no CBC/RC4/SHA-1/MD5 SSH algorithm, no weak SSH switch enabled";
  const problems: string[] = [];
  const seen: string[] = [];
  for (const g of globals) {
    if (str(room, g, "strong_crypto") === "disable") problems.push(`${g.address}: strong_crypto disable`);
    for (const s of WEAK_SSH_SWITCHES) if (str(room, g, s) === "enable") problems.push(`${g.address}: ${s} enable`);
  }
  for (const o of [...globals, ...sshConfigs])
    for (const key of ["ssh_enc_algo", "ssh_kex_algo", "ssh_mac_algo", "ssh_hsk_algo", "ssh_hostkey_algo"]) {
      const list = words(str(room, o, key));
      if (list.length === 0) continue;
      seen.push(`${key} ${list.join(" ")}`);
      const weak = list.filter((a) => WEAK_SSH.test(a));
      if (weak.length > 0) problems.push(`${o.address}: ${key} offers ${weak.join(", ")}`);
    }
  const target = sshConfigs[0] ?? globals[0] ?? box.anchor;
  const sshFields = [
    "strong_crypto",
    ...WEAK_SSH_SWITCHES,
    "ssh_enc_algo",
    "ssh_kex_algo",
    "ssh_mac_algo",
    "ssh_hsk_algo",
    "ssh_hostkey_algo",
  ];
  return unlessPlanTime(
    room,
    [...globals, ...sshConfigs],
    sshFields,
    check("config", problems.length === 0 ? "pass" : "fail", target, {
      findingId: "ssh-crypto",
      observed:
        problems.length > 0
          ? problems.join("; ")
          : seen.length > 0
            ? seen.join("; ")
            : "strong crypto, the firmware's default SSH algorithms",
      expected,
      message: problems.length === 0 ? `${box.label}: strong SSH algorithms only` : `${box.label}: ${problems[0] ?? ""}`,
    }),
  );
}
