import type { FacilityKind, FacilityOf } from "../../contracts/facility-objects";
import { evaluate, type ParamOverrides } from "../../policies/engine/evaluate";
import type { Finding, Rule } from "../../policies/engine/rule";
import { buildRooms, type Room } from "../../policies/engine/room";
import { findingRef } from "../../policies/report/summary";
import type { StackDocument, TerraformJson } from "../../policies/engine/terraform-input";
import { AS_OF } from "../shared-synth";

type Fields<K extends FacilityKind> = Omit<FacilityOf<K>, "kind" | "site">;

/**
 * Builds small rooms for rule tests as synthesized Terraform JSON, so every test also goes through the
 * engine's reader: facility objects land in `<site>-facility` as `terraform_data.<kind>_<id>`.
 */
export class RoomBuilder {
  private readonly stacks = new Map<string, TerraformJson>();

  constructor(readonly site = "s") {}

  /** A facility object in `<site>-facility`. */
  facility<K extends FacilityKind>(kind: K, fields: Fields<K>): this {
    const input = { kind, site: this.site, ...fields };
    return this.resource(`${this.site}-facility`, "terraform_data", `${kind}_${fields.id}`.replace(/[^A-Za-z0-9_-]/g, "_"), { input });
  }

  /** A managed resource in a stack (`vsphere` means `<site>-vsphere`; a name with the site prefix is taken as is). */
  resource(stack: string, type: string, name: string, values: Record<string, unknown>): this {
    return this.block("resource", stack, type, name, values);
  }

  /** A data source in a stack. */
  data(stack: string, type: string, name: string, values: Record<string, unknown>): this {
    return this.block("data", stack, type, name, values);
  }

  /** Edits a block already added (for one-line variations of a baseline room). */
  edit(
    stack: string,
    type: string,
    name: string,
    change: (values: Record<string, unknown>) => void,
    mode: "resource" | "data" = "resource",
  ): this {
    const values = this.stacks.get(this.stackName(stack))?.[mode]?.[type]?.[name];
    if (!values) throw new Error(`no ${mode} ${type}.${name} in ${this.stackName(stack)}`);
    change(values);
    return this;
  }

  /** Edits the input of facility object `<kind>_<id>` already added. */
  editFacility(kind: FacilityKind, id: string, change: (input: any) => void): this {
    return this.edit("facility", "terraform_data", `${kind}_${id}`.replace(/[^A-Za-z0-9_-]/g, "_"), (v) => change(v.input));
  }

  docs(): StackDocument[] {
    return [...this.stacks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([stack, json]) => ({ stack, file: `${stack}/cdk.tf.json`, json: structuredClone(json) }));
  }

  build(): Room {
    const rooms = buildRooms(this.docs());
    const room = rooms.find((r) => r.site === this.site) ?? rooms[0];
    if (!room) throw new Error("the room has no stacks");
    return room;
  }

  private stackName(stack: string): string {
    return stack.startsWith(`${this.site}-`) ? stack : `${this.site}-${stack}`;
  }

  private block(mode: "resource" | "data", stack: string, type: string, name: string, values: Record<string, unknown>): this {
    const json = this.stacks.get(this.stackName(stack)) ?? {};
    const block = (json[mode] ??= {});
    const byName = (block[type] ??= {});
    byName[name] = structuredClone(values);
    this.stacks.set(this.stackName(stack), json);
    return this;
  }
}

/** The findings of one rule over a room (through the real evaluator, so a throwing rule shows as error). */
export function findingsOf(rule: Rule, room: Room | RoomBuilder, params?: ParamOverrides, asOf = AS_OF): Finding[] {
  const r = room instanceof RoomBuilder ? room.build() : room;
  return evaluate([r], [rule], { asOf, params });
}

/** Outcomes by address (and finding id), for compact assertions. */
export function outcomes(findings: readonly Finding[]): Record<string, string> {
  return Object.fromEntries(findings.map((f) => [findingRef(f), f.outcome]));
}

/** The finding at `ref` (`address` or `address#findingId`); throws, listing the outcomes, when there is none. */
export function findingAt(findings: readonly Finding[], ref: string): Finding {
  const f = findings.find((x) => findingRef(x) === ref);
  if (!f) throw new Error(`no finding ${ref} in ${JSON.stringify(outcomes(findings))}`);
  return f;
}
