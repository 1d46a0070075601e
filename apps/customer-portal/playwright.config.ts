import { defineTrustdeskE2eConfig } from "@trustdesk/playwright-config";

/**
 * The built API serving the built portal, with its own embedded PostgreSQL and test inbox, all on
 * free ports. Build first: `pnpm turbo run build --filter=@trustdesk/api... --filter=@trustdesk/customer-portal`.
 */
export default defineTrustdeskE2eConfig({ app: "customer-portal" });
