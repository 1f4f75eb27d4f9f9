import type { Country, Sensitivity, TenantObject } from "../../contracts/facility-objects";
import type { StackKind } from "../../contracts/stack-names";

/**
 * What an audit covers and under which law (`ComplianceResult.scope`): per site the operator, the
 * tenants the facility declares against those the stacks hold, and a matrix of every stack, tenant and
 * workload class against every law or standard that applies anywhere in the input. Everything is
 * sorted, so reports built from it are deterministic.
 */
export interface ComplianceScope {
  sites: SiteScopeDetail[];
  /** The matrix's columns: the tenants' laws first (docs/legal-regimes.md order), then the site standards (every-site packs). */
  columns: ScopeColumn[];
  /** Rows of every site: per site its stacks, then its tenants, then its workload classes. */
  matrix: ScopeRow[];
  /** Why each shared stack is in scope of a tenant's law: one entry per shared stack and law it inherits. */
  chains: ScopeChain[];
}

export interface SiteScopeDetail {
  /** The site id, or `(no site)` for Terraform without facility objects. */
  site: string;
  /** The `operator` facility object: null when the input has none ("operator: not declared"). */
  operator: OperatorScope | null;
  /** What the input does not declare, in words: "operator: not declared (no operator object in the facility stack)". */
  notDeclared: string[];
  /** Tenants declared (a `tenant` object) or found (a stack or VM tags name them), by id. */
  tenants: ScopeTenant[];
  /** The site's stacks in the input and what each holds. */
  stacks: ScopeStack[];
  /** The packs that ran for the site. */
  packs: string[];
}

export interface OperatorScope {
  /** The legal entity that owns and runs the room (site.yaml `municipality`). */
  legalEntity: string;
  country: Country;
  /** The tenant that is the host municipality, or null. */
  hostTenant: string | null;
  /** Every stack synth wrote for the site; null when the operator object does not list them. */
  stacks: string[] | null;
  /** The operator's stacks the input lacks (the input is then not the whole site). */
  missingStacks: string[];
}

export interface ScopeTenant {
  id: string;
  /** The `tenant` object's facts; null when no tenant object declares it (only a stack or VM tags name it). */
  /** `regimes` here: the object's own and those its country and workloads' data bring. */
  declared: Pick<TenantObject, "name" | "country" | "hostMunicipality" | "lifecycle" | "legalEntity" | "regimes"> | null;
  /** Its stacks in the input (`<site>-<tenant>`, `<site>-<tenant>-fw`). */
  stacks: string[];
  /** Stacks it should have that the input lacks (the operator's list, else `<site>-<tenant>`). */
  missingStacks: string[];
  /** Managed VMs whose tenant tag names it. */
  taggedVms: number;
}

export interface ScopeStack {
  name: string;
  /** What the stack holds, by its name (contracts/stack-names.ts); `other` for a name that is none of the site's. */
  kind: StackKind["kind"] | "other";
  /** The tenant of a tenant or tenant-firewall stack. */
  tenant?: string;
}

/** A law or standard the matrix checks rows against. */
export type ScopeColumn =
  | {
      id: string;
      title: string;
      /** A law or code a tenant is subject to, from its country and its workloads' data (contracts/legal-regimes.ts). */
      basis: "tenant-regime";
      /** The countries whose tenants it can apply to (empty for a regime only a tenant object declares). */
      countries: Country[];
      /** The data that brings it; empty when every tenant of those countries is subject. */
      data: Sensitivity[];
    }
  | {
      id: string;
      title: string;
      /** A pack every site is checked against (the operator's room, whatever its tenants). */
      basis: "site-standard";
      pack: string;
      /** The standards and benchmarks the pack's rules cite, most cited first. */
      cites: string[];
    };

export type CellState = "applies" | "inherited" | "not-applicable";

/** One row's standing against one column. */
export interface ScopeCell {
  column: string;
  /**
   * applies: the row is itself subject (a tenant, a workload class, a tenant's own stack; a stack a
   * site pack's rules check). inherited: in scope through what it shares (a shared stack through the
   * tenants it hosts; a tenant and its workloads through the site packs run over the stacks they run on).
   */
  state: CellState;
  /** Why, in words ("no security-classified workload", "tenant is in DK"). */
  reason: string;
  /** The tenants and workloads that bring it (shared stacks, workload classes). */
  because?: ScopeLink[];
}

export interface ScopeLink {
  tenant: string;
  /** The workloads that bring it; empty when the tenant itself is subject (its country) or declares it. */
  workloads: ScopeWorkload[];
}

export interface ScopeWorkload {
  /** The workload object's id: `haugnes-hgn-profil01`. */
  id: string;
  /** What system it is (the workload's description, else its name). */
  system: string;
}

export interface ScopeRow {
  site: string;
  kind: "stack" | "tenant" | "workload-class";
  /** The stack name, the tenant id, or `<tenant>/<sensitivity>`. */
  id: string;
  /** Stack rows: what the stack holds. */
  stackKind?: ScopeStack["kind"];
  /** The tenant of a tenant's stack, a tenant row or a workload class. */
  tenant?: string;
  /** Workload-class rows. */
  sensitivity?: Sensitivity;
  /** Workload-class rows: its workloads (not removed). */
  workloads?: ScopeWorkload[];
  /** One cell per column, in column order. */
  cells: ScopeCell[];
}

/** "fjordvik-firewall is in scope of Normen because of tenant haugnes, workloads ...". */
export interface ScopeChain {
  site: string;
  stack: string;
  column: string;
  because: ScopeLink[];
  text: string;
}
