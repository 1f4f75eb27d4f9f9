import { FACILITY_KINDS, type FacilityKind, type FacilityObject, type FacilityOf } from "../../contracts/facility-objects";
import { facilityObjectProblems } from "../../contracts/facility-guard";
import { stackKindOf } from "../../contracts/stack-names";
import { planValue } from "./literal-values";
import type { StackDocument } from "./terraform-input";

/** One resource or data source of the synthesized Terraform. */
export interface TfObject {
  stack: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  /** `type.name`, or `data.type.name`. */
  address: string;
  /** The block's arguments, without cdktf's `//` metadata. */
  values: Record<string, unknown>;
  /** The construct path cdktf recorded, where there is one. */
  constructPath?: string;
  /** The id of the stack's `import` block that adopts this resource (an existing object Terraform takes over). */
  importId?: string;
  /** The input file the block was read from (as the reader displays it). */
  file?: string;
  /** The 1-based line of the block in `file`, where the reader found one. */
  line?: number;
}

/** An object's tags (Room.tagsOf), shared by every rule that asks: read only. */
export interface ObjectTags {
  readonly tags: readonly { readonly category: string; readonly name: string }[];
  readonly problems: readonly string[];
  readonly unknown: readonly string[];
}

/** Something a finding can name: a Terraform object, or a facility object (found through its resource). */
export type FindingTarget = TfObject | FacilityObject;

/** A join that did not resolve: the rules report it as an error finding, never as a silent not-applicable. */
export interface JoinProblem {
  from: TfObject;
  message: string;
}

/** Something wrong with the input itself (a facility object that does not match the vocabulary). */
export interface InputProblem {
  target: TfObject;
  message: string;
}

/**
 * A resolved reference or join, or why it did not resolve. `notInInput` marks a failure that rests on
 * what the input does not hold rather than on a mistake in it: a plan-time value (`${var.x}`), or, in
 * input without facility objects (foreign Terraform), a data source reading an object of the live
 * inventory that no resource of the input creates. Such a check is not-evaluable (checks.ts
 * `joinOutcome`), never an error; in our own output a join that does not resolve stays an error.
 */
export type Resolved =
  { target: TfObject; problem?: undefined; notInInput?: undefined } | { target?: undefined; problem: string; notInInput?: true };

