import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_SPEC_FILE_BYTES } from "../../spec/spec-source";
import { copySites, load } from "../helpers";
import { ALPHA, at, BETA_YAML, SITE } from "../spec-error-matchers";
import { pinnedTiny, refuses, synthesizesAsPlain, type PinnedTiny, type Printed } from "./input-refusal";

/**
 * The file system under the sites directory, as a careless or hostile user leaves it: each case breaks
 * a copy of the pinned tiny site (sites, address lock and output of a good run) and expects synth to
 * refuse with exit 2, naming the path, what was expected and what was found, and to change nothing.
 * What is plainly not a spec file is skipped instead, with a warning, and the output stays the same.
 */

const TINY = "tiny";
const TENANTS = "tiny/tenants";

/** Replaces `path` (relative to the sites directory) by what `make` creates there. */
function replace(sites: string, path: string, make: (full: string) => void): void {
  const full = join(sites, path);
  rmSync(full, { recursive: true, force: true });
  make(full);
}

const fifo = (path: string): void => void execFileSync("mkfifo", [path]);

/** A copy of tenant alpha as tenant `id`: BETA_YAML's networks and VMs, so nothing else clashes. */
function tenantNamed(sites: string, id: string): void {
  writeFileSync(join(sites, TENANTS, `${id}.yaml`), BETA_YAML.replace("tenant: beta", `tenant: ${id}`));
}

/** [the mistake, how it is made in the sites directory, the errors it is refused with, the warnings printed before them] */
type FileMistake = [mistake: string, make: (sites: string) => void, errors: (sites: string) => Printed[], warnings?: Printed[]];

const whole = (file: string, message: RegExp): Printed => ({ file, line: 0, col: 0, pointer: "/", message });

const SITES_DIRECTORY: FileMistake[] = [
  [
    "the sites directory is a file",
    (sites) => replace(sites, "", (p) => writeFileSync(p, "site: tiny\n")),
    () => [whole("sites", /^expected a directory of sites \(<site>\/site\.yaml\), found a file$/)],
  ],
  [
    "the sites directory is missing",
    (sites) => rmSync(sites, { recursive: true }),
    () => [whole("sites", /^expected a directory of sites \(<site>\/site\.yaml\), found nothing$/)],
  ],
  [
    "the sites directory is a symbolic link to itself",
    (sites) => replace(sites, "", (p) => symlinkSync(p, p)),
    () => [whole("sites", /^expected a directory of sites \(<site>\/site\.yaml\), found a symbolic link loop$/)],
  ],
  [
    "the sites directory is a symbolic link to nothing",
    (sites) => replace(sites, "", (p) => symlinkSync(`${p}-gone`, p)),
    () => [
      whole(
        "sites",
        /^expected a directory of sites \(<site>\/site\.yaml\), found a symbolic link to ".*sites-gone", which does not exist$/,
      ),
    ],
  ],
  [
    "the sites directory holds nothing that is a site",
    (sites) => {
      rmSync(join(sites, TINY), { recursive: true });
      writeFileSync(join(sites, "README.md"), "# sites\n");
    },
    () => [whole("sites", /^expected at least one site \(.*sites\/<site>\/site\.yaml\), found none$/)],
    [whole("README.md", /^skipped: a file, not a site directory$/)],
  ],
  [
    "a site directory named with capitals and an underscore",
    (sites) => renameSync(join(sites, TINY), join(sites, "Tiny_Room")),
    () => [
      whole(
        "Tiny_Room",
        /^expected a site id as the directory name \(a name of lower-case letters, digits and hyphens that starts with a letter, at most 63 characters\), found "Tiny_Room"$/,
      ),
    ],
  ],
  [
    "a site directory that is a symbolic link loop",
    (sites) => symlinkSync(join(sites, "loop"), join(sites, "loop")),
    () => [whole("loop", /^expected a site directory, found a symbolic link loop$/)],
  ],
];

