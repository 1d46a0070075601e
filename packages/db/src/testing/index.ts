/**
 * The test harness (`@trustdesk/db/testing`): per-file databases copied from a migrated template
 * on the server that `global-setup.ts` starts once per vitest run. Test code only.
 */
export type { TestDatabaseServer } from "./context.ts";
export { withDatabase } from "./context.ts";
export {
  type CreateTestDatabaseOptions,
  createTestDatabase,
  type TestDatabase,
  testDatabaseServer,
} from "./create-test-database.ts";
export { freePort, startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";
