import { readFileSync } from "node:fs";
import { join } from "node:path";
import { copySites, edit, sharedSynth, stackJson, synthOk } from "../helpers";

type Json = Record<string, any>;

/**
 * What one apply of the synthesized firewall stacks runs in which order. Terraform orders resources
 * of one stack by their references and depends_on; stacks are ordered by cdktf's stack dependencies
 * (manifest.json), which `cdktf deploy` follows. A route or VIP that names an interface by a plain
 * string waits for nothing but what it depends on, so in the same apply that creates a VLAN interface,
 * moves the internet port into the shared VDOM or assigns an inter-VDOM link end, it may run first
 * and fail (or bind to the port while it is still in root).
 */

/** The stacks of an output, each with its JSON and the stacks it depends on (transitively). */
function stacksOf(out: string): Map<string, { json: Json; after: Set<string> }> {
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { stacks: Record<string, { dependencies?: string[] }> };
  const direct = new Map(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies ?? []]));
  const closure = (name: string, seen = new Set<string>()): Set<string> => {
    for (const d of direct.get(name) ?? []) if (!seen.has(d)) closure(d, seen.add(d));
    return seen;
  };
  return new Map([...direct.keys()].map((name) => [name, { json: stackJson(out, name), after: closure(name) }]));
}

const TOKEN = /\$\{([a-zA-Z0-9_]+)\.([^.}]+)\.([a-z_]+)\}/g;

/** A value with every `${type.name.attr}` of the same stack replaced by what that attribute is set to (for names). */
function resolve(json: Json, value: string, depth = 0): string {
  if (depth > 5) throw new Error(`resolve: reference loop at ${value}`);
  return value.replace(TOKEN, (whole, type: string, name: string, attr: string) => {
    const target = json.resource?.[type]?.[name]?.[attr];
    return typeof target === "string" ? resolve(json, target, depth + 1) : whole;
  });
}

/** The single `${type.name.attr}` a value is, or undefined for a plain string. */
function referenceOf(value: string): { type: string; name: string; attr: string } | undefined {
  const m = /^\$\{([a-zA-Z0-9_]+)\.([^.}]+)\.([a-z_]+)\}$/.exec(value);
  return m ? { type: m[1], name: m[2], attr: m[3] } : undefined;
}

/** Where an interface named by an object comes from, and the VDOM that resource puts it in (zones: none). */
type Origin =
  | { how: "reference"; address: string; vdom?: string }
  | { how: "earlier stack"; stack: string; address: string; vdom?: string }
  | { how: "nowhere" };

/** The VDOM a fortios_system_interface puts its interface in, resolved within its stack. */
const vdomOfInterface = (json: Json, i: Json): string | undefined => (i.vdom === undefined ? undefined : resolve(json, String(i.vdom)));

function originOf(stacks: ReturnType<typeof stacksOf>, stack: string, value: string): Origin {
  const own = stacks.get(stack);
  if (!own) throw new Error(`no stack ${stack}`);
  const ref = referenceOf(value);
  if (ref) {
    // A reference to an interface (or a zone, for policy interface lists) declared in the same stack.
    const target = own.json.resource?.[ref.type]?.[ref.name] as Json | undefined;
    if (!target) return { how: "nowhere" };
    const vdom = ref.type === "fortios_system_interface" ? vdomOfInterface(own.json, target) : undefined;
    return { how: "reference", address: `${ref.type}.${ref.name}`, vdom };
  }
  for (const other of own.after) {
    const json = stacks.get(other)?.json ?? {};
    for (const [name, i] of Object.entries((json.resource?.fortios_system_interface ?? {}) as Record<string, Json>)) {
      if (resolve(json, String(i.name)) === value)
        return { how: "earlier stack", stack: other, address: `fortios_system_interface.${name}`, vdom: vdomOfInterface(json, i) };
    }
  }
  return { how: "nowhere" };
}

