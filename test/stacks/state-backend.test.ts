import { join } from "node:path";
import { copySites, edit, loadErrors, runSynth, sharedSynth, stackJson, tempDir, TINY_SYNTH_EXIT } from "../helpers";
import { reportsOnly, SITE, type Change, type Mistake } from "../spec-error-matchers";

function synthWithState(state: string): { vsphere: Record<string, any>; tenant: Record<string, any>; text: string } {
  const sites = copySites();
  edit(sites, "tiny/site.yaml", "state:\n  backend: local\n", state);
  const out = join(tempDir(), "out");
  const result = runSynth(["--sites", sites, "--out", out]);
  expect(result.stderr).toBe("");
  const vsphere = stackJson(out, "tiny-vsphere");
  const tenant = stackJson(out, "tiny-alpha");
  return { vsphere, tenant, text: JSON.stringify([vsphere.terraform.backend, tenant.terraform.backend]) };
}

describe("per-stack state", () => {
  test("local state by default, on a relative path beside the output, one file per stack", () => {
    const { vsphere, tenant } = synthWithState("");
    expect(vsphere.terraform.backend).toEqual({ local: { path: "../../../terraform-state/tiny-vsphere.tfstate" } });
    expect(tenant.terraform.backend).toEqual({ local: { path: "../../../terraform-state/tiny-alpha.tfstate" } });
  });

  test("pg: the connection string is built from host, database and TLS mode, with no user or password; one schema per stack", () => {
    const { vsphere, tenant, text } = synthWithState("state:\n  backend: pg\n  pg: { host: tfstate.tiny.example, database: terraform }\n");
    expect(vsphere.terraform.backend.pg).toEqual({
      conn_str: "postgres://tfstate.tiny.example/terraform?sslmode=verify-full",
      schema_name: "tiny_vsphere",
    });
    expect(tenant.terraform.backend.pg.schema_name).toBe("tiny_alpha");
    expect(text).not.toMatch(/password|access_key|secret_key|token|@/i);
  });

  test("pg: a written port and TLS mode go into the connection string, a schema prefix before each stack's schema", () => {
    const { vsphere, tenant } = synthWithState(
      "state:\n  backend: pg\n  pg: { host: 10.0.20.30, port: 6432, database: room_state, schemaPrefix: room_, sslMode: verify-ca }\n",
    );
    expect(vsphere.terraform.backend.pg).toEqual({
      conn_str: "postgres://10.0.20.30:6432/room_state?sslmode=verify-ca",
      schema_name: "room_tiny_vsphere",
    });
    expect(tenant.terraform.backend.pg.schema_name).toBe("room_tiny_alpha");
  });

  test("pg: the kvistrup example's connection string is what its old pgHost said, byte for byte", () => {
    const { out } = sharedSynth("examples");
    for (const stack of ["kvistrup-facility", "kvistrup-vsphere", "kvistrup-firewall"]) {
      expect(stackJson(out, stack).terraform.backend.pg).toEqual({
        conn_str: "postgres://tfstate.kvistrup.dk/terraform?sslmode=verify-full",
        schema_name: stack.replace(/-/g, "_"),
      });
    }
  });

  test("s3: a key per site and stack, lock file in the bucket, no access keys", () => {
    const { vsphere, text } = synthWithState(
      "state:\n  backend: s3\n  s3Bucket: tfstate\n  s3Region: us-east-1\n  s3Endpoint: https://minio.tiny.example\n",
    );
    expect(vsphere.terraform.backend.s3).toMatchObject({
      bucket: "tfstate",
      key: "tiny/tiny-vsphere.tfstate",
      use_lockfile: true,
      encrypt: true,
      use_path_style: true,
    });
    expect(text).not.toMatch(/access_key|secret_key|token/i);
  });

  test("http: an address per site and stack, no user name or password", () => {
    const { tenant, text } = synthWithState("state:\n  backend: http\n  httpAddress: https://state.tiny.example/tf/\n");
    expect(tenant.terraform.backend.http.address).toBe("https://state.tiny.example/tf/tiny/tiny-alpha");
    expect(text).not.toMatch(/username|password/i);
  });

  test("remote: a workspace per stack, no token", () => {
    const { vsphere, text } = synthWithState(
      "state:\n  backend: remote\n  remoteHostname: tfe.tiny.example\n  remoteOrganization: tiny\n  remoteWorkspacePrefix: room-\n",
    );
    expect(vsphere.terraform.backend.remote).toEqual({
      hostname: "tfe.tiny.example",
      organization: "tiny",
      workspaces: { name: "room-tiny-vsphere" },
    });
    expect(text).not.toMatch(/token/i);
  });

  test("a production site may not keep local state", () => {
    const sites = copySites();
    edit(sites, "tiny/site.yaml", "environment: test", "environment: production");
    const [error] = loadErrors(sites);
    expect(error).toMatchObject({ file: "tiny/site.yaml", pointer: "/state/backend" });
    expect(error.message).toMatch(/production site may not keep Terraform state locally/);
  });

  test("each backend names what it needs", () => {
    const sites = copySites();
    edit(sites, "tiny/site.yaml", "state:\n  backend: local\n", "state:\n  backend: s3\n");
    const messages = loadErrors(sites).map((e) => `${e.pointer}: ${e.message}`);
    expect(messages).toEqual(['/state/s3Bucket: missing required field "s3Bucket"', '/state/s3Region: missing required field "s3Region"']);
  });
});

