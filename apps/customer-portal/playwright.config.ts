import { defineTrustdeskE2eConfig } from "@trustdesk/playwright-config";

/**
 * The built API serving the built portal on port 3101, with its own embedded PostgreSQL on 54401.
 * Build first: `pnpm turbo run build --filter=@trustdesk/api... --filter=@trustdesk/customer-portal`.
 */
export default defineTrustdeskE2eConfig({ app: "customer-portal", port: 3101, pgPort: 54401 });
