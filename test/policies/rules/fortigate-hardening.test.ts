import { FortigateSystemIsHardened } from "../../../policies/rules/firewall/FortigateSystemIsHardened";
import { findingAt, findingsOf, outcomes, RoomBuilder } from "../room-builder";

const FW = "firewall";
const P = "fortios.primary";

/** A hardened FortiGate cluster as FortigateCluster writes it (primary and secondary HA, the box-wide settings on the primary). */
function hardened(): RoomBuilder {
  return new RoomBuilder()
    .resource(FW, "fortios_system_global", "global_fw1", {
      provider: P,
      hostname: "fw1",
      vdom_mode: "multi-vdom",
      strong_crypto: "enable",
      pre_login_banner: "enable",
      timezone: "27",
      vdomparam: "global",
    })
    .resource(FW, "fortios_system_global", "global_fw2", { provider: "fortios.secondary", hostname: "fw2", vdomparam: "global" })
    .resource(FW, "fortios_system_ha", "ha_fw1", { provider: P, mode: "a-p", group_name: "g", priority: 200, vdomparam: "global" })
    .resource(FW, "fortios_system_ha", "ha_fw2", {
      provider: "fortios.secondary",
      mode: "a-p",
      group_name: "g",
      priority: 100,
      vdomparam: "global",
    })
    .resource(FW, "fortios_system_dns", "dns", { provider: P, primary: "10.0.20.10", secondary: "10.0.20.11", vdomparam: "global" })
    .resource(FW, "fortios_systemreplacemsg_admin", "login-banner", {
      provider: P,
      msg_type: "pre_admin-disclaimer-text",
      buffer: "Authorized administrators only; sessions are logged.",
      vdomparam: "global",
    })
    .resource(FW, "fortios_system_passwordpolicy", "password-policy", {
      provider: P,
      status: "enable",
      apply_to: "admin-password",
      minimum_length: 14,
      vdomparam: "global",
    })
    .resource(FW, "fortios_system_autoinstall", "usb-autoinstall", {
      provider: P,
      auto_install_config: "disable",
      auto_install_image: "disable",
      vdomparam: "global",
    })
    .resource(FW, "fortios_system_sshconfig", "ssh-config", {
      provider: P,
      ssh_enc_algo: "chacha20-poly1305@openssh.com aes256-ctr aes256-gcm@openssh.com",
      ssh_kex_algo: "curve25519-sha256@libssh.org diffie-hellman-group16-sha512",
      ssh_mac_algo: "hmac-sha2-256-etm@openssh.com hmac-sha2-512-etm@openssh.com",
      ssh_hsk_algo: "ssh-ed25519 rsa-sha2-512",
      vdomparam: "global",
    });
}

const run = (b: RoomBuilder, minPasswordLength?: number) =>
  findingsOf(FortigateSystemIsHardened, b, minPasswordLength === undefined ? undefined : { "FW-SYS-HARDENING": { minPasswordLength } });

