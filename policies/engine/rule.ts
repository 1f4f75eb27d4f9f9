import type { AttestationFields, FactSource } from "../../contracts/facility-objects";
import type { FindingTarget, Room } from "./room";

/** A law, contract, standard or benchmark a rule implements. */
export interface ControlRef {
  /** "NIS2", "ISO/IEC 27001:2022 Annex A", "EN 50600", "säkerhetsskyddslagen", "vSphere SCG 8", ... */
  framework: string;
  /** The article, section, control or clause: "Art. 21(2)(c)", "8.14", "2 kap. 1 §". */
  ref: string;
  /** The edition or version read: "2022/2555", "2022", "803-20260612-01". */
  edition: string;
  /** True only where shared/domain/CONTROLS.md says the primary text was read; else it carries "(verify)". */
  verified: boolean;
  /** Where it was read (CONTROLS.md source tag and address). */
  source: string;
  kind: "law" | "contract" | "standard" | "benchmark";
}

export type Severity = "critical" | "high" | "medium" | "low";
export type Enforcement = "mandatory" | "advisory";

/**
 * How a finding knows: `config` (checked in the synthesized configuration, as declared, not as
 * deployed), `declared` (a facility fact someone typed, checked for consistency), `attested` (a
 * person's record: reported as attested, never as passed).
 */
export type EvidenceType = "config" | "declared" | "attested";

export type ParamValue = number | string | boolean;
export interface ParamSpec<V extends ParamValue = ParamValue> {
  default: V;
  description: string;
  /** "kW", "min", "months", "ratio", ... */
  unit?: string;
}
export type ParamSpecs = Record<string, ParamSpec>;
export type ParamValues<P extends ParamSpecs> = {
  [K in keyof P]: P[K]["default"] extends number ? number : P[K]["default"] extends boolean ? boolean : string;
};

export interface RuleMeta<P extends ParamSpecs = ParamSpecs> {
  /** The catalogue id (CONTROLS.md §10): RED-UPS-N1. */
  id: string;
  /** The desired state, as the rule's file is named: UpsSurvivesLosingAModule. */
  name: string;
  /** The rule's own version (semver): bumped when its logic, thresholds or metadata change, and shown in every report. */
  version: string;
  /** power, cooling, physical, compute, storage, firewall, network, vsphere, backup, governance, law */
  area: string;
  title: string;
  rationale: string;
  remediation: string;
  severity: Severity;
  enforcement: Enforcement;
  /** What evidence the rule's findings rest on. */
  evidence: EvidenceType;
  params: P;
  controls: readonly ControlRef[];
  /**
   * Set on rules that check a legal prerequisite (a security agreement before access, consultation
   * with the supervisor, an incident reporting route): no waiver can accept their findings; they are
   * closed only by recording the decision. The text says where it is recorded ("the tenant's suaRef").
   */
  legalPrerequisite?: string;
  /**
   * "tenant": each finding is about one tenant's object or a shared one (its first target), and whatever
   * it weighs of other tenants it reads from `room.whole`, so the checks of one tenant (`synth --tenant`)
   * run the rule over that tenant's view of the room (Room.focus). Unset: the rule weighs the room as a whole (capacity, ranges, VDOM
   * licences, flows between tenants) and always runs over all of it. Set only where
   * test/policies/tenant-reach.test.ts shows the view's findings are the whole room's. Not in the
   * reports nor the catalogue version: it changes where a tenant run looks, not what a finding says.
   */
  reach?: "tenant";
}

export type ConfigOutcome = "pass" | "fail" | "not-applicable" | "not-evaluable" | "error";
/** An attested check can be current (`attested`) or missing, overdue, failed: never `pass`. */
export type AttestedOutcome = "attested" | "fail" | "not-applicable" | "not-evaluable" | "error";
export type Outcome = ConfigOutcome | AttestedOutcome;

interface CheckBase {
  /** The objects the finding is about; the first is the finding's address. Their stacks gate it. */
  targets: readonly FindingTarget[];
  /** Where one rule checks many things of one object: "path-A", "psu-1". */
  findingId?: string;
  /** What was found, with numbers: "3 x 40 kW minus the largest = 80 kW". */
  observed: string;
  /** The threshold: ">= path load 72 kW". */
  expected: string;
  message: string;
  /**
   * Makes this one finding advisory under a mandatory rule, where the rule's own documented logic
   * accepts the case (an adopted BIOS VM cannot get secure boot without a rebuild). Never the reverse.
   */
  enforcement?: "advisory";
}

/** What a rule returns for one checked thing. Types keep `attested` checks from passing. */
export type Check =
  | (CheckBase & { evidence: "config" | "declared"; outcome: ConfigOutcome })
  | (CheckBase & { evidence: "attested"; outcome: AttestedOutcome });

export interface RuleContext<P extends ParamSpecs> {
  params: ParamValues<P>;
  /** The evaluation date, YYYY-MM-DD. */
  asOf: string;
}

export interface Rule<P extends ParamSpecs = ParamSpecs> {
  meta: RuleMeta<P>;
  check(room: Room, ctx: RuleContext<P>): Check[];
}

/** Declares a rule with its metadata in one place, so the types of its parameters follow their defaults. */
export function defineRule<P extends ParamSpecs>(rule: Rule<P>): Rule<P> {
  return rule;
}

/** A rule's result for one checked thing, as the engine reports it. */
export interface Finding {
  rule: string;
  title: string;
  severity: Severity;
  enforcement: Enforcement;
  outcome: Outcome;
  evidence: EvidenceType;
  site: string;
  /** The Terraform address of the first target: `terraform_data.ups_ups-a`, `vsphere_host.esx01`. */
  address: string;
  /** The stack of the first target. */
  stack: string;
  /** Every stack the finding names: the gate holds it against each of them. */
  stacks: string[];
  /** Every address the finding names. */
  addresses: string[];
  findingId?: string;
  observed: string;
  expected: string;
  message: string;
  remediation: string;
  /** The input file of the first target, relative to the working directory where it lies below it. */
  file?: string;
  /** The 1-based line of the first target's block in `file`, where the input format has lines. */
  line?: number;
  /** The tenant the finding concerns (its stack's or its facility object's), for authority and per-tenant views. */
  tenant?: string;
  /** Declared evidence: the document the fact was read from and when it was last verified. */
  source?: FactSource;
  /** Attested evidence: who (role), when, the document, the result and when it is next due. */
  attestation?: AttestationFields;
  /** Set when a valid waiver accepts this finding. */
  waiver?: { id: string; kind: string; approver: string; ticket: string; expires: string; reason: string };
}
