import {
  type DevInbox,
  logTransport,
  type MailTransport,
  smtpTransport,
  startDevInbox,
  startWorker,
  TRUSTDESK_JOBS,
  type Worker,
} from "@trustdesk/jobs";
import type { ServiceDeps } from "@trustdesk/services";
import type { AppConfig } from "./config.ts";
import type { Logger } from "./logger.ts";

/**
 * Where mail goes: SMTP_URL when set (always in production); otherwise the dev inbox, over real
 * SMTP, whose page the log names at start-up; with DEV_INBOX=false, the log (bodies only outside
 * production — production cannot get here without SMTP).
 */
export async function mailTransport(
  config: AppConfig,
  log: Logger,
): Promise<{ transport: MailTransport; devInbox: DevInbox | null }> {
  if (config.smtpUrl) return { transport: smtpTransport(config.smtpUrl, config.mailFrom), devInbox: null };
  if (config.devInbox.enabled) {
    const devInbox = await startDevInbox(config.devInbox);
    log.info({ devInbox: devInbox.webUrl }, `dev inbox: every mail sent is at ${devInbox.webUrl}`);
    return { transport: smtpTransport(devInbox.smtpUrl, config.mailFrom), devInbox };
  }
  return {
    transport: logTransport((line, mail) => log.info({ mail }, line), { revealContent: !config.production }),
    devInbox: null,
  };
}

export interface Background {
  worker: Worker;
  devInbox: DevInbox | null;
  /** Stops fetching, lets running jobs finish (or leaves them to expire and be retried elsewhere). */
  stop(): Promise<void>;
}

/** A worker for every Trustdesk job, on the same database: in the API process or on its own. */
export async function startBackground(
  config: AppConfig,
  deps: ServiceDeps,
  connectionString: string,
  log: Logger,
): Promise<Background> {
  const { transport, devInbox } = await mailTransport(config, log);
  const jobLog = {
    info: (details: object, message: string) => log.info(details, message),
    // The database being away (restart, shutdown) is retried on the next pass: a warning.
    warn: (details: object, message: string) => log.warn(details, message),
    error: (details: object, message: string) => log.error(details, message),
  };
  const worker = await startWorker(
    {
      services: deps,
      mail: transport,
      settings: {
        solvedTicketCloseDays: config.solvedTicketCloseDays,
        exposureScanSources: config.exposureScanSources,
      },
      log: jobLog,
    },
    { connectionString, jobs: TRUSTDESK_JOBS, log: jobLog },
  );
  log.info({ queues: worker.queues }, "worker running");
  return {
    worker,
    devInbox,
    async stop() {
      await worker.stop({ graceful: true, timeoutMs: 15_000 });
      transport.close();
      await devInbox?.stop();
    },
  };
}
