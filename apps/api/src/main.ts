import type { Server } from "node:http";
import { join } from "node:path";
import { stopEmbeddedPostgres } from "@trustdesk/db/embedded";
import { createApp } from "./app.ts";
import { startBackground } from "./background.ts";
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
  const { db, deps, connectionString, startedEmbedded } = await prepareDatabase(config, log, "trustdesk-api");

  // The background jobs (mail delivery, sign-up/reset requests, ticket housekeeping and alarms) run
  // on the job queue. By default this process hosts a worker, so one command starts everything;
  // with WORKER=off it only serves HTTP and separate `pnpm trustdesk worker` processes do the work.
  const background =
    config.worker === "embedded" ? await startBackground(config, deps, connectionString, log) : null;
  if (!background) log.info("WORKER=off: background jobs run in separate worker processes");

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
    {
      url: `http://${config.host}:${port}/`,
      agent: `http://${config.host}:${port}/agent/`,
      ...(background?.devInbox ? { devInbox: background.devInbox.webUrl } : {}),
    },
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
      await background?.stop();
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

main().catch((error) => {
  console.error(error instanceof Error ? `Trustdesk could not start: ${error.message}` : error);
  process.exit(1);
});