const SITE_FILE: FileMistake[] = [
  [
    "site.yaml is a directory",
    (sites) => replace(sites, SITE, (p) => mkdirSync(p)),
    () => [whole(SITE, /^expected a file, found a directory$/)],
  ],
  [
    "site.yaml is a FIFO (reading it would wait forever)",
    (sites) => replace(sites, SITE, fifo),
    () => [whole(SITE, /^expected a file, found a FIFO \(named pipe\)$/)],
  ],
  [
    "site.yaml is a symbolic link to /dev/zero (reading it would never end)",
    (sites) => replace(sites, SITE, (p) => symlinkSync("/dev/zero", p)),
    () => [whole(SITE, /^expected a file, found a character device$/)],
  ],
  [
    "site.yaml is a symbolic link to nothing",
    (sites) => replace(sites, SITE, (p) => symlinkSync("site.yaml.orig", p)),
    () => [whole(SITE, /^expected a file, found a symbolic link to "site\.yaml\.orig", which does not exist$/)],
  ],
  [
    "site.yaml is a symbolic link to itself",
    (sites) => replace(sites, SITE, (p) => symlinkSync("site.yaml", p)),
    () => [whole(SITE, /^expected a file, found a symbolic link loop$/)],
  ],
  [
    "site.yaml is empty",
    (sites) => writeFileSync(join(sites, SITE), ""),
    () => [
      {
        file: SITE,
        line: 1,
        col: 1,
        pointer: "/",
        message: /^expected a mapping of fields \(see the schema named on its first line\), found an empty document$/,
      },
    ],
  ],
  [
    "site.yaml holds only comments",
    (sites) => writeFileSync(join(sites, SITE), "# yaml-language-server: $schema=../../schema/site.schema.json\n# to do\n"),
    () => [{ file: SITE, line: 1, col: 1, pointer: "/", message: /^expected a mapping of fields .*, found an empty document$/ }],
  ],
  [
    "site.yaml is larger than 4 MiB (a log pasted into a comment)",
    (sites) => writeFileSync(join(sites, SITE), readFileSync(join(sites, SITE), "utf8") + `# ${"x".repeat(MAX_SPEC_FILE_BYTES)}\n`),
    () => [whole(SITE, /^expected a spec file of at most 4 MiB, found 4\.0 MiB \(\d+ bytes\)$/)],
  ],
];

const TENANT_FILES: FileMistake[] = [
  [
    "tenants/ is a file",
    (sites) => replace(sites, TENANTS, (p) => writeFileSync(p, "alpha\n")),
    () => [whole(TENANTS, /^expected a directory of tenant files \(<tenant>\.yaml\), found a file$/)],
  ],
  [
    "tenants/ is a symbolic link to itself",
    (sites) => replace(sites, TENANTS, (p) => symlinkSync("tenants", p)),
    () => [whole(TENANTS, /^expected a directory of tenant files \(<tenant>\.yaml\), found a symbolic link loop$/)],
  ],
  [
    "a directory named like a tenant file (x.yaml)",
    (sites) => mkdirSync(join(sites, TENANTS, "x.yaml")),
    () => [whole(`${TENANTS}/x.yaml`, /^expected a tenant file, found a directory$/)],
  ],
  [
    "a tenant file that is a symbolic link to nothing",
    (sites) => replace(sites, ALPHA, (p) => symlinkSync("../../alpha.yaml", p)),
    () => [whole(ALPHA, /^expected a file, found a symbolic link to "\.\.\/\.\.\/alpha\.yaml", which does not exist$/)],
  ],
  [
    "a tenant file larger than 4 MiB (10 MiB on one line)",
    (sites) => writeFileSync(join(sites, ALPHA), readFileSync(join(sites, ALPHA), "utf8") + `notes: ${"x".repeat(10 * 1024 * 1024)}\n`),
    () => [whole(ALPHA, /^expected a spec file of at most 4 MiB, found 10\.0 MiB \(\d+ bytes\)$/)],
  ],
  [
    "a tenant file named with a capital (Alpha.yaml)",
    (sites) => renameSync(join(sites, ALPHA), join(sites, TENANTS, "Alpha.yaml")),
    () => [whole(`${TENANTS}/Alpha.yaml`, /^expected a tenant id as the file name \(a name of lower-case .*\), found "Alpha"$/)],
  ],
  [
    "a tenant file named with an escape sequence, printed escaped",
    (sites) => renameSync(join(sites, ALPHA), join(sites, TENANTS, "al\u001b[2Jpha.yaml")),
    () => [whole(`${TENANTS}/al\\u001b[2Jpha.yaml`, /^expected a tenant id as the file name .*, found "al\\u001b\[2Jpha"$/)],
  ],
];

