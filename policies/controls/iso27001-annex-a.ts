/**
 * The 93 controls of ISO/IEC 27001:2022 Annex A (5.1-5.37 organizational, 6.1-6.8 people, 7.1-7.14
 * physical, 8.1-8.34 technological), for the per-tenant annex of the reports.
 *
 * Where the titles come from (`titleFrom`):
 * - "CONTROLS.md §5": listed one by one in shared/domain/CONTROLS.md §5 (titles verified there [S48]).
 * - "CONTROLS.md §5 (range)": CONTROLS.md names only the range (5.19-5.22 "Supplier relationships
 *   (policy, agreements, ICT supply chain, monitoring)", 5.24-5.28 "Incident management planning ->
 *   evidence collection"); the titles are the standard's published ones and match those summaries.
 * - "published": the standard's published control titles, not in CONTROLS.md and not confirmed
 *   against the purchased text here: reports mark them "(verify title)".
 */
export interface AnnexAControl {
  ref: string;
  theme: "organizational" | "people" | "physical" | "technological";
  title: string;
  titleFrom: "CONTROLS.md §5" | "CONTROLS.md §5 (range)" | "published";
}

const CONTROLS: [AnnexAControl["ref"], AnnexAControl["theme"], string, AnnexAControl["titleFrom"]][] = [
  ["5.1", "organizational", "Policies for information security", "published"],
  ["5.2", "organizational", "Information security roles and responsibilities", "published"],
  ["5.3", "organizational", "Segregation of duties", "published"],
  ["5.4", "organizational", "Management responsibilities", "published"],
  ["5.5", "organizational", "Contact with authorities", "published"],
  ["5.6", "organizational", "Contact with special interest groups", "published"],
  ["5.7", "organizational", "Threat intelligence", "published"],
  ["5.8", "organizational", "Information security in project management", "published"],
  ["5.9", "organizational", "Inventory of information and other associated assets", "CONTROLS.md §5"],
  ["5.10", "organizational", "Acceptable use of information and other associated assets", "published"],
  ["5.11", "organizational", "Return of assets", "published"],
  ["5.12", "organizational", "Classification of information", "published"],
  ["5.13", "organizational", "Labelling of information", "published"],
  ["5.14", "organizational", "Information transfer", "published"],
  ["5.15", "organizational", "Access control", "published"],
  ["5.16", "organizational", "Identity management", "published"],
  ["5.17", "organizational", "Authentication information", "published"],
  ["5.18", "organizational", "Access rights", "published"],
  ["5.19", "organizational", "Information security in supplier relationships", "CONTROLS.md §5 (range)"],
  ["5.20", "organizational", "Addressing information security within supplier agreements", "CONTROLS.md §5 (range)"],
  ["5.21", "organizational", "Managing information security in the ICT supply chain", "CONTROLS.md §5 (range)"],
  ["5.22", "organizational", "Monitoring, review and change management of supplier services", "CONTROLS.md §5 (range)"],
  ["5.23", "organizational", "Information security for use of cloud services", "published"],
  ["5.24", "organizational", "Information security incident management planning and preparation", "CONTROLS.md §5 (range)"],
  ["5.25", "organizational", "Assessment and decision on information security events", "CONTROLS.md §5 (range)"],
  ["5.26", "organizational", "Response to information security incidents", "CONTROLS.md §5 (range)"],
  ["5.27", "organizational", "Learning from information security incidents", "CONTROLS.md §5 (range)"],
  ["5.28", "organizational", "Collection of evidence", "CONTROLS.md §5 (range)"],
  ["5.29", "organizational", "Information security during disruption", "CONTROLS.md §5"],
  ["5.30", "organizational", "ICT readiness for business continuity", "CONTROLS.md §5"],
  ["5.31", "organizational", "Legal, statutory, regulatory and contractual requirements", "published"],
  ["5.32", "organizational", "Intellectual property rights", "published"],
  ["5.33", "organizational", "Protection of records", "published"],
  ["5.34", "organizational", "Privacy and protection of PII", "published"],
  ["5.35", "organizational", "Independent review of information security", "published"],
  ["5.36", "organizational", "Compliance with policies, rules and standards for information security", "published"],
  ["5.37", "organizational", "Documented operating procedures", "published"],
  ["6.1", "people", "Screening", "published"],
  ["6.2", "people", "Terms and conditions of employment", "published"],
  ["6.3", "people", "Information security awareness, education and training", "published"],
  ["6.4", "people", "Disciplinary process", "published"],
  ["6.5", "people", "Responsibilities after termination or change of employment", "published"],
  ["6.6", "people", "Confidentiality or non-disclosure agreements", "published"],
  ["6.7", "people", "Remote working", "published"],
  ["6.8", "people", "Information security event reporting", "published"],
  ["7.1", "physical", "Physical security perimeters", "CONTROLS.md §5"],
  ["7.2", "physical", "Physical entry", "CONTROLS.md §5"],
  ["7.3", "physical", "Securing offices, rooms and facilities", "CONTROLS.md §5"],
  ["7.4", "physical", "Physical security monitoring", "CONTROLS.md §5"],
  ["7.5", "physical", "Protecting against physical and environmental threats", "CONTROLS.md §5"],
  ["7.6", "physical", "Working in secure areas", "CONTROLS.md §5"],
  ["7.7", "physical", "Clear desk and clear screen", "CONTROLS.md §5"],
  ["7.8", "physical", "Equipment siting and protection", "CONTROLS.md §5"],
  ["7.9", "physical", "Security of assets off-premises", "CONTROLS.md §5"],
  ["7.10", "physical", "Storage media", "CONTROLS.md §5"],
  ["7.11", "physical", "Supporting utilities", "CONTROLS.md §5"],
  ["7.12", "physical", "Cabling security", "CONTROLS.md §5"],
  ["7.13", "physical", "Equipment maintenance", "CONTROLS.md §5"],
  ["7.14", "physical", "Secure disposal or re-use of equipment", "CONTROLS.md §5"],
  ["8.1", "technological", "User endpoint devices", "published"],
  ["8.2", "technological", "Privileged access rights", "CONTROLS.md §5"],
  ["8.3", "technological", "Information access restriction", "published"],
  ["8.4", "technological", "Access to source code", "published"],
  ["8.5", "technological", "Secure authentication", "CONTROLS.md §5"],
  ["8.6", "technological", "Capacity management", "published"],
  ["8.7", "technological", "Protection against malware", "published"],
  ["8.8", "technological", "Management of technical vulnerabilities", "CONTROLS.md §5"],
  ["8.9", "technological", "Configuration management", "CONTROLS.md §5"],
  ["8.10", "technological", "Information deletion", "published"],
  ["8.11", "technological", "Data masking", "published"],
  ["8.12", "technological", "Data leakage prevention", "published"],
  ["8.13", "technological", "Information backup", "CONTROLS.md §5"],
  ["8.14", "technological", "Redundancy of information processing facilities", "CONTROLS.md §5"],
  ["8.15", "technological", "Logging", "CONTROLS.md §5"],
  ["8.16", "technological", "Monitoring activities", "CONTROLS.md §5"],
  ["8.17", "technological", "Clock synchronization", "CONTROLS.md §5"],
  ["8.18", "technological", "Use of privileged utility programs", "published"],
  ["8.19", "technological", "Installation of software on operational systems", "published"],
  ["8.20", "technological", "Networks security", "CONTROLS.md §5"],
  ["8.21", "technological", "Security of network services", "CONTROLS.md §5"],
  ["8.22", "technological", "Segregation of networks", "CONTROLS.md §5"],
  ["8.23", "technological", "Web filtering", "published"],
  ["8.24", "technological", "Use of cryptography", "CONTROLS.md §5"],
  ["8.25", "technological", "Secure development life cycle", "published"],
  ["8.26", "technological", "Application security requirements", "published"],
  ["8.27", "technological", "Secure system architecture and engineering principles", "published"],
  ["8.28", "technological", "Secure coding", "published"],
  ["8.29", "technological", "Security testing in development and acceptance", "published"],
  ["8.30", "technological", "Outsourced development", "published"],
  ["8.31", "technological", "Separation of development, test and production environments", "published"],
  ["8.32", "technological", "Change management", "CONTROLS.md §5"],
  ["8.33", "technological", "Test information", "published"],
  ["8.34", "technological", "Protection of information systems during audit testing", "published"],
];

export const ISO27001_ANNEX_A: readonly AnnexAControl[] = CONTROLS.map(([ref, theme, title, titleFrom]) => ({
  ref,
  theme,
  title,
  titleFrom,
}));

/** Orders control refs as numbers part by part: 5.2 before 5.10. */
export function compareControlRefs(a: string, b: string): number {
  const pa = a.split(/[.()]/).filter(Boolean);
  const pb = b.split(/[.()]/).filter(Boolean);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const nx = Number(x);
    const ny = Number(y);
    const d = Number.isFinite(nx) && Number.isFinite(ny) && x !== "" && y !== "" ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  return 0;
}
