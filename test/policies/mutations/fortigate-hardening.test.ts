import type { StackDocument } from "../../../policies/engine/terraform-input";
import { firewallRules } from "../../../policies/rules/firewall";
import { blockOf, expectMutationFails } from "../example-output";

/** [what changes, the one-line mutation, site, address#finding that must fail] */
const MUTATIONS: [string, (d: StackDocument[]) => void, string, string][] = [
  [
    "no primary resolver",
    (d) => (blockOf(d, "fjordvik-firewall", "fortios_system_dns", "dns").primary = ""),
    "fjordvik",
    "fortios_system_dns.dns#dns",
  ],
  [
    "the time zone removed",
    (d) => delete blockOf(d, "kvistrup-firewall", "fortios_system_global", "global_fw01").timezone,
    "kvistrup",
    "fortios_system_global.global_fw01#timezone",
  ],
  [
    "the pre-login banner off",
    (d) => (blockOf(d, "fjordvik-firewall", "fortios_system_global", "global_fw-a").pre_login_banner = "disable"),
    "fjordvik",
    "fortios_system_global.global_fw-a#banner",
  ],
  [
    "8-character admin passwords",
    (d) => (blockOf(d, "kvistrup-firewall", "fortios_system_passwordpolicy", "password-policy").minimum_length = 8),
    "kvistrup",
    "fortios_system_passwordpolicy.password-policy#password-policy",
  ],
  [
    "USB config auto-install on",
    (d) => (blockOf(d, "fjordvik-firewall", "fortios_system_autoinstall", "usb-autoinstall").auto_install_config = "enable"),
    "fjordvik",
    "fortios_system_autoinstall.usb-autoinstall#usb-autoinstall",
  ],
  [
    "a CBC cipher for SSH",
    (d) => (blockOf(d, "kvistrup-firewall", "fortios_system_sshconfig", "ssh-config").ssh_enc_algo = "aes256-ctr aes256-cbc"),
    "kvistrup",
    "fortios_system_sshconfig.ssh-config#ssh-crypto",
  ],
];

describe("FW-SYS-HARDENING mutations of the example output", () => {
  test.each(MUTATIONS)("%s", (_, mutate, site, target) => {
    expectMutationFails(firewallRules, { rule: "FW-SYS-HARDENING", site, target, mutate });
  });
});
