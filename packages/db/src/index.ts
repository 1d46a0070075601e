export { type CreateDbOptions, createDb, type Db } from "./create-db.ts";
export { isDatabaseUnavailable } from "./database-unavailable.ts";
export { MigrationError, migrateToLatest, migrations } from "./migrate.ts";
export * from "./repositories/index.ts";
export * from "./schema.ts";
