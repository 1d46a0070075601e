import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDb } from "@trustdesk/db";
import { createTestDatabase } from "@trustdesk/db/testing";
import { defaultServiceConfig, type ServiceDeps } from "@trustdesk/services";
import { startTestDnsServer, type TestDnsServer } from "@trustdesk/services/testing";
import { createApp } from "../../src/app.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import type { PartnerKeySource } from "../../src/rest/secret-scanning-webhook.ts";

export const TEST_SECRET_KEY = "test-secret-key-0123456789abcdef-0123456789";

export interface TestServer {
  url: string;
  deps: ServiceDeps;
  /** The database's address, for a second instance over the same data (`sameDatabaseAs`). */
  connectionString: string;
  /**
   * The loopback DNS server sign-up vetting asks: every name receives mail (MX + A) unless a test
   * gives it a zone of its own (`dns.setZone("nomail.test", {})`).
   */
  dns: TestDnsServer;
  /** Moves the server's clock (expiry rules) without sleeping. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/**
 * The real Express app on a random loopback port over a fresh database from the harness. `portalDist`
 * serves a built portal (a directory with an `index.html`) for tests of the SPA routes.
 */
export async function startTestServer(
  options: {
    portalDist?: string;
    sameDatabaseAs?: TestServer;
    secretScanning?: PartnerKeySource;
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  // A second instance is another API process over the same database: its own pool, nothing shared
  // in memory, so whatever must hold across instances (rate limits, lockouts) has to hold in SQL.
  const shared = options.sameDatabaseAs;
  const database = shared
    ? {
        db: createDb({ connectionString: shared.connectionString, applicationName: "second-instance" }),
        connectionString: shared.connectionString,
        destroy: async () => {},
      }
    : await createTestDatabase();
  const dns = await startTestDnsServer({}, { fallback: { mx: ["mx.mail.test"], a: ["192.0.2.25"] } });
  let offset = 0;
  const deps: ServiceDeps = {
    db: database.db,
    now: () => new Date(Date.now() + offset),
    config: {
      ...defaultServiceConfig,
      secretKey: TEST_SECRET_KEY,
      publicUrl: "http://127.0.0.1",
      fastPasswordHashing: true,
      dns: { servers: dns.servers, timeoutMs: 1000 },
    },
  };
  const app = createApp(
    deps,
    {
      production: false,
      publicUrl: "http://127.0.0.1",
      secretKey: TEST_SECRET_KEY,
      cookieSecure: false,
      // Each test client presents its own address through X-Forwarded-For (see BrowserClient),
      // so per-IP rate limits apply per simulated user as they would behind a load balancer.
      trustProxy: true,
      portalDist: options.portalDist ?? "/nonexistent",
      dashboardDist: "/nonexistent",
      ...(options.secretScanning ? { secretScanning: options.secretScanning } : {}),
    },
    options.logger ?? createLogger("silent"),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    connectionString: database.connectionString,
    dns,
    advanceClock: (ms) => {
      offset += ms;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dns.close();
      if (shared) await database.db.destroy();
      else await database.destroy();
    },
  };
}
