import { nodeTestConfig } from "@trustdesk/vitest-config";

export default nodeTestConfig({
  // One throwaway PostgreSQL per run (or DATABASE_URL's server) with a migrated template.
  globalSetup: ["./src/testing/global-setup.ts"],
});