/** Every interface an object of the firewall stacks names: route device, VIP extintf, DoS policy, zone members, policy interfaces. */
function namedInterfaces(json: Json): { address: string; field: string; value: string; vdom: string }[] {
  const r = (json.resource ?? {}) as Record<string, Record<string, Json>>;
  const each = (type: string, f: (name: string, o: Json) => { address: string; field: string; value: string }[]) =>
    Object.entries(r[type] ?? {}).flatMap(([n, o]) => f(n, o).map((x) => ({ ...x, vdom: String(o.vdomparam) })));
  return [
    ...each("fortios_router_static", (n, o) => [{ address: `fortios_router_static.${n}`, field: "device", value: String(o.device) }]),
    ...each("fortios_firewall_vip", (n, o) => [{ address: `fortios_firewall_vip.${n}`, field: "extintf", value: String(o.extintf) }]),
    ...each("fortios_firewall_DoSpolicy", (n, o) => [
      { address: `fortios_firewall_DoSpolicy.${n}`, field: "interface", value: String(o.interface) },
    ]),
    ...each("fortios_system_zone", (n, o) =>
      (o.interface as { interface_name: string }[]).map((i) => ({
        address: `fortios_system_zone.${n}`,
        field: "interface",
        value: i.interface_name,
      })),
    ),
    ...each("fortios_firewall_policy", (n, o) =>
      (["srcintf", "dstintf"] as const).flatMap((field) =>
        (o[field] as { name: string }[])
          .filter((i) => i.name !== "any")
          .map((i) => ({ address: `fortios_firewall_policy.${n}`, field, value: i.name })),
      ),
    ),
  ];
}

const firewallStackNames = (stacks: ReturnType<typeof stacksOf>) =>
  [...stacks.keys()].filter((name) => Object.keys(stacks.get(name)?.json.resource ?? {}).some((t) => t.startsWith("fortios_"))).sort();