/** A tenant's stack names `<site>-<tenant>` and `<site>-<tenant>-fw` must not be another stack's. */
const STACK_NAMES: FileMistake[] = (
  [
    ["vsphere", "tenant vsphere's stack would be tiny-vsphere, which is already site tiny's vSphere stack"],
    ["facility", "tenant facility's stack would be tiny-facility, which is already site tiny's facility stack"],
    ["firewall", "tenant firewall's stack would be tiny-firewall, which is already site tiny's firewall stack"],
    ["alpha-fw", "tenant alpha-fw's stack would be tiny-alpha-fw, which is already tenant alpha's firewall stack"],
  ] as const
).map(([id, clash]): FileMistake => [
  `a tenant named ${id}`,
  (sites) => tenantNamed(sites, id),
  (sites) => [
    {
      file: `${TENANTS}/${id}.yaml`,
      ...at(sites, `${TENANTS}/${id}.yaml`, `tenant: ${id}`, id),
      pointer: "/tenant",
      message: new RegExp(`^${clash.replace(/[.']/g, "\\$&")} \\(stacks share one output directory\\); choose another tenant id$`),
    },
  ],
]);

STACK_NAMES.push([
  "a tenant x-facility beside a site tiny-x (two sites, one stack name)",
  (sites) => {
    cpSync(join(sites, TINY), join(sites, "tiny-x"), { recursive: true });
    writeFileSync(join(sites, "tiny-x", SITE.slice(5)), readFileSync(join(sites, SITE), "utf8").replace("site: tiny\n", "site: tiny-x\n"));
    tenantNamed(sites, "x-facility");
  },
  () => [
    whole(
      `${TENANTS}/x-facility.yaml`,
      /^tenant x-facility's stack would be tiny-x-facility, which is already site tiny-x's facility stack \(stacks share one output directory\); choose another tenant id$/,
    ),
  ],
]);

describe.each([
  ["the sites directory", SITES_DIRECTORY],
  ["site.yaml", SITE_FILE],
  ["tenant files", TENANT_FILES],
  ["stack names", STACK_NAMES],
])("%s: refused, naming the path, and nothing is written", (_, cases) => {
  // Every row with its warnings: a test function with more parameters than its row would get jest's `done`.
  const rows = cases.map(([mistake, make, errors, warnings]) => [mistake, make, errors, warnings ?? []] as const);
  test.each(rows)("%s", (_mistake, make, errors, warnings) => {
    const tiny = pinnedTiny();
    make(tiny.sites);
    refuses(tiny, errors(tiny.sites), warnings);
  });
});