/** The tiny site's local state replaced by `lines`. */
function state(lines: string): Change {
  return [SITE, "state:\n  backend: local\n", `state:\n${lines}`];
}

const S3 = "  backend: s3\n  s3Bucket: tfstate\n  s3Region: us-east-1\n";
const HTTPS_URL =
  /^expected an https URL without user name, password, query or fragment, such as https:\/\/state\.example\.org\/terraform, found /;
const HOST = /^expected a host name or IPv4 address such as host\.example\.org, without scheme, user, port or path, found /;

describe("state backend fields take only what cannot carry a credential", () => {
  test.each<Mistake>([
    [
      "the retired pgHost: what to write instead, at the key, and no second error for the missing pg",
      state("  backend: pg\n  pgHost: postgres://tfstate.tiny.example/terraform?sslmode=verify-full\n"),
      [SITE, "pgHost:", "pgHost"],
      "/state/pgHost",
      /^retired field "pgHost": write pg: \{ host, port, database, sslMode \} instead, .*credentials come from PGUSER\/PGPASSWORD at plan time$/,
    ],
    [
      "an s3 endpoint over plain http",
      state(`${S3}  s3Endpoint: http://s3.tiny.example\n`),
      [SITE, "s3Endpoint: http", "http"],
      "/state/s3Endpoint",
      HTTPS_URL,
    ],
    [
      "an s3 endpoint with a query",
      state(`${S3}  s3Endpoint: https://s3.tiny.example/?region=us-east-1\n`),
      [SITE, "s3Endpoint: https", "https"],
      "/state/s3Endpoint",
      HTTPS_URL,
    ],
    [
      "an http address with a fragment",
      state("  backend: http\n  httpAddress: https://state.tiny.example/tf#main\n"),
      [SITE, "httpAddress: https", "https"],
      "/state/httpAddress",
      HTTPS_URL,
    ],
    [
      "a pg host written as a URL",
      state("  backend: pg\n  pg: { host: postgres://tfstate.tiny.example, database: terraform }\n"),
      [SITE, "host: postgres", "postgres"],
      "/state/pg/host",
      HOST,
    ],
    [
      "a pg host with a port",
      state('  backend: pg\n  pg: { host: "tfstate.tiny.example:5432", database: terraform }\n'),
      [SITE, 'host: "tfstate', '"tfstate'],
      "/state/pg/host",
      HOST,
    ],
    [
      "a pg database with a path in it",
      state("  backend: pg\n  pg: { host: tfstate.tiny.example, database: terraform/state }\n"),
      [SITE, "database: terraform/", "terraform/"],
      "/state/pg/database",
      /^expected a database name of at most 63 letters, digits, _ and -, starting with a letter or _, found "terraform\/state"$/,
    ],
    [
      "pg without TLS",
      state("  backend: pg\n  pg: { host: tfstate.tiny.example, database: terraform, sslMode: disable }\n"),
      [SITE, "sslMode: disable", "disable"],
      "/state/pg/sslMode",
      /^expected one of "require", "verify-ca", "verify-full", found "disable"$/,
    ],
    [
      "pg with a user name field",
      state("  backend: pg\n  pg: { host: tfstate.tiny.example, database: terraform, user: tf }\n"),
      [SITE, "user: tf", "user"],
      "/state/pg/user",
      /^unknown field "user"; expected one of: host, port, database, schemaPrefix, sslMode$/,
    ],
    [
      "a remote hostname written as a URL",
      state("  backend: remote\n  remoteHostname: https://tfe.tiny.example\n  remoteOrganization: tiny\n"),
      [SITE, "remoteHostname: https", "https"],
      "/state/remoteHostname",
      HOST,
    ],
    [
      "a vCenter server written as a URL",
      [SITE, "  server: vcenter.tiny.example", "  server: https://vcenter.tiny.example/sdk"],
      [SITE, "server: https", "https"],
      "/vcenter/server",
      HOST,
    ],
    [
      "an NTP server with a port",
      [SITE, "ntp: [ntp1.tiny.example,", 'ntp: ["ntp1.tiny.example:123",'],
      [SITE, '"ntp1.tiny.example:123"'],
      "/ntp/0",
      HOST,
    ],
    [
      "a syslog host written as a URL",
      [SITE, "  - { host: syslog.tiny.example }", '  - { host: "tls://syslog.tiny.example" }'],
      [SITE, '"tls://syslog', '"tls'],
      "/syslog/0/host",
      HOST,
    ],
  ])("%s", reportsOnly);

  test("host fields take IPv4 addresses as well as host names", () => {
    const sites = copySites();
    edit(sites, "tiny/site.yaml", "  server: vcenter.tiny.example", "  server: 10.0.10.5");
    edit(sites, "tiny/site.yaml", "ntp: [ntp1.tiny.example, ntp2.tiny.example]", "ntp: [10.0.20.10, 10.0.20.11]");
    edit(sites, "tiny/site.yaml", "  - { host: syslog.tiny.example }", "  - { host: 10.0.20.12 }");
    const out = join(tempDir(), "out");
    expect(runSynth(["--sites", sites, "--out", out])).toMatchObject({ code: TINY_SYNTH_EXIT, stderr: "" });
  });
});