describe.each([
  ["the example sites", "examples"],
  ["the tiny fixture", "tiny"],
] as const)("firewall ordering in %s", (_label, which) => {
  const { out } = sharedSynth(which);
  let stacks: ReturnType<typeof stacksOf>;
  beforeAll(() => {
    stacks = stacksOf(out);
    expect(firewallStackNames(stacks).length).toBeGreaterThanOrEqual(2);
  });

  test("every route, VIP, zone and policy names an interface it waits for: a reference in its stack, or an interface of a stack it deploys after", () => {
    const unordered: string[] = [];
    let checked = 0;
    let inVdom = 0;
    for (const stack of firewallStackNames(stacks)) {
      const json = stacks.get(stack)?.json ?? {};
      for (const n of namedInterfaces(json)) {
        checked++;
        const origin = originOf(stacks, stack, n.value);
        if (origin.how === "nowhere") {
          unordered.push(`${stack}: ${n.address}.${n.field} = ${n.value}`);
          continue;
        }
        if (origin.vdom === undefined) continue; // a zone of the same stack
        // The interface the object waits for is the one that puts it into the object's VDOM.
        inVdom++;
        if (origin.vdom !== n.vdom)
          unordered.push(`${stack}: ${n.address}.${n.field} = ${n.value} is in VDOM ${origin.vdom}, not ${n.vdom}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(inVdom).toBeGreaterThan(5);
    expect(unordered).toEqual([]);
  });

  test("objects of the stack that creates their interface reference it (a plain name there would not wait); routes and VIPs name interfaces only", () => {
    let referenced = 0;
    for (const stack of firewallStackNames(stacks)) {
      const json = stacks.get(stack)?.json ?? {};
      const own = new Set(
        Object.values((json.resource?.fortios_system_interface ?? {}) as Record<string, Json>).map((i) => resolve(json, String(i.name))),
      );
      for (const n of namedInterfaces(json)) {
        const ref = referenceOf(n.value);
        const routeOrVip = n.field === "device" || n.field === "extintf";
        if (ref) {
          expect({ at: `${stack}: ${n.address}`, type: ref.type, attr: ref.attr }).toEqual({
            at: `${stack}: ${n.address}`,
            type: routeOrVip ? "fortios_system_interface" : expect.stringMatching(/^fortios_system_(interface|zone)$/),
            attr: "name",
          });
          if (routeOrVip) referenced++;
        } else
          expect({ at: `${stack}: ${n.address}`, plainNameOfOwnInterface: own.has(n.value) }).toEqual({
            at: `${stack}: ${n.address}`,
            plainNameOfOwnInterface: false,
          });
      }
    }
    expect(referenced).toBeGreaterThan(0);
  });

  test("every object of a VDOM waits for the VDOM: depends on it in the stack that creates it, or deploys after that stack", () => {
    for (const stack of firewallStackNames(stacks)) {
      const { json, after } = stacks.get(stack) ?? { json: {}, after: new Set<string>() };
      const vdomAddress = (vdom: string) =>
        Object.entries((json.resource?.fortios_system_vdom ?? {}) as Record<string, Json>).find(([, v]) => v.name === vdom)?.[0];
      const vdomElsewhere = (vdom: string) =>
        [...after].some((s) =>
          Object.values((stacks.get(s)?.json.resource?.fortios_system_vdom ?? {}) as Record<string, Json>).some((v) => v.name === vdom),
        );
      for (const type of ["fortios_router_static", "fortios_firewall_vip", "fortios_system_zone", "fortios_firewall_policy"]) {
        for (const [name, o] of Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>)) {
          const at = `${stack}: ${type}.${name}`;
          const own = vdomAddress(String(o.vdomparam));
          if (own)
            expect({ at, depends_on: o.depends_on }).toEqual({ at, depends_on: expect.arrayContaining([`fortios_system_vdom.${own}`]) });
          else expect({ at, vdomInAnEarlierStack: vdomElsewhere(String(o.vdomparam)) }).toEqual({ at, vdomInAnEarlierStack: true });
        }
      }
    }
  });

  test("each VDOM's sort waits for every policy and is re-run whenever a policy is created or re-created (its uuid enters force_recreate)", () => {
    for (const stack of firewallStackNames(stacks)) {
      const json = stacks.get(stack)?.json ?? {};
      const policies = Object.entries((json.resource?.fortios_firewall_policy ?? {}) as Record<string, Json>);
      const sorts = Object.entries((json.resource?.fortios_firewall_policy_sort ?? {}) as Record<string, Json>);
      const vdoms = [...new Set(policies.map(([, p]) => String(p.vdomparam)))].sort();
      expect({ stack, sorted: sorts.map(([, s]) => String(s.vdomparam)).sort() }).toEqual({ stack, sorted: vdoms });
      for (const [name, sort] of sorts) {
        const mine = policies.filter(([, p]) => p.vdomparam === sort.vdomparam).sort(([, a], [, b]) => a.policyid - b.policyid);
        const at = `${stack}: fortios_firewall_policy_sort.${name}`;
        expect({ at, sortby: sort.sortby, sortdirection: sort.sortdirection }).toEqual({
          at,
          sortby: "policyid",
          sortdirection: "ascending",
        });
        expect({ at, depends_on: [...(sort.depends_on as string[])].sort() }).toEqual({
          at,
          depends_on: mine.map(([n]) => `fortios_firewall_policy.${n}`).sort(),
        });
        expect({ at, force_recreate: sort.force_recreate }).toEqual({
          at,
          force_recreate: mine.map(([n, p]) => `${p.policyid}=\${fortios_firewall_policy.${n}.uuid}`).join(" "),
        });
        // Never the literal "True": the provider's Read turns that into "False" (a diff on every plan).
        expect(sort.force_recreate).not.toBe("True");
        expect(sort).not.toHaveProperty("lifecycle");
      }
    }
  });
});

describe("a removed tenant's firewall objects leave before its VDOM and interfaces", () => {
  test("the removed tenant's -fw stack deploys first: the firewall stack (which destroys the VDOM, link and VLAN interfaces) depends on it", () => {
    const sites = copySites();
    edit(
      sites,
      "tiny/tenants/alpha.yaml",
      "hostMunicipality: true\n",
      "hostMunicipality: true\nlifecycle: removed\ndestroyApproved: true\n",
    );
    const stacks = stacksOf(synthOk(sites));
    // FortiOS refuses to delete an interface a zone or policy still names, so the tenant VDOM's objects
    // (removed blocks in tiny-alpha-fw) must be destroyed before tiny-firewall destroys what they name.
    expect(stacks.get("tiny-firewall")?.after.has("tiny-alpha-fw")).toBe(true);
    expect(stacks.get("tiny-alpha-fw")?.after.has("tiny-firewall")).toBe(false);
    const removed = (stacks.get("tiny-alpha-fw")?.json.removed ?? []) as { from: string; lifecycle: { destroy: boolean } }[];
    expect(removed.some((r) => r.from.startsWith("fortios_system_zone.") && r.lifecycle.destroy)).toBe(true);
  });
});