const REFERENCE = /^\$\{((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_.[\]"-]+)?\}$/;

/**
 * One site's room as the rules see it: every stack of the site, their resources and data sources, the
 * facility objects by kind, and the joins between stacks the design lists. Built only from synthesized
 * Terraform JSON: nothing here knows the spec files.
 */
export class Room {
  readonly objects: readonly TfObject[];
  readonly problems: InputProblem[] = [];
  /** Stack -> address -> object (a reference names an address of its own stack). */
  private readonly byAddress = new Map<string, Map<string, TfObject>>();
  private readonly byType = new Map<string, TfObject[]>();
  private readonly facilityByKind = new Map<FacilityKind, FacilityObject[]>();
  private readonly facilityIndex = new Map<string, FacilityObject>();
  private readonly facilityResource = new WeakMap<FacilityObject, TfObject>();
  private readonly read = new Set<string>(["terraform_data"]);
  private readonly memos = new Map<(room: Room, key: never) => unknown, Map<unknown, unknown>>();
  /** The whole room: this room, or the room a view (focus) was cut from. */
  readonly whole: Room = this;
  /** Reference text -> the address it names (null: not a reference), parsed once per text. */
  private readonly referenced = new Map<string, string | null>();

  constructor(
    /** The site id, or `(no site)` for Terraform without facility objects. */
    readonly site: string,
    readonly stacks: readonly string[],
    objects: readonly TfObject[],
    validate: (input: unknown) => string[] = () => [],
  ) {
    this.objects = objects;
    for (const o of objects) {
      let inStack = this.byAddress.get(o.stack);
      if (inStack === undefined) this.byAddress.set(o.stack, (inStack = new Map<string, TfObject>()));
      inStack.set(o.address, o);
      const key = o.mode === "data" ? `data.${o.type}` : o.type;
      const list = this.byType.get(key) ?? [];
      list.push(o);
      this.byType.set(key, list);
      if (o.mode === "managed" && o.type === "terraform_data") this.addFacility(o, validate);
    }
  }

  private addFacility(o: TfObject, validate: (input: unknown) => string[]): void {
    const input = o.values.input;
    if (typeof input !== "object" || input === null || !("kind" in input)) return;
    const kind = input.kind;
    if (typeof kind !== "string" || !(FACILITY_KINDS as readonly string[]).includes(kind)) {
      this.problems.push({
        target: o,
        message: `input.kind ${JSON.stringify(kind)} is not a facility kind (${FACILITY_KINDS.join(", ")})`,
      });
      return;
    }
    const problems = validate(input);
    if (problems.length > 0) {
      for (const message of problems) this.problems.push({ target: o, message });
      return;
    }
    const obj = input as FacilityObject;
    const key = `${obj.kind}:${obj.id}`;
    if (this.facilityIndex.has(key)) {
      this.problems.push({ target: o, message: `a second ${obj.kind} with id ${obj.id} (ids are unique per site and kind)` });
      return;
    }
    this.facilityIndex.set(key, obj);
    this.facilityResource.set(obj, o);
    const list = this.facilityByKind.get(obj.kind) ?? [];
    list.push(obj);
    this.facilityByKind.set(obj.kind, list);
  }

  /** Managed resources of a type, in every stack of the site. */
  resources(type: string): readonly TfObject[] {
    this.read.add(type);
    return this.byType.get(type) ?? [];
  }

  /** Data sources of a type (without the `data.` prefix). */
  dataSources(type: string): readonly TfObject[] {
    this.read.add(`data.${type}`);
    return this.byType.get(`data.${type}`) ?? [];
  }

  /** The resource types (`data.<type>` for data sources) some rule asked this room for: what the rules know. */
  get typesRead(): ReadonlySet<string> {
    return this.read;
  }

  /** Facility objects of a kind. */
  facility<K extends FacilityKind>(kind: K): readonly FacilityOf<K>[] {
    return (this.facilityByKind.get(kind) ?? []) as FacilityOf<K>[];
  }

  /** The facility object of a kind with an id, or undefined (a dangling reference). */
  facilityById<K extends FacilityKind>(kind: K, id: string | null | undefined): FacilityOf<K> | undefined {
    if (id === null || id === undefined) return undefined;
    return this.facilityIndex.get(`${kind}:${id}`) as FacilityOf<K> | undefined;
  }

  /** Whether the input has any facility objects at all (foreign Terraform usually has none). */
  get hasFacility(): boolean {
    return this.facilityByKind.size > 0;
  }

  /** The Terraform object a finding target stands for. */
  resourceOf(target: FindingTarget): TfObject {
    if ("address" in target && "mode" in target) return target;
    const r = this.facilityResource.get(target);
    if (!r) throw new Error(`facility object ${target.kind} ${target.id} is not part of room ${this.site}`);
    return r;
  }

  /**
   * `compute(room, key)`, once per room and key: a fact the rules derive from the room (a VM's tags, the
   * resources of a type by name) that several rules, or one rule per object, ask for again. Sound because
   * a room never changes once built; the value is shared by every caller, so none may change it.
   */
  memo<K, V>(compute: (room: Room, key: K) => V, key: K): V {
    let byKey = this.memos.get(compute);
    if (byKey === undefined) this.memos.set(compute, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = compute(this, key);
    byKey.set(key, value);
    return value;
  }

  /** The object a `${type.name...}` reference in `from`'s stack points to. */
  reference(from: TfObject, expr: unknown): Resolved {
    if (typeof expr !== "string") return { problem: `expected a reference, found ${JSON.stringify(expr)}` };
    let address = this.referenced.get(expr);
    if (address === undefined) this.referenced.set(expr, (address = REFERENCE.exec(expr)?.[1] ?? null));
    if (address === null) {
      const plan = planValue(expr);
      if (plan.kind === "unresolved") return { problem: `${from.address}: ${expr} is known only at plan`, notInInput: true };
      return { problem: `${JSON.stringify(expr)} is not a reference to a resource` };
    }
    const target = this.byAddress.get(from.stack)?.get(address);
    return target ? { target } : { problem: `${from.address} refers to ${address}, which stack ${from.stack} does not have` };
  }

  /**
   * The managed resource a value stands for: a reference to a resource is that resource; a reference to
   * a data source is joined to the core resource of the same type and name in another stack.
   */
  resolve(from: TfObject, expr: unknown): Resolved {
    const ref = this.reference(from, expr);
    if (!ref.target) return ref;
    return ref.target.mode === "data" ? this.joinData(ref.target) : ref;
  }

  /** A data source joined to the managed resource it reads: same type, same `name` (and same tag category). */
  joinData(data: TfObject): Resolved {
    return this.memo(joinDataSource, data);
  }

  /** The managed resources of a type whose `name` is `name`, in the order of resources(type). */
  resourcesNamed(type: string, name: unknown): readonly TfObject[] {
    return this.memo(resourcesByName, type).get(name) ?? [];
  }

  /**
   * The failed join of data source `data`, which reads `what` `name` that no resource of the input
   * creates: in our own output an error (the stacks of a site must join); in input without facility
   * objects a read of the live inventory (vCenter, the FortiGate), which the input does not hold.
   */
  notCreated(data: TfObject, what: string, name: string): Resolved {
    if (this.hasFacility)
      return { problem: `${data.stack}: ${data.address} reads ${what} "${name}", which no stack of site ${this.site} creates` };
    return {
      problem: `${data.stack}: ${data.address} reads ${what} "${name}" from ${inventoryOf(data.type)}, which the input does not create`,
      notInInput: true,
    };
  }

  /**
   * A VM's (or any object's) tags as category/name pairs, and the tags that could not be resolved:
   * `problems` are mistakes of the input (errors), `unknown` what the input does not hold (a plan-time
   * `tags = var.tags`, a tag read from the live inventory of foreign input): not-evaluable.
   */
  tagsOf(o: TfObject): ObjectTags {
    return this.memo(tagsOfObject, o);
  }

  /**
   * The tenant a finding target concerns: a tenant or workload facility object's tenant, else the
   * tenant whose stack (`<site>-<tenant>`, `<site>-<tenant>-fw`) holds the object; undefined for the
   * site's shared stacks.
   */
  tenantOf(target: FindingTarget): string | undefined {
    if ("kind" in target) {
      if (target.kind === "tenant") return target.id;
      if ("tenantId" in target && typeof target.tenantId === "string") return target.tenantId;
    }
    return this.memo(tenantOfStack, this.resourceOf(target).stack);
  }

  /**
   * The room as the checks of one tenant see it: its enumerations (resources, data sources, facility
   * objects, objects) hold the tenant's objects and the site's shared ones, none of another tenant's;
   * look-ups (references, joins by name, facility ids, tenants, tags) are the whole room's, so a join
   * resolves as it does there. Its own memos are built from what it enumerates; `whole` is the room it
   * was cut from, for a fact a rule must weigh over every tenant (which tenants share a VLAN). For rules
   * of reach "tenant", whose findings each concern one tenant or shared objects alone: theirs are then
   * the whole room's findings of that tenant and the shared objects (test/policies/tenant-reach.test.ts).
   */
  focus(tenant: string): Room {
    const inFocus = (o: FindingTarget) => {
      const owner = this.tenantOf(o);
      return owner === undefined || owner === tenant;
    };
    const byType = new Map([...this.byType].map(([type, list]) => [type, list.filter(inFocus)]));
    const facilityByKind = new Map([...this.facilityByKind].map(([kind, list]) => [kind, list.filter(inFocus)]));
    const base = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const view = Object.create(this) as Room;
    Object.assign(view, {
      objects: this.objects.filter(inFocus),
      byType,
      facilityByKind,
      memos: new Map(),
      tenantOf: (target: FindingTarget) => base.tenantOf(target),
      tagsOf: (o: TfObject) => base.tagsOf(o),
      joinData: (data: TfObject) => base.joinData(data),
      resourcesNamed: (type: string, name: unknown) => base.resourcesNamed(type, name),
    });
    return view;
  }

  /** The device whose `vsphereHostname` is this `vsphere_host`'s hostname. */
  deviceOfHost(host: TfObject): FacilityOf<"device"> | undefined {
    return this.facility("device").find((d) => d.vsphereHostname !== undefined && d.vsphereHostname === host.values.hostname);
  }
}

/** The tenant whose stack `stack` is (Room.tenantOf), once per stack (room.memo). */
function tenantOfStack(room: Room, stack: string): string | undefined {
  return stackKindOf(
    room.site,
    stack,
    room.facility("tenant").map((t) => t.id),
  )?.tenant;
}

/** Room.tagsOf, computed once per object (room.memo). */
function tagsOfObject(room: Room, o: TfObject): ObjectTags {
  const tags: { category: string; name: string }[] = [];
  const problems: string[] = [];
  const unknown: string[] = [];
  const raw = o.values.tags;
  const plan = planValue(raw, "tags");
  if (!Array.isArray(raw)) {
    if (plan.kind === "unresolved") unknown.push(`${o.address}: ${plan.reason}`);
    else if (raw !== undefined && raw !== null) problems.push(`${o.address}: tags is ${JSON.stringify(raw)}, not a list`);
    return { tags, problems, unknown };
  }
  for (const t of raw as unknown[]) {
    const ref = room.reference(o, t);
    const tag = ref.target;
    if (!tag) {
      (ref.notInInput ? unknown : problems).push(ref.problem);
      continue;
    }
    const catRef = room.reference(tag, tag.values.category_id);
    const cat = catRef.target;
    const name = tag.values.name;
    if (!cat || typeof cat.values.name !== "string" || typeof name !== "string") {
      const planTime = catRef.notInInput || [name, cat?.values.name].some((v) => planValue(v).kind === "unresolved");
      (planTime ? unknown : problems).push(`${o.address}: tag ${tag.address} has no resolvable category and name`);
      continue;
    }
    tags.push({ category: cat.values.name, name });
  }
  return { tags, problems, unknown };
}

/** Room.joinData, computed once per data source (room.memo). */
function joinDataSource(room: Room, data: TfObject): Resolved {
  const name = data.values.name;
  if (typeof name !== "string" || planValue(name).kind === "unresolved")
    return {
      problem: `${data.stack}: ${data.address} has no literal name to join on`,
      ...(planValue(name).kind === "unresolved" || !room.hasFacility ? { notInInput: true as const } : {}),
    };
  let candidates = room.resourcesNamed(data.type, name);
  if (data.type === "vsphere_tag" && candidates.length > 1) {
    const category = room.resolve(data, data.values.category_id).target?.values.name;
    candidates = candidates.filter((r) => room.resolve(r, r.values.category_id).target?.values.name === category);
  }
  if (candidates.length === 1 && candidates[0]) return { target: candidates[0] };
  if (candidates.length === 0) return room.notCreated(data, data.type, name);
  return { problem: `${data.stack}: ${data.address} reads ${data.type} "${name}", which ${candidates.length} resources create` };
}

/** The managed resources of a type by their `name` value (room.memo: one pass per type). */
function resourcesByName(room: Room, type: string): Map<unknown, TfObject[]> {
  const byName = new Map<unknown, TfObject[]>();
  for (const r of room.resources(type)) {
    const list = byName.get(r.values.name);
    if (list) list.push(r);
    else byName.set(r.values.name, [r]);
  }
  return byName;
}

/** Where a data source of foreign input reads its object: the inventory its provider talks to. */
function inventoryOf(type: string): string {
  if (type.startsWith("vsphere_")) return "vCenter";
  if (type.startsWith("fortios_")) return "the FortiGate";
  return `the ${type.split("_")[0] ?? type} provider`;
}

/**
 * Splits the input into one room per site and builds each room's model. Each facility object is checked
 * against the schema of its kind (contracts/facility-guard.ts) unless another validator is given; one
 * that does not match is left out of the room and becomes an ENGINE-INPUT error finding.
 */
export function buildRooms(docs: readonly StackDocument[], validate: (input: unknown) => string[] = facilityObjectProblems): Room[] {
  const objectsOf = new Map(docs.map((d) => [d.stack, objectsOfDocument(d)]));
  const sites = new Set<string>();
  for (const objects of objectsOf.values())
    for (const o of objects) {
      const input = o.type === "terraform_data" ? o.values.input : undefined;
      if (typeof input === "object" && input !== null && typeof (input as { site?: unknown }).site === "string")
        sites.add((input as { site: string }).site);
    }
  // Longest site id first, so site "a-b" takes stack "a-b-vsphere" before site "a" does.
  const ordered = [...sites].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const siteOf = (stack: string) => ordered.find((s) => stack === s || stack.startsWith(`${s}-`)) ?? "(no site)";
  const groups = new Map<string, string[]>();
  for (const d of docs) {
    const site = siteOf(d.stack);
    groups.set(site, [...(groups.get(site) ?? []), d.stack]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([site, stacks]) =>
        new Room(
          site,
          stacks,
          stacks.flatMap((s) => objectsOf.get(s) ?? []),
          validate,
        ),
    );
}

function objectsOfDocument(d: StackDocument): TfObject[] {
  const out: TfObject[] = [];
  const imports = new Map<string, string>();
  for (const i of Array.isArray(d.json.import) ? (d.json.import as unknown[]) : []) {
    const { to, id } = (i ?? {}) as { to?: unknown; id?: unknown };
    if (typeof to === "string" && typeof id === "string") imports.set(to, id);
  }
  for (const mode of ["managed", "data"] as const) {
    const block = mode === "managed" ? d.json.resource : d.json.data;
    for (const [type, byName] of Object.entries(block ?? {})) {
      for (const [name, raw] of Object.entries(byName)) {
        const { "//": meta, ...values } = raw;
        const path = (meta as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
        const address = mode === "managed" ? `${type}.${name}` : `data.${type}.${name}`;
        const at = d.locations?.[address];
        const file = at?.file ?? (d.files?.length === 1 ? d.files[0]?.path : undefined);
        out.push({
          stack: d.stack,
          mode,
          type,
          name,
          address,
          values,
          constructPath: typeof path === "string" ? path : undefined,
          ...(mode === "managed" && imports.has(`${type}.${name}`) ? { importId: imports.get(`${type}.${name}`) } : {}),
          ...(file !== undefined ? { file } : {}),
          ...(at !== undefined ? { line: at.line } : {}),
        });
      }
    }
  }
  return out;
}
