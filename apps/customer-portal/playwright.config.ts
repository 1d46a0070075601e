import { defineTrustdeskE2eConfig } from "@trustdesk/playwright-config";

/** The run's embedded PostgreSQL; the specs read the mails the API wrote from it (e2e/support/mailbox.ts). */
export const E2E_PG_PORT = 54401;

/**
 * The built API serving the built portal on port 3101, with its own embedded PostgreSQL on 54401.
 * Build first: `pnpm turbo run build --filter=@trustdesk/api... --filter=@trustdesk/customer-portal`.
 */
export default defineTrustdeskE2eConfig({ app: "customer-portal", port: 3101, pgPort: E2E_PG_PORT });
