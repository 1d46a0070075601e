import { startBackground } from "../background.ts";
import type { AppConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { prepareDatabase } from "../runtime.ts";

/**
 * `pnpm trustdesk worker`: a worker process on its own (run the API with WORKER=off, or beside it).
 * Any number of them, on any number of machines, share the work through the job queue in the same
 * PostgreSQL (the checkout's embedded one by default, or DATABASE_URL). SIGTERM/SIGINT: stop
 * fetching, let running jobs finish (15 s), and leave any still running to be retried elsewhere.
 */
export async function runWorker(config: AppConfig): Promise<number> {
  const log = createLogger(config.logLevel);
  const { db, deps, connectionString } = await prepareDatabase(config, log, "trustdesk-worker");
  const background = await startBackground(config, deps, connectionString, log);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, "worker stopping");
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  await background.stop();
  await db.destroy();
  log.info("worker stopped");
  return 0;
}
