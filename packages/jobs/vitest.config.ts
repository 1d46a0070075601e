import { nodeTestConfig } from "@trustdesk/vitest-config";

export default nodeTestConfig({
  // The throwaway PostgreSQL of the run (or DATABASE_URL's server), from the db package's harness.
  globalSetup: ["../../packages/db/src/testing/global-setup.ts"],
});
