import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { planSites } from "../plan/plan-sites";
import { defaultDisplay } from "../spec/site-directory";
import { evaluationDate } from "./as-of";
import { checkNewSite, checkSiteWith } from "./clone/check-before-writing";
import { cloneSite } from "./clone/clone-site";
import { cloneTenantOnSite } from "./clone/clone-tenant";
import type { ReviewNote } from "./clone/review-notes";
import { writeNewDirectory, writeNewFile } from "./clone/write-new-file";
import { exitQuietlyOnClosedOutput, reportFailure } from "./command-failure";
import { ExitCode, UsageError } from "./exit-codes";

export const CLONE_USAGE = `usage: npm run clone -- tenant --site <site> --from <tenant> --to <name> [--sites <dir>] [--cidr <cidr>]
                          [--vlans <from>-<to>] [--name "<legal name>"] [--vm-prefix <word>] [--as-of <YYYY-MM-DD>]
  tenant       writes <sites>/<site>/tenants/<name>.yaml, a partner tenant made from <tenant>: names, addresses,
               VLANs and flow ids moved; evidence, agreements, flows to other tenants and inbound flows not copied
  --sites      the sites directory (default sites)
  --cidr       the new tenant's address range (default: the next free range of the source's size)
  --vlans      the new tenant's VLAN ids (default: the next free range of the source's size)
  --name       its legal display name (default: <Name> kommun/kommune/Kommune by the country)
  --vm-prefix  the word its VM names start with (default: the first three letters of <name>)
  --as-of      evaluation date (else ROOM_AS_OF, else today); onboarding ends 90 days after it
       npm run clone -- site --from <site> --to <name> [--sites <dir>] [--cidr <cidr>] [--vlans <from>-<to>]
                          [--name "<municipality>"] [--tenant <partner>=<id>...] [--as-of <YYYY-MM-DD>]
  site         writes <sites>/<name>/, a room for a partner that builds its own from <site>: site.yaml (facility,
               park, SAN, firewall, backup room), the host municipality as <name>, and policy.yaml; inventory
               ids, host thumbprints, LUN ids, the internet uplink, records, approvers and waivers not copied
  --tenant     (site) a partner tenant of <site> that comes along, under a new id (repeatable)
  --cidr       (site) where the site's networks and tenants move together (default: the next free range of
               their covering range's size beside every other site)
  --vlans      (site) move every VLAN into this range (default: the new room keeps the VLAN ids)
Nothing is written unless the result loads; an existing file is never replaced; the source is never touched.
Exit 0: written; 2: bad input or usage (nothing written).`;

const ONBOARDING_DAYS = 90;

/** `npm run clone`: a new tenant (or site) for a partner municipality, from one that works. */
export function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        site: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        sites: { type: "string" },
        cidr: { type: "string" },
        vlans: { type: "string" },
        name: { type: "string" },
        "vm-prefix": { type: "string" },
        tenant: { type: "string", multiple: true },
        "as-of": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      out.write(CLONE_USAGE + "\n");
      return ExitCode.ok;
    }
    const [what, ...rest] = positionals;
    if (what !== "tenant" && what !== "site")
      throw new UsageError(`expected what to clone, tenant or site, found ${what === undefined ? "nothing" : JSON.stringify(what)}`);
    if (rest.length) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
    const required = (name: "site" | "from" | "to") => {
      const v = values[name];
      if (v === undefined || v === "") throw new UsageError(`--${name} is required`);
      return v;
    };
    const onlyFor = (option: "site" | "vm-prefix" | "tenant", command: string) => {
      if (values[option] !== undefined) throw new UsageError(`--${option} is an option of clone ${command}`);
    };
    if (what === "site") {
      onlyFor("site", "tenant");
      onlyFor("vm-prefix", "tenant");
      return cloneSiteCommand({ ...values, from: required("from"), to: required("to") }, out);
    }
    onlyFor("tenant", "site");
    const siteName = required("site");
    const from = required("from");
    const to = required("to");
    if (values["vm-prefix"] !== undefined && !/^[a-z][a-z0-9]{0,9}$/.test(values["vm-prefix"]))
      throw new UsageError(
        `--vm-prefix: expected a word of 1 to 10 lower-case letters and digits, found ${JSON.stringify(values["vm-prefix"])}`,
      );
    const asOf = evaluationDate(values["as-of"]);
    const sitesDir = values.sites ?? "sites";

    // The site as it is must load: a clone of a broken site would copy its mistakes.
    const { sites } = planSites(sitesDir, { asOf, site: siteName });
    const site = sites[0];
    const clone = cloneTenantOnSite(site, {
      from,
      to,
      cidr: values.cidr,
      vlans: values.vlans,
      displayName: values.name,
      vmPrefix: values["vm-prefix"],
      asOf,
      onboardingDays: ONBOARDING_DAYS,
    });
    const display = defaultDisplay(clone.path);
    for (const ext of [".yaml", ".yml"]) refuseExisting(join(site.dir, "tenants", `${to}${ext}`));
    checkSiteWith(site.dir, siteName, new Map([[join("tenants", `${to}.yaml`), clone.text]]), asOf, defaultDisplay);
    writeNewFile(clone.path, clone.text, display);

    const sourceDisplay = site.tenants.find((t) => t.spec.tenant === from)?.file ?? from;
    out.write(
      `created ${display}: tenant ${to} of site ${siteName}, cloned from ${from}\n` +
        `  addresses ${clone.cidr}, VLANs ${clone.vlanRange.from}-${clone.vlanRange.to}, flow ids moved by +${clone.flowIdOffset}\n` +
        `\nreview next:\n${formatNotes(display, clone.review)}` +
        rosterNote(site.dir, to) +
        (clone.dropped.length ? `\nnot copied from ${sourceDisplay}:\n${formatNotes(sourceDisplay, clone.dropped)}` : "") +
        `\nthen: npm run synth -- ${values.sites === undefined ? "" : `--sites ${values.sites} `}--site ${siteName}\n`,
    );
    return ExitCode.ok;
  } catch (e) {
    return reportFailure(e, err, CLONE_USAGE);
  }
}

