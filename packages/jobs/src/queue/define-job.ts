import type { ServiceDeps } from "@trustdesk/services";
import type { z } from "zod";
import type { MailTransport } from "../mail/mail-transport.ts";
import type { JobQueue } from "./job-queue.ts";

/** What the worker's host logs through (pino fits); the jobs package never picks a logger itself. */
export interface JobLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Settings the host validated from its configuration (packages never read the environment). */
export interface WorkerSettings {
  /** Solved tickets close after this many days without a customer reply. */
  solvedTicketCloseDays: number;
  /** What the daily exposure scan reads (paths, `git:`/`dir:` paths, URLs); none: it does nothing. */
  exposureScanSources?: readonly string[];
  /** Accounts per dormancy chunk job (default 50,000). */
  dormancyChunkSize?: number;
  /** Delivery attempts before a mail is dead-lettered (the domain's `MAIL_RETRY.maxAttempts` by default). */
  mailMaxAttempts?: number;
}

/** Everything a handler may use: the services' deps, the mail transport, the host's settings and log. */
export interface WorkerDeps {
  services: ServiceDeps;
  mail: MailTransport;
  settings: WorkerSettings;
  log: JobLog;
}

export interface JobContext {
  deps: WorkerDeps;
  /** The queue this job runs on, to fan work out (e.g. one job per key range of a big scan). */
  queue: Pick<JobQueue, "enqueue">;
  /** Aborted when the worker stops: a long handler checks it between steps and returns early. */
  signal: AbortSignal;
  jobId: string;
  /** 0 for the first attempt, then 1, 2 … (pg-boss's retry count). */
  retryCount: number;
}

/**
 * When a job runs by itself, without anyone enqueueing it.
 * - `cron`: pg-boss's distributed cron (minute resolution): one job per tick across all workers.
 * - `everySeconds`: a throttled tick for passes that must run more often than once a minute. Every
 *   worker offers a job each period, and the queue keeps at most one per period (singletonKey +
 *   singletonSeconds) on a `stately` queue (one waiting, one running): a slow pass never piles up,
 *   a dead worker's ticks are simply offered by the others.
 */
export type JobSchedule = { cron: string; tz?: string } | { everySeconds: number };

export interface JobRunOptions {
  /** Retries after the first attempt (pg-boss `retryLimit`). Default 3. */
  retryLimit?: number;
  /** Seconds before the first retry; doubles with `retryBackoff` (default true). Default 5. */
  retryDelay?: number;
  retryBackoff?: boolean;
  retryDelayMax?: number;
  /**
   * How long a job may run before it is presumed lost (its worker died) and retried. Default 300 s.
   * A crashed worker's job comes back after this plus the queue's monitor interval.
   */
  expireInSeconds?: number;
  /** Jobs of this queue one worker process runs at once. Default 1. */
  localConcurrency?: number;
  /** Jobs fetched per poll; with more than 1 the worker keeps fetching while batches come back full. */
  batchSize?: number;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Queue name: lower-case words joined by dots or dashes, e.g. `mail.deliver-outbox`. */
  name: string;
  /** The payload's schema: checked when enqueued and again when run (a job outlives deploys). */
  schema: S;
  handler(data: z.output<S>, context: JobContext): Promise<unknown>;
  schedule?: JobSchedule;
  options?: JobRunOptions;
}

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/** One job kind. Register it by adding it to the list the worker is started with (see README). */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!NAME.test(definition.name)) {
    throw new Error(`job name "${definition.name}": use lower-case words joined by dots or dashes`);
  }
  const every = definition.schedule && "everySeconds" in definition.schedule;
  if (every && !(definition.schedule as { everySeconds: number }).everySeconds) {
    throw new Error(`job "${definition.name}": everySeconds must be at least 1`);
  }
  return definition;
}
