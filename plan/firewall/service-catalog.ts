import { PREDEFINED_SERVICES } from "../../spec/firewall/predefined-services";
import type { SiteFirewall } from "../../spec/types";
import type { VdomPlan } from "./plan-types";

/** The services flows may name: FortiOS's predefined ones and the site's custom services and groups. */
export class ServiceCatalog {
  private readonly custom: ReadonlyMap<string, NonNullable<SiteFirewall["services"]>[number]>;
  private readonly groups: ReadonlyMap<string, NonNullable<SiteFirewall["serviceGroups"]>[number]>;

  constructor(fw: SiteFirewall) {
    this.custom = new Map((fw.services ?? []).map((s) => [s.name, s]));
    this.groups = new Map((fw.serviceGroups ?? []).map((g) => [g.name, g]));
  }

  knows(name: string): boolean {
    return PREDEFINED_SERVICES.has(name) || this.custom.has(name) || this.groups.has(name);
  }

  /** The site's own services and groups, for messages. */
  declared(): string[] {
    return [...this.custom.keys(), ...this.groups.keys()];
  }

  /** Declares a service (and a group's members) in the VDOM that uses it; predefined ones need nothing. */
  use(plan: VdomPlan, name: string): void {
    const custom = this.custom.get(name);
    if (custom && !plan.services.some((s) => s.name === name)) {
      plan.services.push({ name, tcp: custom.tcp, udp: custom.udp, comment: custom.description ?? "" });
    }
    const group = this.groups.get(name);
    if (group && !plan.serviceGroups.some((g) => g.name === name)) {
      group.members.forEach((m) => this.use(plan, m));
      plan.serviceGroups.push({ name, members: group.members });
    }
  }
}
