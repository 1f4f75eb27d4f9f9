import { HttpBackend, LocalBackend, NamedRemoteWorkspace, PgBackend, RemoteBackend, S3Backend, type TerraformStack } from "cdktf";
import type { StateBackend } from "../spec/types";

/** Default state directory, relative to the stack directory (<out>/stacks/<stack>): beside the output. */
export const DEFAULT_LOCAL_STATE_DIR = "../../../terraform-state";

/** Where the pg backend's state lives: server, port, database, TLS mode and schema prefix. */
type PgConnection = NonNullable<StateBackend["pg"]>;

/** A site without `state:` keeps local state (the loader refuses that for production sites). */
const LOCAL_STATE: StateBackend = { backend: "local", remoteWorkspacePrefix: "" };

/**
 * Gives a stack its own state. Keys are derived from site and stack; no credential is ever written:
 * they come at plan time from PGUSER/PGPASSWORD, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
 * TF_HTTP_USERNAME/TF_HTTP_PASSWORD or TF_TOKEN_<host>. The loader has already refused local state
 * for a production site.
 */
export function configureStateBackend(
  stack: TerraformStack,
  { siteName, stackName, state = LOCAL_STATE }: { siteName: string; stackName: string; state?: StateBackend },
): void {
  switch (state.backend) {
    case "local":
      // A relative path: bytes do not depend on the checkout, and state survives re-synthesis.
      new LocalBackend(stack, { path: `${state.localDir ?? DEFAULT_LOCAL_STATE_DIR}/${stackName}.tfstate` });
      return;
    case "pg":
      new PgBackend(stack, {
        connStr: pgConnectionString(state.pg),
        schemaName: `${state.pg.schemaPrefix ?? ""}${stackName.replace(/-/g, "_")}`,
      });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: state.s3Bucket,
        key: `${siteName}/${stackName}.tfstate`,
        region: state.s3Region,
        encrypt: true,
        ...(state.s3Endpoint
          ? {
              endpoints: { s3: state.s3Endpoint },
              usePathStyle: true,
              skipCredentialsValidation: true,
              skipRegionValidation: true,
              skipRequestingAccountId: true,
              skipMetadataApiCheck: true,
            }
          : {}),
      });
      // Locking with a lock object in the bucket: on-premises S3 has no DynamoDB, and cdktf 0.21 lacks the option.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
    case "http": {
      const address = `${state.httpAddress.replace(/\/$/, "")}/${siteName}/${stackName}`;
      new HttpBackend(stack, { address, lockAddress: address, unlockAddress: address });
      return;
    }
    case "remote":
      new RemoteBackend(stack, {
        hostname: state.remoteHostname,
        organization: state.remoteOrganization,
        workspaces: new NamedRemoteWorkspace(`${state.remoteWorkspacePrefix}${stackName}`),
      });
      return;
  }
}

/**
 * The pg backend's connection string, built from its parts so it has no place for a user name or
 * password (libpq reads PGUSER and PGPASSWORD at plan time). The port appears only when written.
 */
export function pgConnectionString({ host, port, database, sslMode }: PgConnection): string {
  return `postgres://${host}${port === undefined ? "" : `:${port}`}/${encodeURIComponent(database)}?sslmode=${sslMode}`;
}
