import type { Server } from "node:http";
import { join } from "node:path";
import { stopEmbeddedPostgres } from "@trustdesk/db/embedded";
import {
  logTransport,
  smtpTransport,
  startAuthRequestPoller,
  startOutboxPoller,
  startTicketHousekeeping,
} from "@trustdesk/jobs";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { prepareDatabase } from "./runtime.ts";

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const { db, deps, startedEmbedded } = await prepareDatabase(config, log, "trustdesk-api");

  // Until a dedicated worker process exists, the API delivers the outbox itself: over SMTP when
  // configured, otherwise (development) by printing each mail to the log. Production cannot get
  // here without SMTP (loadConfig refuses), and the log transport would never print a body there.
  const transport = config.smtpUrl
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : logTransport((line, mail) => log.info({ mail }, line), { revealContent: !config.production });
  const outbox = startOutboxPoller(db, transport, {
    // The database being away (restart, shutdown) is retried on the next pass and shows in /readyz:
    // a warning. Anything else is a bug worth an error.
    onError: (err) =>
      isDatabaseUnavailable(err)
        ? log.warn({ code: (err as { code?: string }).code }, "outbox delivery paused: database unavailable")
        : log.error({ err }, "outbox delivery failed"),
  });

  // The sign-up and reset forms only queue requests (same answer for every address); this mails them.
  const authRequests = startAuthRequestPoller(deps, {
    onError: (err) =>
      isDatabaseUnavailable(err)
        ? log.warn(
            { code: (err as { code?: string }).code },
            "sign-up/reset requests paused: database unavailable",
          )
        : log.error({ err }, "working sign-up/reset requests failed"),
  });

  // Solved tickets close themselves after the configured days without a customer reply.
  const housekeeping = startTicketHousekeeping(deps, {
    closeAfterDays: config.solvedTicketCloseDays,
    onError: (err) =>
      isDatabaseUnavailable(err)
        ? log.warn(
            { code: (err as { code?: string }).code },
            "ticket housekeeping paused: database unavailable",
          )
        : log.error({ err }, "ticket housekeeping failed"),
  });

  const app = createApp(deps, config, log);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  }).catch((error: NodeJS.ErrnoException) => {
    log.fatal(
      { err: error },
      error.code === "EADDRINUSE"
        ? `port ${config.port} is already in use: set PORT to another one`
        : "could not listen",
    );
    process.exit(1);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log.info(
    { url: `http://${config.host}:${port}/`, agent: `http://${config.host}:${port}/agent/` },
    "Trustdesk is up",
  );

  // Graceful shutdown: stop accepting, let in-flight requests finish, then close the pool.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.warn("in-flight requests did not finish in 10 s; closing anyway");
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await authRequests.stop();
      await housekeeping.stop();
      await outbox.stop();
      await db.destroy();
      // A server started by a test runner owns the throwaway cluster it started; anyone else shares
      // the checkout's cluster, which outlives every process on purpose (`pnpm trustdesk db:stop`).
      if (config.exitWithParent && startedEmbedded)
        await stopEmbeddedPostgres(join(config.dataDir, "postgres"));
      clearTimeout(force);
      log.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  if (config.exitWithParent) {
    // For servers started by a test runner: once the runner is gone (we are re-parented), shut down.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) shutdown("parent exited");
    }, 1000).unref();
  }
}

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  // ECONNREFUSED/ECONNRESET: not listening; 57P01–57P03: admin shutdown, crash shutdown, starting up/shutting down.
  return (
    code === "ECONNREFUSED" ||
    code === "ECONNRESET" ||
    code === "57P01" ||
    code === "57P02" ||
    code === "57P03"
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? `Trustdesk could not start: ${error.message}` : error);
  process.exit(1);
});
