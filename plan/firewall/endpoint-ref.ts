/**
 * One end of a flow as written in a spec file, parsed once:
 *   internet | any | shared:<service> | network:<name> | zone:<name> | vm:<name> | floating:<name> | tenant:<tenant>/<end>
 * What the names refer to is resolved later, in the context of the file that writes the flow.
 */
export type EndpointRef =
  | { kind: "internet" }
  | { kind: "any" }
  | { kind: "shared"; service: string }
  | { kind: "network"; name: string }
  | { kind: "zone"; name: string }
  | { kind: "vm"; name: string }
  /** A floating address of the tenant (firewall.floatingAddresses): a load-balanced pair's address. */
  | { kind: "floating"; name: string }
  | { kind: "tenant"; tenant: string; end: EndpointRef }
  /** Not one of the forms above; reported with the text as written. */
  | { kind: "unknown" };

const NAMED = { shared: "shared", network: "network", zone: "zone", vm: "vm", floating: "floating" } as const;

export function parseEndpoint(text: string): EndpointRef {
  if (text === "internet" || text === "any") return { kind: text };
  const qualified = /^tenant:([^/]+)\/(.*)$/.exec(text);
  if (qualified) return { kind: "tenant", tenant: qualified[1], end: parseEndpoint(qualified[2]) };
  const named = /^(shared|network|zone|vm|floating):(.+)$/.exec(text);
  if (!named) return { kind: "unknown" };
  const kind = NAMED[named[1] as keyof typeof NAMED];
  return kind === "shared" ? { kind, service: named[2] } : { kind, name: named[2] };
}