function cloneSiteCommand(
  values: { from: string; to: string; sites?: string; cidr?: string; vlans?: string; name?: string; tenant?: string[]; "as-of"?: string },
  out: NodeJS.WritableStream,
): number {
  const asOf = evaluationDate(values["as-of"]);
  const sitesDir = values.sites ?? "sites";
  const tenants = new Map<string, string>();
  for (const t of values.tenant ?? []) {
    const m = /^([^=]+)=([^=]+)$/.exec(t);
    if (!m) throw new UsageError(`--tenant: expected <tenant of the source>=<new id>, such as haugnes=nyby, found ${JSON.stringify(t)}`);
    if (tenants.has(m[1])) throw new UsageError(`--tenant: ${m[1]} is given twice`);
    tenants.set(m[1], m[2]);
  }
  const target = join(sitesDir, values.to);
  refuseExisting(target);
  // Every site must load: the new one's addresses are chosen beside all of them.
  const { sites } = planSites(sitesDir, { asOf });
  const clone = cloneSite(sites, {
    from: values.from,
    to: values.to,
    cidr: values.cidr,
    vlans: values.vlans,
    displayName: values.name,
    tenants,
    asOf,
    onboardingDays: ONBOARDING_DAYS,
  });
  const files = new Map(clone.files.map((f) => [f.rel, f.text]));
  checkNewSite(values.to, files, asOf, (rel) => defaultDisplay(join(target, rel)));
  writeNewDirectory(target, files, defaultDisplay(target));

  const shown = (rel: string) => defaultDisplay(join(target, rel));
  out.write(
    `created ${defaultDisplay(target)}: site ${values.to} from the blueprint of ${values.from}, with ${clone.files.map((f) => f.rel).join(", ")}\n` +
      `  addresses ${clone.cidr}${clone.internet ? `, internet uplink placeholder ${clone.internet}` : ""}\n` +
      `\nreview next:\n${clone.files.map((f) => formatNotes(shown(f.rel), f.review)).join("")}` +
      clone.dropped.map((d) => `\nnot copied from ${defaultDisplay(d.file)}:\n${formatNotes(defaultDisplay(d.file), d.notes)}`).join("") +
      `\nthen: npm run synth -- ${values.sites === undefined ? "" : `--sites ${values.sites} `}--site ${values.to}\n`,
  );
  return ExitCode.ok;
}

/** The roster's approvers are the site's people: none of them has authority over the new tenant yet. */
function rosterNote(siteDir: string, tenant: string): string {
  const roster = join(siteDir, "approvers.yaml");
  if (!existsSync(roster)) return "";
  return `  ${defaultDisplay(roster)}  the roster was written before ${tenant}: give an approver authority over it before a waiver of its findings can be approved\n`;
}

function refuseExisting(path: string): void {
  try {
    lstatSync(path);
  } catch {
    return;
  }
  throw new UsageError(`${defaultDisplay(path)} already exists; it was left unchanged and nothing was written`, false);
}

const formatNotes = (file: string, notes: readonly (ReviewNote & { line?: number })[]) =>
  notes.map((n) => `  ${n.line ? `${file}:${n.line}` : file}  ${n.text}\n`).join("");

if (require.main === module) {
  exitQuietlyOnClosedOutput(process.stdout);
  exitQuietlyOnClosedOutput(process.stderr);
  process.exitCode = main(process.argv.slice(2));
}
