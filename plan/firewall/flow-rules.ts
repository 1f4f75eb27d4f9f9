import { show } from "../../spec/spec-error";
import type { ErrorSink } from "../../spec/check-helpers";
import { contains, isHostAddress, networkOfInterface } from "../../spec/ipv4";
import type { Flow, SiteFirewall } from "../../spec/types";
import type { Endpoint } from "./resolve-endpoint";

/** A flow whose ends are resolved, with where it is written. */
export interface ResolvedFlow {
  flow: Flow;
  src: Endpoint;
  dst: Endpoint;
  /** The tenant whose file writes it; undefined for site.yaml. */
  writer?: string;
  findings: ErrorSink;
  pointer: string;
}

/**
 * What the loader enforces of flows across all files of a site: unique ids, no duplicate flows, no
 * any-to-any accept, a tenant file owns only its own flows, flows between tenants and from the internet
 * carry justification and ticket, inbound flows go to one VM or floating address on a public address
 * used once.
 * Stateful: remembers the ids, flows and public addresses it has seen.
 */
export class FlowRules {
  // Where each was first written is worked out (line and column, a parse of the file) only for a message.
  private readonly ids = new Map<number, () => string>();
  private readonly seen = new Map<string, () => string>();
  private readonly published = new Map<string, { vm: string; at: () => string }>();
  private readonly internetRange;

  constructor(private readonly fw: SiteFirewall) {
    this.internetRange = networkOfInterface(fw.internet.address);
  }

  /** Registers the flow's id; reports a duplicate at the id. */
  claimId(flow: Flow, f: ErrorSink, pointer: string): boolean {
    const firstId = this.ids.get(flow.id);
    if (firstId) {
      f.add(
        `${pointer}/id`,
        `duplicate flow id ${flow.id}; first used at ${firstId()} (flow ids become policy ids and are unique across the site)`,
      );
      return false;
    }
    this.ids.set(flow.id, () => f.where(`${pointer}/id`));
    return true;
  }

  /** Checks a resolved flow; reports the first rule it breaks. */
  check({ flow, src, dst, writer, findings: f, pointer: at }: ResolvedFlow): boolean {
    const fail = (pointer: string, message: string) => (f.add(pointer, message), false);
    if (src.kind === "any" && dst.kind === "any" && flow.action === "accept") {
      return fail(at, `an any-to-any accept is not allowed: name the zones, networks or services the flow needs`);
    }
    if (writer !== undefined && src.tenant !== writer && dst.tenant !== writer) {
      return fail(
        at,
        `a tenant file owns only flows that start or end in its own tenant (${writer}); found from ${show(flow.from)} to ${show(flow.to)}`,
      );
    }
    const crossTenant = src.tenant !== undefined && dst.tenant !== undefined && src.tenant !== dst.tenant;
    const inbound = isInbound(src, dst);
    const missing = [flow.justification ? "" : "justification", flow.ticket ? "" : "ticket"].filter(Boolean);
    if ((crossTenant || inbound) && flow.action === "accept" && missing.length) {
      return fail(
        at,
        `a flow ${crossTenant ? "between tenants" : "from the internet inward"} needs justification and ticket; missing ${missing.join(" and ")}`,
      );
    }
    if (inbound && flow.action === "accept" && (!dst.published || !flow.publishAs)) {
      return fail(
        at,
        `a flow from the internet must go to one vm:<name> or floating:<name> and give publishAs (its public address), found to ${show(flow.to)}${flow.publishAs ? "" : " and no publishAs"}`,
      );
    }
    if (flow.publishAs !== undefined) {
      const problem = this.publishProblem(flow.publishAs, inbound);
      if (problem) return fail(`${at}/publishAs`, problem);
      const firstUse = this.published.get(flow.publishAs);
      if (firstUse && firstUse.vm !== dst.absolute) {
        return fail(`${at}/publishAs`, `public address ${flow.publishAs} already publishes ${firstUse.vm} (${firstUse.at()})`);
      }
      this.published.set(flow.publishAs, { vm: dst.absolute, at: () => f.where(`${at}/publishAs`) });
    }
    const key = `${src.absolute}|${dst.absolute}|${[...flow.services].sort().join(",")}|${flow.action}`;
    const dup = this.seen.get(key);
    if (dup) return fail(at, `duplicate flow: the same from, to, services and action as ${dup()}`);
    this.seen.set(key, () => `flow ${flow.id} at ${f.where(at)}`);
    return true;
  }

  private publishProblem(ip: string, inbound: boolean): string | undefined {
    const range = this.internetRange;
    if (!inbound) return `publishAs only applies to a flow from the internet, found it on a flow from elsewhere`;
    if (!contains(range, ip)) return `expected a public address inside the internet range ${range.cidr}, found ${ip}`;
    if (ip === this.fw.internet.gateway || ip === this.fw.internet.address.split("/")[0] || !isHostAddress(range, ip)) {
      return `expected a free host address of ${range.cidr}, found ${ip} (the gateway, the firewall's own address, or the network or broadcast address)`;
    }
    return undefined;
  }
}

/** From the internet to anything inside. */
export const isInbound = (src: Endpoint, dst: Endpoint): boolean => src.kind === "internet" && dst.kind !== "internet";
