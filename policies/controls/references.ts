import type { ControlRef } from "../engine/rule";

/**
 * Control references shared by many rules, as shared/domain/CONTROLS.md gives them. `verified` is
 * true only where CONTROLS.md says the primary text was read; the others say "(verify)" in reports.
 * A rule with a reference of its own writes it in its own file.
 */
export const ISO27001 = (control: string): ControlRef => ({
  framework: "ISO/IEC 27001:2022 Annex A",
  ref: control,
  edition: "2022",
  // CONTROLS.md §5: "titles verified [S48]" (the titles, as reproduced in public control catalogues).
  verified: true,
  source: "CONTROLS.md §5 [S48] ISO/IEC 27001:2022 Annex A titles",
  kind: "standard",
});

export const NIS2 = (ref: string): ControlRef => ({
  framework: "NIS2 Directive (EU) 2022/2555",
  ref,
  edition: "2022/2555",
  verified: true,
  source: "CONTROLS.md §1.1-1.2 [S1] EUR-Lex ELI eli/dir/2022/2555/oj",
  kind: "law",
});

export const EN50600 = (ref: string): ControlRef => ({
  framework: "EN 50600",
  ref,
  edition: "EN 50600-1/-2-x (verify class wording against the purchased standard)",
  verified: false,
  source: "CONTROLS.md §6.1 [S49]",
  kind: "standard",
});

export const UPTIME_TIER = (ref: string): ControlRef => ({
  framework: "Uptime Institute Tiers / TIA-942",
  ref,
  edition: "TIA-942-C (2024)",
  verified: true,
  source: "CONTROLS.md §6.2 [S51][S52]",
  kind: "benchmark",
});

export const IMPL_REG_2024_2690 = (ref: string): ControlRef => ({
  framework: "Implementing Regulation (EU) 2024/2690 Annex",
  ref,
  edition: "2024/2690",
  verified: true,
  source: "CONTROLS.md §1.4 [S2]",
  // Binding only for listed digital entities (data centre, cloud, managed service providers): a benchmark here.
  kind: "benchmark",
});

/**
 * An SCG 8 control the catalogue (CONTROLS.md §8) does not list: named from the guide, not read there (verify).
 * `source` says where the id and value were taken from; `edition` the guide's version read there, where another.
 */
export const VSPHERE_SCG_UNVERIFIED = (
  ref: string,
  source = "vSphere SCG 8 VM controls, not in CONTROLS.md §8 (verify against the controls CSV)",
  edition?: string,
): ControlRef => ({
  ...VSPHERE_SCG(ref),
  ...(edition === undefined ? {} : { edition }),
  verified: false,
  source,
});

/**
 * Where the ESXi controls beyond CONTROLS.md §8 (account lockout and unlock, password policy, DCUI
 * timeout, MOB, BPDU filter, TLS certificate check) were read: the vendor's controls CSV of an earlier
 * edition than the catalogue's, so they stay unverified until CONTROLS.md reads them in 803-20260612-01.
 */
export const SCG_ESXI_CSV_SOURCE =
  "vmware/vcf-security-and-compliance-guidelines security-configuration-hardening-guide/vsphere/8.0/vmware-vsphere-security-configuration-guide-8-controls.csv @7c4e302 (not in CONTROLS.md §8; verify against 803-20260612-01)";
export const SCG_ESXI_CSV_EDITION = "803-20260107-01";

export const VSPHERE_SCG = (ref: string): ControlRef => ({
  framework: "vSphere Security Configuration & Hardening Guide 8",
  ref,
  edition: "803-20260612-01",
  verified: true,
  source: "CONTROLS.md §8 [S61] vmware/vcf-security-and-compliance-guidelines controls CSV",
  kind: "benchmark",
});

export const NSM_GRUNNPRINSIPPER = (ref: string, verified = true): ControlRef => ({
  framework: "NSM Grunnprinsipper for IKT-sikkerhet",
  ref,
  edition: "2.1",
  verified,
  source: "CONTROLS.md §3.3 [S39][S40]",
  kind: "standard",
});

export const NIS2_DK = (ref: string): ControlRef => ({
  framework: "NIS 2-loven (DK), LOV nr. 434 af 6. maj 2025",
  ref,
  edition: "LOV nr. 434 af 06/05/2025",
  verified: true,
  source: "CONTROLS.md §1.5 [S3] lovguiden.dk/loven/nis-2-loven/6",
  kind: "law",
});

