import { join } from "node:path";
import { copySites, edit, loadErrors, runSynth, stackJson, tempDir } from "../helpers";

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

  test("pg: one schema per stack, no credential in the connection string", () => {
    const { vsphere, tenant, text } = synthWithState(
      "state:\n  backend: pg\n  pgHost: postgres://tfstate.tiny.example/terraform?sslmode=verify-full\n",
    );
    expect(vsphere.terraform.backend.pg).toEqual({
      conn_str: "postgres://tfstate.tiny.example/terraform?sslmode=verify-full",
      schema_name: "tiny_vsphere",
    });
    expect(tenant.terraform.backend.pg.schema_name).toBe("tiny_alpha");
    expect(text).not.toMatch(/password|access_key|secret_key|token/i);
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
