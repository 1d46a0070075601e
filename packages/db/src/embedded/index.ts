export { type PostgresBinaries, platformPackageName, resolvePostgresBinaries } from "./binaries.ts";
export { EmbeddedPostgresError, type EmbeddedPostgresErrorCode } from "./errors.ts";
export {
  EMBEDDED_HOST,
  EMBEDDED_USER,
  type EmbeddedPostgres,
  type EmbeddedPostgresStatus,
  type EnsureEmbeddedPostgresOptions,
  embeddedConnectionString,
  embeddedPostgresStatus,
  ensureEmbeddedPostgres,
  stopEmbeddedPostgres,
} from "./supervisor.ts";
