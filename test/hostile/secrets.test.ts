import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { credentialIn } from "../../spec/secret-scan";
import { formatSpecError } from "../../spec/spec-error";
import { load, loadFailure, sharedSynth } from "../helpers";
import { ALPHA, expectOnly, located, printed, SITE, sites, synthRefuses, type Change, type Spot } from "../spec-error-matchers";

/**
 * Credentials written into spec files, by someone careless or someone hostile. Each case writes one
 * credential holding a canary no other case uses, and expects exactly one located error, exit 2 from
 * synth with nothing written, and the canary (and each of its parts) nowhere: not in the errors, not in
 * what synth prints, not in any file.
 */

// A message about a flow ends by quoting the flow's id (spec/firewall/flow-subject.ts).
const HOW =
  /; credentials are supplied at plan time \(sensitive Terraform variables or the provider's environment variables\), never written in spec files( \(in flow \d+\))?$/;
const IN_FIELD = (key: string) => new RegExp(`^found a credential in field "${key}"`);
const NAME_VALUE = /^found a credential written as name=value or name: value/;
const URL_PARAMETER = /^found a credential as a URL parameter/;
const URL_PASSWORD = /^found a user name and password inside a URL/;
const URL_USER = /^found a user name or token inside a URL/;
const BARE_PASSWORD = /^found a user name and password before a host name/;
const PRIVATE_KEY = /^found a private key block/;
const IN_FIELD_NAME = (what: RegExp) => new RegExp(`${what.source}.* in a field name;`);

/** A site state section replacing the tiny site's local state. */
function state(lines: string): Change {
  return [SITE, "state:\n  backend: local\n", `state:\n${lines}`];
}

/** A PEM block in YAML block-scalar form, indented for the field it goes under. */
function pemBlock(indent: string, body: string): string {
  return [`|`, `-----BEGIN OPENSSH PRIVATE KEY-----`, body, `-----END OPENSSH PRIVATE KEY-----`].join(`\n${indent}`);
}

/** [the case, the change, where its error is reported, its pointer, its message, the canary written] */
type Hostile = [hostile: string, change: Change | Change[], spot: Spot, pointer: string, message: RegExp, canary: string];

const siteCases: Hostile[] = [
  // Keys that name a credential, in every case and separator.
  [
    "a host's root password under a camelCase key",
    [
      SITE,
      "        memoryGb: 512\n        vmotionAddress: 10.0.11.12",
      "        memoryGb: 512\n        rootPassword: cnS01Qz7\n        vmotionAddress: 10.0.11.12",
    ],
    [SITE, "rootPassword:", "rootPassword"],
    "/clusters/0/hosts/1/rootPassword",
    IN_FIELD("rootPassword"),
    "cnS01Qz7",
  ],
  [
    "a vCenter client secret under a snake_case key",
    [SITE, "  datacenter: tiny-dc", "  datacenter: tiny-dc\n  client_secret: cnS02Qz7"],
    [SITE, "client_secret:", "client_secret"],
    "/vcenter/client_secret",
    IN_FIELD("client_secret"),
    "cnS02Qz7",
  ],
  [
    "an upper-case ACCESS_TOKEN on a syslog target",
    [SITE, "  - { host: syslog.tiny.example }", "  - { host: syslog.tiny.example, ACCESS_TOKEN: cnS03Qz7 }"],
    [SITE, "ACCESS_TOKEN:", "ACCESS_TOKEN"],
    "/syslog/0/ACCESS_TOKEN",
    IN_FIELD("ACCESS_TOKEN"),
    "cnS03Qz7",
  ],
  [
    "a numeric FGCP password (a number is a credential too)",
    [SITE, "  vdomLicences: 10", "  vdomLicences: 10\n  haPassword: 90817263"],
    [SITE, "haPassword:", "haPassword"],
    "/firewall/haPassword",
    IN_FIELD("haPassword"),
    "90817263",
  ],
  [
    "a list of API keys under a plural key",
    [SITE, "  vdomLicences: 10", "  vdomLicences: 10\n  apiKeys: [cnS05Qz7]"],
    [SITE, "apiKeys:", "apiKeys"],
    "/firewall/apiKeys",
    IN_FIELD("apiKeys"),
    "cnS05Qz7",
  ],
  // Free text.
  [
    "a private key block in the facility's source document",
    [
      SITE,
      '  defaultSource: { document: "Tinyby room drawing E-100 rev 3", verified: "2026-09-01" }',
      `  defaultSource:\n    document: ${pemBlock("      ", "cnS06Qz7")}\n    verified: "2026-09-01"`,
    ],
    [SITE, "document: |", "|"],
    "/facility/defaultSource/document",
    PRIVATE_KEY,
    "cnS06Qz7",
  ],
  [
    "password = value, with spaces around =, in a service description",
    [
      SITE,
      '    - { name: journal-app, tcp: "8443" }',
      '    - { name: journal-app, tcp: "8443", description: "admin password = cnS07Qz7" }',
    ],
    [SITE, '"admin password', '"admin password'],
    "/firewall/services/0/description",
    NAME_VALUE,
    "cnS07Qz7",
  ],
  [
    "pwd=value in an alarm route's target",
    [SITE, "target: on-call phone,", "target: on-call phone pwd=cnS08Qz7,"],
    [SITE, "on-call phone pwd", "on-call phone pwd"],
    "/facility/alarmRoutes/0/target",
    NAME_VALUE,
    "cnS08Qz7",
  ],
  [
    "password: value in a piece of evidence's by-line",
    [SITE, "by: backup operator,", 'by: "backup operator (password: cnS09Qz7)",'],
    [SITE, '"backup operator (password', '"backup operator'],
    "/backup/evidence/0/by",
    NAME_VALUE,
    "cnS09Qz7",
  ],
  [
    "a bearer token in an alarm route's target",
    [SITE, "target: operations mailbox,", 'target: "webhook with Bearer cnS10Qz7abcdefghijk",'],
    [SITE, '"webhook with Bearer', '"webhook'],
    "/facility/alarmRoutes/1/target",
    /^found a bearer token/,
    "cnS10Qz7abcdefghijk",
  ],
  [
    "a GitHub token as the evidence's document reference",
    [SITE, 'documentRef: "TST-2026-41"', 'documentRef: "ghp_cnS11Qz7abcdefghijklmnopqrstuvwxyz0"'],
    [SITE, '"ghp_cnS11Qz7', '"ghp_'],
    "/backup/evidence/0/documentRef",
    /^found a GitHub token/,
    "ghp_cnS11Qz7abcdefghijklmnopqrstuvwxyz0",
  ],
  [
    "an AWS access key id as the s3 bucket",
    state("  backend: s3\n  s3Bucket: AKIACNS12QZ7ABCDEFGH\n  s3Region: us-east-1\n"),
    [SITE, "AKIACNS12QZ7ABCDEFGH"],
    "/state/s3Bucket",
    /^found an AWS access key id/,
    "AKIACNS12QZ7ABCDEFGH",
  ],
  // URLs in the state backend: user information with any characters, and credential parameters.
  [
    "the s3 endpoint with an access key and secret as user and password",
    state("  backend: s3\n  s3Bucket: tfstate\n  s3Region: us-east-1\n  s3Endpoint: https://AKIDEXAMPLE:cnS13Qz7@s3.tiny.example\n"),
    [SITE, "s3Endpoint: https://", "https://"],
    "/state/s3Endpoint",
    URL_PASSWORD,
    "cnS13Qz7",
  ],
  [
    "the s3 endpoint with a space in its password (the URL format error used to echo it)",
    state("  backend: s3\n  s3Bucket: tfstate\n  s3Region: us-east-1\n  s3Endpoint: https://minio:cnS14 Qz7x@s3.tiny.example\n"),
    [SITE, "s3Endpoint: https://", "https://"],
    "/state/s3Endpoint",
    URL_PASSWORD,
    "cnS14 Qz7x",
  ],
  [
    "the http address with a slash in its password",
    state("  backend: http\n  httpAddress: https://tf:cnS15/Qz7x@state.tiny.example/tf/\n"),
    [SITE, "httpAddress: https://", "https://"],
    "/state/httpAddress",
    URL_PASSWORD,
    "cnS15/Qz7x",
  ],
  [
    "the http address with an @ in its password",
    state("  backend: http\n  httpAddress: https://tf:cnS16@Qz7x@state.tiny.example/tf/\n"),
    [SITE, "httpAddress: https://", "https://"],
    "/state/httpAddress",
    URL_PASSWORD,
    "cnS16@Qz7x",
  ],
  [
    "the s3 endpoint with a percent-escaped password",
    state("  backend: s3\n  s3Bucket: tfstate\n  s3Region: us-east-1\n  s3Endpoint: https://minio:cnS17%40Qz7x@s3.tiny.example\n"),
    [SITE, "s3Endpoint: https://", "https://"],
    "/state/s3Endpoint",
    URL_PASSWORD,
    "cnS17%40Qz7x",
  ],
  [
    "the http address with a token as its user name",
    state("  backend: http\n  httpAddress: https://cnS18Qz7token@state.tiny.example/tf/\n"),
    [SITE, "httpAddress: https://", "https://"],
    "/state/httpAddress",
    URL_USER,
    "cnS18Qz7token",
  ],
  [
    "the s3 endpoint with an X-Amz-Signature parameter",
    state("  backend: s3\n  s3Bucket: tfstate\n  s3Region: us-east-1\n  s3Endpoint: https://s3.tiny.example/?X-Amz-Signature=cnS19Qz7\n"),
    [SITE, "s3Endpoint: https://", "https://"],
    "/state/s3Endpoint",
    URL_PARAMETER,
    "cnS19Qz7",
  ],
  [
    "the http address with an access_token parameter",
    state("  backend: http\n  httpAddress: https://state.tiny.example/tf?access_token=cnS20Qz7\n"),
    [SITE, "httpAddress: https://", "https://"],
    "/state/httpAddress",
    URL_PARAMETER,
    "cnS20Qz7",
  ],
  [
    "the http address with a sig parameter after another one",
    state("  backend: http\n  httpAddress: https://state.tiny.example/tf?sv=2022-11-02&sig=cnS21Qz7\n"),
    [SITE, "httpAddress: https://", "https://"],
    "/state/httpAddress",
    URL_PARAMETER,
    "cnS21Qz7",
  ],
  [
    "the pg host with user:password@ before it and no scheme",
    state("  backend: pg\n  pg: { host: tf:cnS22Qz7@db.tiny.example, database: terraform }\n"),
    [SITE, "host: tf:", "tf:"],
    "/state/pg/host",
    BARE_PASSWORD,
    "cnS22Qz7",
  ],
  [
    "the pg database with a password parameter",
    state("  backend: pg\n  pg: { host: db.tiny.example, database: terraform?password=cnS23Qz7 }\n"),
    [SITE, "database: terraform?", "terraform?"],
    "/state/pg/database",
    URL_PARAMETER,
    "cnS23Qz7",
  ],
  [
    "the retired pgHost as a keyword=value connection string with a password: the credential is reported first",
    state("  backend: pg\n  pgHost: host=db.tiny.example user=tf password = cnS24Qz7\n"),
    [SITE, "pgHost: host=", "host="],
    "/state/pgHost",
    NAME_VALUE,
    "cnS24Qz7",
  ],
  [
    "the remote hostname with a token parameter",
    state("  backend: remote\n  remoteHostname: tfe.tiny.example/?token=cnS25Qz7\n  remoteOrganization: tiny\n"),
    [SITE, "remoteHostname: tfe", "tfe"],
    "/state/remoteHostname",
    URL_PARAMETER,
    "cnS25Qz7",
  ],
  // The other host fields.
  [
    "the vCenter server with an SSO user and password before the host",
    [SITE, "  server: vcenter.tiny.example", "  server: administrator@vsphere.local:cnS26Qz7@vcenter.tiny.example"],
    [SITE, "server: administrator", "administrator"],
    "/vcenter/server",
    BARE_PASSWORD,
    "cnS26Qz7",
  ],
  [
    "an NTP server written as a URL with user and password",
    [SITE, "ntp: [ntp1.tiny.example,", "ntp: [ntp://time:cnS27Qz7@ntp1.tiny.example,"],
    [SITE, "ntp: [ntp://", "ntp://"],
    "/ntp/0",
    URL_PASSWORD,
    "cnS27Qz7",
  ],
  [
    "a syslog host with a ;password= parameter",
    [SITE, "  - { host: syslog.tiny.example }", "  - { host: syslog.tiny.example;password=cnS28Qz7 }"],
    [SITE, "host: syslog.tiny.example;", "syslog"],
    "/syslog/0/host",
    URL_PARAMETER,
    "cnS28Qz7",
  ],
  // A credential in a field name: reported at its parent, so the pointer does not carry it either.
  [
    "a field named password=value is reported at its parent, and the type error listing its fields is dropped",
    [SITE, "ntp: [ntp1.tiny.example, ntp2.tiny.example]", 'ntp: { "password=cnS29Qz7": 1 }'],
    [SITE, '"password=cnS29Qz7"'],
    "/ntp",
    IN_FIELD_NAME(NAME_VALUE),
    "cnS29Qz7",
  ],
  [
    "a URL with user and password as a field name in a value of the wrong type",
    [SITE, "municipality: Tinyby kommune", 'municipality: { "https://u:cnS30Qz7@h.example": 1 }'],
    [SITE, '"https://u:cnS30Qz7'],
    "/municipality",
    IN_FIELD_NAME(URL_PASSWORD),
    "cnS30Qz7",
  ],
];

const tenantCases: Hostile[] = [
  [
    "a token at the top of a tenant file",
    [ALPHA, "name: Alpha kommune", "name: Alpha kommune\ntoken: cnT01Qz7"],
    [ALPHA, "token:", "token"],
    "/token",
    IN_FIELD("token"),
    "cnT01Qz7",
  ],
  [
    "an access-token (kebab-case) on a workload",
    [ALPHA, "    ip: 10.1.20.5", "    ip: 10.1.20.5\n    access-token: cnT02Qz7"],
    [ALPHA, "access-token:", "access-token"],
    "/workloads/1/access-token",
    IN_FIELD("access-token"),
    "cnT02Qz7",
  ],
  [
    "a clientSecret in the legal facts",
    [ALPHA, "  agreementRef: AVT-2024-01", "  agreementRef: AVT-2024-01\n  clientSecret: cnT03Qz7"],
    [ALPHA, "clientSecret:", "clientSecret"],
    "/legal/clientSecret",
    IN_FIELD("clientSecret"),
    "cnT03Qz7",
  ],
  [
    "an api_key on a reporting route",
    [ALPHA, 'channel: "https://nsm.no/varsle" }', 'channel: "https://nsm.no/varsle", api_key: cnT04Qz7 }'],
    [ALPHA, "api_key:", "api_key"],
    "/legal/reportingRoutes/0/api_key",
    IN_FIELD("api_key"),
    "cnT04Qz7",
  ],
  [
    "password = value in a workload's description",
    [ALPHA, "    ip: 10.1.20.5", '    ip: 10.1.20.5\n    description: "Journal DB, password = cnT05Qz7"'],
    [ALPHA, '"Journal DB', '"Journal DB'],
    "/workloads/1/description",
    NAME_VALUE,
    "cnT05Qz7",
  ],
  [
    "a reporting channel URL with user and password",
    [ALPHA, 'channel: "https://nsm.no/varsle"', 'channel: "https://varsle:cnT06Qz7@nsm.no/varsle"'],
    [ALPHA, '"https://varsle', '"https'],
    "/legal/reportingRoutes/0/channel",
    URL_PASSWORD,
    "cnT06Qz7",
  ],
  [
    "a reporting channel URL with a client_secret parameter",
    [ALPHA, 'channel: "https://nsm.no/varsle"', 'channel: "https://nsm.no/varsle?client_secret=cnT07Qz7"'],
    [ALPHA, '"https://nsm.no/varsle?', '"https'],
    "/legal/reportingRoutes/0/channel",
    URL_PARAMETER,
    "cnT07Qz7",
  ],
  [
    "root password: value in a flow's justification",
    [ALPHA, "to: internet, services: [HTTPS] }", 'to: internet, services: [HTTPS], justification: "root password: cnT08Qz7" }'],
    [ALPHA, '"root password', '"root'],
    "/firewall/flows/2/justification",
    NAME_VALUE,
    "cnT08Qz7",
  ],
  [
    "a private key block in a workload's description",
    [ALPHA, "    ip: 10.1.20.5", `    ip: 10.1.20.5\n    description: ${pemBlock("      ", "cnT09Qz7")}`],
    [ALPHA, "description: |", "|"],
    "/workloads/1/description",
    PRIVATE_KEY,
    "cnT09Qz7",
  ],
  [
    "an existing VM's import id with a token parameter",
    [ALPHA, "importId: /tiny-dc/vm/Alpha/legacy-app", "importId: /tiny-dc/vm/Alpha/legacy-app?token=cnT10Qz7"],
    [ALPHA, "importId: /", "/"],
    "/workloads/2/existing/importId",
    URL_PARAMETER,
    "cnT10Qz7",
  ],
  [
    "a JSON web token in the legal entity",
    [ALPHA, "legalEntity: Alpha kommune (org. no. 999 999 999)", "legalEntity: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjblQxMVF6NyJ9.cnT11Qz7"],
    [ALPHA, "legalEntity: eyJ", "eyJ"],
    "/legal/legalEntity",
    /^found a JSON web token/,
    "eyJzdWIiOiJjblQxMVF6NyJ9.cnT11Qz7",
  ],
  [
    "a URL with user and password as a field name of a network",
    [ALPHA, "    gateway: 10.1.10.1", '    gateway: 10.1.10.1\n    "https://u:cnT12Qz7@h.example": 1'],
    [ALPHA, '"https://u:cnT12Qz7'],
    "/networks/0",
    IN_FIELD_NAME(URL_PASSWORD),
    "cnT12Qz7",
  ],
  [
    "a Slack token as the operators group",
    [ALPHA, 'operatorsGroup: "ALPHA\\\\vmware-operators"', "operatorsGroup: xoxb-cnT13Qz7-1234567890"],
    [ALPHA, "operatorsGroup: xoxb", "xoxb"],
    "/operatorsGroup",
    /^found a Slack token/,
    "xoxb-cnT13Qz7-1234567890",
  ],
  [
    "a GitLab token as a reporting authority",
    [ALPHA, "authority: NSM NorCERT", "authority: glpat-cnT14Qz7abcdefghijklm"],
    [ALPHA, "authority: glpat", "glpat"],
    "/legal/reportingRoutes/0/authority",
    /^found a GitLab token/,
    "glpat-cnT14Qz7abcdefghijklm",
  ],
];

function isChangeList(change: Change | Change[]): change is Change[] {
  return Array.isArray(change[0]);
}

/** The canary and each of its parts long enough to recognise (a password with a space, /, @ or %40 in it). */
function fragments(canary: string): string[] {
  return [canary, ...canary.split(/[\s/@]|%40/).filter((part) => part.length >= 4)];
}

/** Every file under `dir`, by path relative to it, with its content. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return files;
}

function expectRefusedUnseen(...[, change, spot, pointer, message, canary]: Hostile): void {
  const dir = sites(...(isChangeList(change) ? change : [change]));
  const before = filesUnder(dir);
  const where = located(dir, spot);

  const thrown = loadFailure(dir);
  expectOnly([...thrown.errors], { ...where, pointer, message });
  expect(thrown.errors[0].message).toMatch(HOW);
  const stderr = synthRefuses(dir, [printed({ ...where, pointer, message })]);

  const shown = [thrown.message, JSON.stringify(thrown.errors), ...thrown.errors.map(formatSpecError), stderr];
  for (const part of fragments(canary)) for (const text of shown) expect(text).not.toContain(part);
  // Nothing written beside the input: the files are what the case wrote, byte for byte.
  expect(filesUnder(dir)).toEqual(before);
}

describe("a credential written into a site file is refused, located, and never shown", () => {
  test.each(siteCases)("%s", (...hostile) => expectRefusedUnseen(...hostile));
});

describe("a credential written into a tenant file is refused, located, and never shown", () => {
  test.each(tenantCases)("%s", (...hostile) => expectRefusedUnseen(...hostile));
});

describe("words about credentials are not credentials", () => {
  test.each<[string, Change]>([
    [
      "a description naming the password manager",
      [ALPHA, "    ip: 10.1.20.5", '    ip: 10.1.20.5\n    description: "Admin accounts live in the password manager"'],
    ],
    [
      "a description saying where the token is kept",
      [ALPHA, "    ip: 10.1.20.5", '    ip: 10.1.20.5\n    description: "The API token is kept in the vault, rotated yearly"'],
    ],
    [
      "a URL with a port followed by a mail address",
      [ALPHA, 'channel: "https://nsm.no/varsle"', 'channel: "https://nsm.no:443/varsle or mail cert@nsm.no"'],
    ],
    ["a mail URI", [ALPHA, 'channel: "https://nsm.no/varsle"', 'channel: "mailto:cert@nsm.no"']],
    [
      "a URL with a query that carries no credential",
      [ALPHA, 'channel: "https://nsm.no/varsle"', 'channel: "https://nsm.no/varsle?lang=en"'],
    ],
  ])("%s", (_words, change) => {
    expect(() => load(sites(change))).not.toThrow();
  });
});

describe("the synthesized examples", () => {
  const { out } = sharedSynth("examples");
  const stacks = [...filesUnder(join(out, "stacks")).entries()].filter(([path]) => path.endsWith("cdk.tf.json"));

  /** Every key and string value of a JSON document, with where it is. */
  function strings(value: unknown, path: string, found: [path: string, key: string, value: unknown][]): typeof found {
    if (Array.isArray(value)) value.forEach((item, i) => strings(item, `${path}/${i}`, found));
    else if (value !== null && typeof value === "object")
      for (const [key, child] of Object.entries(value)) {
        found.push([`${path}/${key}`, key, child]);
        strings(child, `${path}/${key}`, found);
      }
    return found;
  }

  test("hold no URL with user information, and every password, token or secret is a reference", () => {
    expect(stacks.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const [file, text] of stacks) {
      expect(text).not.toMatch(/[a-z][a-z0-9+.-]*:\/\/[^\s/"]*@/i);
      for (const [path, key, value] of strings(JSON.parse(text), file, [])) {
        const named = /pass(word|wd)?$|token|secret|api_?key/i.test(key);
        // A FortiOS switch named like a secret (password policy `reuse_password`) holds enable/disable, never a secret.
        const fortiosSwitch = typeof value === "string" && /^(enable|disable)$/.test(value);
        if (
          named &&
          typeof value === "string" &&
          !fortiosSwitch &&
          !/^\$\{(var\.[a-z0-9_]+|random_password\.[a-z0-9_-]+\.result)\}$/.test(value)
        )
          offending.push(`${path}: ${value}`);
        if (typeof value === "string" && !value.startsWith("${") && credentialIn(value)) offending.push(`${path}: ${credentialIn(value)}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