describe("FW-SYS-HARDENING", () => {
  test("pass: a hardened cluster, each setting checked once on the primary (not once per unit)", () => {
    expect(outcomes(run(hardened()))).toEqual({
      "fortios_system_dns.dns#dns": "pass",
      "fortios_system_global.global_fw1#timezone": "pass",
      "fortios_system_global.global_fw1#banner": "pass",
      "fortios_system_passwordpolicy.password-policy#password-policy": "pass",
      "fortios_system_autoinstall.usb-autoinstall#usb-autoinstall": "pass",
      "fortios_system_sshconfig.ssh-config#ssh-crypto": "pass",
    });
    expect(findingAt(run(hardened()), "fortios_system_dns.dns#dns").observed).toBe("primary 10.0.20.10, secondary 10.0.20.11");
  });

  test.each<[string, (b: RoomBuilder) => RoomBuilder, string, RegExp]>([
    ["no DNS setting", (b) => remove(b, "fortios_system_dns", "dns"), "fortios_system_ha.ha_fw1#dns", /no fortios_system_dns/],
    [
      "no time zone",
      (b) => b.edit(FW, "fortios_system_global", "global_fw1", (v) => delete v.timezone),
      "fortios_system_global.global_fw1#timezone",
      /timezone unset/,
    ],
    [
      "the banner switched off",
      (b) => b.edit(FW, "fortios_system_global", "global_fw1", (v) => (v.pre_login_banner = "disable")),
      "fortios_system_global.global_fw1#banner",
      /pre_login_banner not enabled/,
    ],
    [
      "a banner without text",
      (b) => b.edit(FW, "fortios_systemreplacemsg_admin", "login-banner", (v) => (v.buffer = " ")),
      "fortios_system_global.global_fw1#banner",
      /no pre_admin-disclaimer-text message/,
    ],
    [
      "a password policy that allows 8 characters",
      (b) => b.edit(FW, "fortios_system_passwordpolicy", "password-policy", (v) => (v.minimum_length = 8)),
      "fortios_system_passwordpolicy.password-policy#password-policy",
      /minimum_length 8/,
    ],
    [
      "a password policy for IPsec keys only",
      (b) => b.edit(FW, "fortios_system_passwordpolicy", "password-policy", (v) => (v.apply_to = "ipsec-preshared-key")),
      "fortios_system_passwordpolicy.password-policy#password-policy",
      /apply_to ipsec-preshared-key/,
    ],
    [
      "no password policy",
      (b) => remove(b, "fortios_system_passwordpolicy", "password-policy"),
      "fortios_system_ha.ha_fw1#password-policy",
      /no password policy/,
    ],
    [
      "USB image auto-install on",
      (b) => b.edit(FW, "fortios_system_autoinstall", "usb-autoinstall", (v) => (v.auto_install_image = "enable")),
      "fortios_system_autoinstall.usb-autoinstall#usb-autoinstall",
      /auto_install_image enable/,
    ],
    [
      "no auto-install setting (FortiOS default on)",
      (b) => remove(b, "fortios_system_autoinstall", "usb-autoinstall"),
      "fortios_system_ha.ha_fw1#usb-autoinstall",
      /both enabled/,
    ],
    [
      "a CBC cipher in ssh-config",
      (b) => b.edit(FW, "fortios_system_sshconfig", "ssh-config", (v) => (v.ssh_enc_algo = "aes256-ctr aes128-cbc")),
      "fortios_system_sshconfig.ssh-config#ssh-crypto",
      /ssh_enc_algo offers aes128-cbc/,
    ],
    [
      "a SHA-1 key exchange in system global (FortiOS 7.2)",
      (b) =>
        b.edit(
          FW,
          "fortios_system_global",
          "global_fw1",
          (v) => (v.ssh_kex_algo = "diffie-hellman-group14-sha1 curve25519-sha256@libssh.org"),
        ),
      "fortios_system_sshconfig.ssh-config#ssh-crypto",
      /ssh_kex_algo offers diffie-hellman-group14-sha1/,
    ],
    [
      "the ssh-rsa host key",
      (b) => b.edit(FW, "fortios_system_sshconfig", "ssh-config", (v) => (v.ssh_hsk_algo = "ssh-rsa ssh-ed25519")),
      "fortios_system_sshconfig.ssh-config#ssh-crypto",
      /ssh_hsk_algo offers ssh-rsa/,
    ],
    [
      "an old weak-SSH switch enabled",
      (b) => b.edit(FW, "fortios_system_global", "global_fw1", (v) => (v.ssh_hmac_md5 = "enable")),
      "fortios_system_sshconfig.ssh-config#ssh-crypto",
      /ssh_hmac_md5 enable/,
    ],
    [
      "strong crypto off",
      (b) => b.edit(FW, "fortios_system_global", "global_fw1", (v) => (v.strong_crypto = "disable")),
      "fortios_system_sshconfig.ssh-config#ssh-crypto",
      /strong_crypto disable/,
    ],
  ])("fail: %s", (_, change, ref, observed) => {
    const f = findingAt(run(change(hardened())), ref);
    expect(f.outcome).toBe("fail");
    expect(f.observed).toMatch(observed);
  });

  test("the password length threshold is a parameter", () => {
    expect(findingAt(run(hardened(), 16), "fortios_system_passwordpolicy.password-policy#password-policy").outcome).toBe("fail");
    expect(findingAt(run(hardened(), 14), "fortios_system_passwordpolicy.password-policy#password-policy").outcome).toBe("pass");
  });

  test("a standalone FortiGate without HA is checked through its system global", () => {
    const b = remove(
      remove(remove(hardened(), "fortios_system_ha", "ha_fw1"), "fortios_system_ha", "ha_fw2"),
      "fortios_system_global",
      "global_fw2",
    );
    expect(findingAt(run(b), "fortios_system_dns.dns#dns").outcome).toBe("pass");
    expect(Object.keys(outcomes(run(b)))).toHaveLength(6);
  });

  test("settings written through another unit's provider do not count for the primary", () => {
    const b = hardened().edit(FW, "fortios_system_dns", "dns", (v) => (v.provider = "fortios.secondary"));
    expect(findingAt(run(b), "fortios_system_ha.ha_fw1#dns").outcome).toBe("fail");
  });

  test("not-evaluable: plan-time values where the check needs a literal", () => {
    const b = hardened()
      .edit(FW, "fortios_system_dns", "dns", (v) => (v.primary = "${var.dns_primary}"))
      .edit(FW, "fortios_system_global", "global_fw1", (v) => (v.timezone = "${var.timezone}"))
      .edit(FW, "fortios_systemreplacemsg_admin", "login-banner", (v) => (v.buffer = "${var.banner}"))
      .edit(FW, "fortios_system_passwordpolicy", "password-policy", (v) => (v.minimum_length = "${var.len}"));
    expect(outcomes(run(b))).toMatchObject({
      "fortios_system_dns.dns#dns": "not-evaluable",
      "fortios_system_global.global_fw1#timezone": "not-evaluable",
      "fortios_systemreplacemsg_admin.login-banner#banner": "not-evaluable",
      "fortios_system_passwordpolicy.password-policy#password-policy": "not-evaluable",
    });
  });

  test("not applicable: a room without a FortiGate has nothing to check", () => {
    const b = new RoomBuilder().resource("vsphere", "vsphere_datacenter", "dc", { name: "dc" });
    expect(run(b)).toEqual([]);
  });
});

/** Drops a resource from the builder's room. */
function remove(b: RoomBuilder, type: string, name: string): RoomBuilder {
  const docs = b.docs();
  const next = new RoomBuilder();
  for (const d of docs)
    for (const [t, byName] of Object.entries(d.json.resource ?? {}))
      for (const [n, values] of Object.entries(byName)) if (!(t === type && n === name)) next.resource(d.stack, t, n, values);
  return next;
}