describe("what root cannot observe", () => {
  // Root reads whatever the mode bits say, so these run only for other users.
  const asRoot = process.getuid?.() === 0;
  const unreadable: [what: string, path: (tiny: PinnedTiny) => string, errors: Printed[]][] = [
    [
      "site.yaml",
      (tiny) => join(tiny.sites, SITE),
      [whole(SITE, /^expected a readable file, found a path that cannot be read \(permission denied\)$/)],
    ],
    [
      "a tenant file",
      (tiny) => join(tiny.sites, ALPHA),
      [whole(ALPHA, /^expected a readable file, found a path that cannot be read \(permission denied\)$/)],
    ],
    [
      "tenants/",
      (tiny) => join(tiny.sites, TENANTS),
      [whole(TENANTS, /^expected a directory of tenant files that can be listed, found a path that cannot be read \(permission denied\)$/)],
    ],
  ];
  (asRoot ? test.skip : test).each(unreadable)("%s unreadable (chmod 000) is refused (skipped as root)", (_, path, errors) => {
    const tiny = pinnedTiny();
    chmodSync(path(tiny), 0o000);
    try {
      refuses(tiny, errors);
    } finally {
      chmodSync(path(tiny), 0o755);
    }
  });

  // Through the loader only: synth itself lists the sites directory first (cli/synth.ts).
  (asRoot ? test.skip : test)("the sites directory unreadable (chmod 000) is refused by the loader (skipped as root)", () => {
    const sites = pinnedTiny().sites;
    chmodSync(sites, 0o000);
    try {
      expect(() => load(sites)).toThrow(
        /expected a directory of sites that can be listed, found a path that cannot be read \(permission denied\)/,
      );
    } finally {
      chmodSync(sites, 0o755);
    }
  });
});

/** [what lies in the sites tree, how it gets there, the warning it is skipped with: file and message] */
type Skipped = [what: string, make: (sites: string) => void, file: string, message: RegExp];

const SKIPPED: Skipped[] = [
  [
    "an editor's backup alpha.yaml.bak",
    (s) => cpSync(join(s, ALPHA), join(s, `${ALPHA}.bak`)),
    `${ALPHA}.bak`,
    /^skipped: not a \.yaml or \.yml file$/,
  ],
  ["alpha.yaml~", (s) => cpSync(join(s, ALPHA), join(s, `${ALPHA}~`)), `${ALPHA}~`, /^skipped: not a \.yaml or \.yml file$/],
  [
    "vim's swap file .alpha.yaml.swp",
    (s) => cpSync(join(s, ALPHA), join(s, TENANTS, ".alpha.yaml.swp")),
    `${TENANTS}/.alpha.yaml.swp`,
    /^skipped: a hidden file \(an editor's swap or lock file\?\), not a tenant file$/,
  ],
  [
    "emacs's lock link .#alpha.yaml, which leads nowhere",
    (s) => symlinkSync("user@host.4242:1700000000", join(s, TENANTS, ".#alpha.yaml")),
    `${TENANTS}/.#alpha.yaml`,
    /^skipped: a hidden file/,
  ],
  [
    "notes.txt",
    (s) => writeFileSync(join(s, TENANTS, "notes.txt"), "call Alpha\n"),
    `${TENANTS}/notes.txt`,
    /^skipped: not a \.yaml or \.yml file$/,
  ],
  [
    "a FIFO named x.yaml",
    (s) => fifo(join(s, TENANTS, "x.yaml")),
    `${TENANTS}/x.yaml`,
    /^skipped: a FIFO \(named pipe\), not a regular file$/,
  ],
  [
    "a README.md in the sites directory",
    (s) => writeFileSync(join(s, "README.md"), "# sites\n"),
    "README.md",
    /^skipped: a file, not a site directory$/,
  ],
  ["an empty directory in the sites directory", (s) => mkdirSync(join(s, "drafts")), "drafts", /^skipped: no site\.yaml, so not a site$/],
];

describe("what is plainly not a spec file is skipped with a warning", () => {
  test.each(SKIPPED)("%s: skipped and said, the output unchanged", (_, make, file, message) => {
    const sites = copySites();
    make(sites);
    expect(load(sites).warnings).toEqual([{ file, line: 0, col: 0, pointer: "", message: expect.stringMatching(message) }]);
    synthesizesAsPlain(sites, [whole(file, message)]);
  });

  test("a failed load still carries the warnings", () => {
    const tiny = pinnedTiny();
    writeFileSync(join(tiny.sites, TENANTS, "notes.txt"), "call Alpha\n");
    writeFileSync(join(tiny.sites, SITE), "");
    try {
      load(tiny.sites);
      throw new Error("expected the load to fail");
    } catch (e) {
      expect((e as { warnings?: unknown }).warnings).toEqual([expect.objectContaining({ file: `${TENANTS}/notes.txt` })]);
    }
  });
});