/** The 3-2-1 (and 3-2-1-1-0) backup rule: industry practice, no primary text (CONTROLS.md §7 [S57][S58]). */
export const BACKUP_321 = (ref: string): ControlRef => ({
  framework: "3-2-1 / 3-2-1-1-0 backup rule",
  ref,
  edition: "industry practice (no single primary text)",
  verified: false,
  source: "CONTROLS.md §7 [S57][S58] (verify)",
  kind: "benchmark",
});

/**
 * BSI IT-Grundschutz building block INF.2 (Rechenzentrum sowie Serverraum), Edition 2022. Read in a
 * public copy (nfelger/it-grundschutz-bausteine, bausteine_2022/INF.2.md), not in BSI's primary text,
 * and not listed as verified in CONTROLS.md: verified false.
 */
export const BSI_INF2 = (ref: string): ControlRef => ({
  framework: "BSI IT-Grundschutz-Kompendium INF.2",
  ref,
  edition: "2022 (verify against the current Kompendium)",
  verified: false,
  source: "POLICY-ANCHORS.md (BSI requirement catalogue, public copy bausteine_2022/INF.2.md)",
  kind: "standard",
});

/** ASHRAE TC 9.9 Thermal Guidelines: CONTROLS.md §6.3 says "verify edition you adopt"; the A1 values [S56] were not read. */
export const ASHRAE_TC99 = (ref: string): ControlRef => ({
  framework: "ASHRAE TC 9.9 Thermal Guidelines for Data Processing Environments",
  ref,
  edition: "2015/2021 editions (verify the edition adopted)",
  verified: false,
  source: "CONTROLS.md §6.3 [S53][S54][S55][S56] (verify)",
  kind: "benchmark",
});

/** BSI IT-Grundschutz CON.3 (Datensicherungskonzept): read in a public copy of the implementation notes (CONTROLS.md §7 [S59]). */
export const BSI_CON3 = (ref: string): ControlRef => ({
  framework: "BSI IT-Grundschutz-Kompendium CON.3",
  ref,
  edition: "2022 (verify against the current Kompendium)",
  verified: false,
  source: "CONTROLS.md §7 [S59]; POLICY-ANCHORS.md (bausteine_2022/CON.3.md)",
  kind: "standard",
});

/** BSI "Kriterien für die Standortwahl höchstverfügbarer und georedundanter Rechenzentren": a recommendation, read second-hand (CONTROLS.md §7 [S60]). */
export const BSI_GEOREDUNDANCY = (ref: string): ControlRef => ({
  framework: "BSI Kriterien für die Standortwahl georedundanter Rechenzentren",
  ref,
  edition: "recommendation (verify the current version)",
  verified: false,
  source: "CONTROLS.md §7 [S60] (secondary sources)",
  kind: "benchmark",
});

/** TÜV NORD Trusted Site Infrastructure (TSI): protection-class areas and no liquid pipes above IT (CONTROLS.md §6.1 [S50]). */
export const TUV_TSI = (ref: string): ControlRef => ({
  framework: "TÜV NORD Trusted Site Infrastructure (TSI)",
  ref,
  edition: "V4.3 (verify)",
  verified: false,
  source: "CONTROLS.md §6.1 [S50] (verify)",
  kind: "benchmark",
});

/** Säkerhetsskyddslagen (2018:585). CONTROLS.md §2: 2 kap. 1 § verified [S18]; 4 kap. 8, 9, 11, 12 §§ verified [S24][S25]; other sections (verify). */
export const SE_SAKERHETSSKYDDSLAG = (ref: string, verified: boolean): ControlRef => ({
  framework: "Säkerhetsskyddslagen (SE)",
  ref,
  edition: "SFS 2018:585 (as amended 1 Dec 2021, prop. 2020/21:194)",
  verified,
  source: verified ? "CONTROLS.md §2 [S18][S24][S25]" : "CONTROLS.md §2 (verify)",
  kind: "law",
});

/** Säkerhetsskyddsförordningen (2021:955). CONTROLS.md §2: 2 kap. 1 § verified [S19]; the IS consultation section (verify) [S23]. */
export const SE_SAKERHETSSKYDDSFORORDNING = (ref: string, verified: boolean): ControlRef => ({
  framework: "Säkerhetsskyddsförordningen (SE)",
  ref,
  edition: "SFS 2021:955",
  verified,
  source: verified ? "CONTROLS.md §2 [S19] data.riksdagen.se sfs-2021-955" : "CONTROLS.md §2 [S23] (verify)",
  kind: "law",
});

