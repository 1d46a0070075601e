import { defineTrustdeskE2eConfig } from "@trustdesk/playwright-config";

/**
 * The built API serving the built dashboard (at /agent/) on port 3102, with its own embedded
 * PostgreSQL on 54402.
 * Build first: `pnpm turbo run build --filter=@trustdesk/api... --filter=@trustdesk/agent-dashboard`.
 */
export default defineTrustdeskE2eConfig({ app: "agent-dashboard", port: 3102, pgPort: 54402 });
