import { defineRule } from "../../engine/rule";
import { ISO27001, SCG_ESXI_CSV_EDITION, SCG_ESXI_CSV_SOURCE, VSPHERE_SCG_UNVERIFIED } from "../../controls/references";
import { checkDeclaredHardening } from "./host-hardening";

/**
 * Why a pam_passwdqc option string (Security.PasswordQualityControl) admits passwords shorter than
 * `minLength`, or undefined when it does not. `min=N0,N1,N2,N3,N4` gives the shortest password of one,
 * two and three character classes, of a passphrase, and of four classes; `disabled` forbids the kind.
 * Every kind that is allowed must be at least `minLength` long, and `similar=permit` (a new password
 * like the old one) is refused.
 */
export function passwordQualityProblem(options: string, minLength: number): string | undefined {
  const tokens = options.trim().split(/\s+/);
  const min = tokens.find((t) => t.startsWith("min="));
  if (!min) return "no min= (the ESXi default min=disabled,disabled,disabled,7,7 applies)";
  const values = min.slice(4).split(",");
  if (values.length !== 5) return `min= has ${values.length} values, expected 5`;
  const allowed = values.filter((v) => v !== "disabled");
  if (allowed.length === 0) return "min= disables every kind of password";
  const short = allowed.filter((v) => !/^\d+$/.test(v) || Number(v) < minLength);
  if (short.length) return `min= allows ${short.join(", ")}-character passwords`;
  if (tokens.includes("similar=permit")) return "similar=permit lets a new password resemble the old one";
  return undefined;
}

/**
 * VSP-PASSWORD: local ESXi accounts must choose long passwords: every kind of password
 * Security.PasswordQualityControl allows is at least `minLength` characters (SCG 8
 * esxi-8.account-password-policies baseline "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64";
 * the ESXi default admits 7). Declared facts: `vsphere_host` has no advanced settings
 * (host-hardening.ts says how each case comes out).
 */
export const HostRequiresStrongPasswords = defineRule({
  meta: {
    id: "VSP-PASSWORD",
    name: "HostRequiresStrongPasswords",
    version: "1.0.0",
    area: "vsphere",
    title: "ESXi local accounts need passwords of at least 15 characters",
    rationale: "Root and break-glass passwords of a host are attacked offline and online; length is what makes them resist.",
    remediation:
      'Set Security.PasswordQualityControl = "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64" (host profile or the SCG remediation script), audit with the SCG audit script and declare the result in site.yaml esxiHardening.',
    severity: "medium",
    enforcement: "mandatory",
    evidence: "declared",
    params: {
      minLength: { default: 15, description: "Shortest password any allowed kind may have (SCG 8 baseline 15).", unit: "characters" },
    },
    controls: [VSPHERE_SCG_UNVERIFIED("esxi-8.account-password-policies", SCG_ESXI_CSV_SOURCE, SCG_ESXI_CSV_EDITION), ISO27001("8.5")],
  },
  check(room, { params }) {
    return checkDeclaredHardening(room, {
      what: "password quality",
      expected: `Security.PasswordQualityControl allows no password shorter than ${params.minLength} characters (min=disabled,disabled,disabled,disabled,${params.minLength}), similar=deny`,
      items: (r) => {
        const v = r.passwordQualityControl;
        const problem = v === undefined ? undefined : passwordQualityProblem(v, params.minLength);
        return [
          {
            label: "Security.PasswordQualityControl",
            value: v && (problem ? `"${v}" (${problem})` : `"${v}"`),
            ok: v !== undefined && !problem,
          },
        ];
      },
    });
  },
});