/** Säkerhetspolisens föreskrifter PMFS 2022:1 (chapter list only, [S28]: verify). */
export const SE_PMFS_2022_1 = (ref: string): ControlRef => ({
  framework: "PMFS 2022:1 (Säkerhetspolisens föreskrifter om säkerhetsskydd)",
  ref,
  edition: "PMFS 2022:1",
  verified: false,
  source: "CONTROLS.md §2 [S28] (chapter list only; verify)",
  kind: "law",
});

/** Cybersäkerhetslag (2025:1506). The law and its dates verified [S8]; the chapter and section numbers were read through the förordning (verify). */
export const SE_CYBERSAKERHETSLAG = (ref: string): ControlRef => ({
  framework: "Cybersäkerhetslag (SE)",
  ref,
  edition: "SFS 2025:1506 (in force 15 Jan 2026)",
  verified: false,
  source: "CONTROLS.md §1.5 [S8][S9] (section numbers: verify in SFS 2025:1506)",
  kind: "law",
});

/** Digitalsikkerhetsloven (NO), in force 1 Oct 2025; the law number is usually cited as LOV-2023-12-20-108 (verify). */
export const NO_DIGITALSIKKERHETSLOVEN = (ref: string): ControlRef => ({
  framework: "Digitalsikkerhetsloven (NO)",
  ref,
  edition: "LOV-2023-12-20-108 (verify on Lovdata)",
  verified: false,
  source: "CONTROLS.md §1.5 [S13][S14] (verify)",
  kind: "law",
});

/** Sikkerhetsloven (NO) and virksomhetssikkerhetsforskriften: CONTROLS.md §3.1 says verify the section numbers. */
export const NO_SIKKERHETSLOVEN = (ref: string): ControlRef => ({
  framework: "Sikkerhetsloven (NO)",
  ref,
  edition: "LOV-2018-06-01-24 (verify)",
  verified: false,
  source: "CONTROLS.md §3.1 [S31]-[S34] (verify)",
  kind: "law",
});

/** Normen 6.0: binding through the connection agreement with Norsk Helsenett, so a contract. */
export const NO_NORMEN = (ref: string): ControlRef => ({
  framework: "Normen (Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren)",
  ref,
  edition: "6.0",
  verified: false,
  source: "CONTROLS.md §3.2 [S35]-[S38] (verify)",
  kind: "contract",
});

/** The connection agreement with Norsk Helsenett (NHN), which makes Normen binding. */
export const NO_NHN_AGREEMENT = (ref: string): ControlRef => ({
  framework: "Tilknytningsavtale med Norsk Helsenett SF",
  ref,
  edition: "the agreement each municipality signed (verify its version)",
  verified: false,
  source: "CONTROLS.md §3.2 [S35][S36] (verify)",
  kind: "contract",
});

/** The GDPR. CONTROLS.md does not cover it: every reference to it is (verify). */
export const GDPR = (ref: string): ControlRef => ({
  framework: "GDPR (EU) 2016/679",
  ref,
  edition: "2016/679",
  verified: false,
  source: "not in CONTROLS.md (verify against EUR-Lex)",
  kind: "law",
});

/**
 * Fortinet's FGCP documentation and the fortios provider docs (CONTROLS.md §9 [S68][S69][S70]):
 * CONTROLS.md does not mark them as read in the primary text: verified false.
 */
export const FORTINET_FGCP = (ref: string): ControlRef => ({
  framework: "Fortinet FortiGate administration guide (FGCP HA) and fortios provider docs",
  ref,
  edition: "FortiOS 7.x; fortinetdev/terraform-provider-fortios (verify against the running version)",
  verified: false,
  source: "CONTROLS.md §9 [S68][S69][S70]",
  kind: "benchmark",
});

/** Danish technical minimum requirements (state authorities; a benchmark for municipal tenants): not marked verified (CONTROLS.md §4 [S43][S44]). */
export const DK_MINIMUM_REQUIREMENTS = (ref: string): ControlRef => ({
  framework: "Tekniske minimumskrav (Digitaliseringsstyrelsen)",
  ref,
  edition: "2024 update (verify)",
  verified: false,
  source: "CONTROLS.md §4 [S43][S44] (verify)",
  kind: "benchmark",
});
