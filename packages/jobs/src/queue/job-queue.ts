import { type Executor, isDatabaseUnavailable } from "@trustdesk/db";
import { fromKysely, PgBoss, type SendOptions } from "pg-boss";
import type { z } from "zod";
import type { JobDefinition, JobLog, WorkerDeps } from "./define-job.ts";

/** pg-boss keeps its tables in a schema of its own, created and migrated by pg-boss itself. */
export const QUEUE_SCHEMA = "pgboss";

export interface JobQueueOptions {
  /** The same PostgreSQL the API uses (embedded or external): the queue lives beside the data. */
  connectionString: string;
  /** Every job kind this process knows; the worker runs all of them. */
  jobs: readonly JobDefinition[];
  log: JobLog;
  /** pg-boss's own pool (it polls and keeps one LISTEN connection); small on purpose. Default 4. */
  maxConnections?: number;
  /**
   * How often pg-boss looks for jobs whose worker died (expired) and for due cron ticks. Default
   * 10 s: a crashed worker's job is retried within about `expireInSeconds` + this. pg-boss's own
   * default (60 s) is tuned for large fleets.
   */
  monitorIntervalSeconds?: number;
  /** Test runs only: a schema of its own (several queues in one database). */
  schema?: string;
}

export interface EnqueueOptions {
  /** Do not run before this (a date, or seconds from now). */
  startAfter?: Date | number;
  /** At most one job with this key per `singletonSeconds` (throttling), or one queued at all. */
  singletonKey?: string;
  singletonSeconds?: number;
}

/** Only enqueues (the API process with `WORKER=off`); `startWorker` adds the workers. */
export interface JobQueue {
  /**
   * Enqueues `job` inside the caller's transaction (`trx`), so the job exists only if the change
   * that caused it commits; pass the pool (`db`) outside a transaction. The payload is checked
   * against the job's schema first: a bad payload is a bug of the caller, not of a later run.
   * Returns the job id, or null when throttling/`singletonKey` kept it out.
   */
  enqueue<S extends z.ZodType>(
    trx: Executor,
    job: JobDefinition<S>,
    data: z.input<S>,
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** The pg-boss instance, for tests and tools (counts, schedules). */
  readonly boss: PgBoss;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

export interface Worker extends JobQueue {
  /** Queue names this worker serves. */
  readonly queues: readonly string[];
}

function newBoss(options: JobQueueOptions, worker: boolean): PgBoss {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? QUEUE_SCHEMA,
    max: options.maxConnections ?? 4,
    application_name: worker ? "trustdesk-worker" : "trustdesk-queue",
    // Only workers maintain the queue (expiry of lost jobs, retention) and fire cron; a process that
    // only enqueues needs neither. pg-boss elects one supervisor among many with advisory locks.
    supervise: worker,
    schedule: worker,
    migrate: true,
    // The supervisor's pass (which runs the monitor) has its own, longer default: align both.
    monitorIntervalSeconds: options.monitorIntervalSeconds ?? 10,
    superviseIntervalSeconds: options.monitorIntervalSeconds ?? 10,
    useListenNotify: worker,
  });
  // pg-boss reports connection loss and handler errors as events; an unhandled `error` event would
  // end the process, and a database restart must not.
  const quiet = quietLog(options.log);
  boss.on("error", (err) => quiet("job queue error", err));
  return boss;
}

async function createQueues(boss: PgBoss, jobs: readonly JobDefinition[]): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const job of jobs) {
    const o = job.options ?? {};
    const settings = {
      retryLimit: o.retryLimit ?? 3,
      retryDelay: o.retryDelay ?? 5,
      retryBackoff: o.retryBackoff ?? true,
      ...(o.retryDelayMax ? { retryDelayMax: o.retryDelayMax } : {}),
      expireInSeconds: o.expireInSeconds ?? 300,
      // A scheduled pass is worth nothing once the next one is due: keep finished ones an hour.
      deleteAfterSeconds: job.schedule ? 3600 : 7 * 86_400,
    };
    if (existing.has(job.name)) {
      // Settings follow the code on every start, so a changed retry policy takes effect.
      await boss.updateQueue(job.name, settings);
    } else {
      try {
        await boss.createQueue(job.name, {
          ...settings,
          // Scheduled passes: one waiting and one running at most (see JobSchedule).
          policy: job.schedule ? "stately" : "standard",
          notify: true,
        });
      } catch (error) {
        // Two processes starting at once: the other one created it.
        if (!(await boss.getQueue(job.name))) throw error;
      }
    }
  }
}

function queueFacade(boss: PgBoss, jobs: readonly JobDefinition[]) {
  const known = new Set(jobs.map((j) => j.name));
  return {
    boss,
    async enqueue<S extends z.ZodType>(
      trx: Executor,
      job: JobDefinition<S>,
      data: z.input<S>,
      options: EnqueueOptions = {},
    ): Promise<string | null> {
      if (!known.has(job.name)) throw new Error(`job "${job.name}" is not registered with this queue`);
      const payload = job.schema.parse(data) as object;
      const send: SendOptions = { db: fromKysely(trx) };
      if (options.startAfter !== undefined) send.startAfter = options.startAfter;
      if (options.singletonKey) send.singletonKey = options.singletonKey;
      if (options.singletonSeconds) send.singletonSeconds = options.singletonSeconds;
      return boss.send(job.name, payload, send);
    },
  };
}

/** Opens the queue for enqueueing only (no workers, no maintenance, no cron). */
export async function openJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const boss = newBoss(options, false);
  await boss.start();
  await createQueues(boss, options.jobs);
  return {
    ...queueFacade(boss, options.jobs),
    async stop() {
      await boss.stop({ graceful: false, close: true });
    },
  };
}

export interface StartWorkerOptions extends JobQueueOptions {
  /** Run only these queues (default: every job in `jobs`). */
  only?: readonly string[];
  /** Base polling interval, the backstop when LISTEN/NOTIFY is unavailable. Default 2 s. */
  pollingIntervalSeconds?: number;
}

/**
 * Starts a worker process's share of the work: every registered job, its schedule, and pg-boss's
 * maintenance. Any number of workers on any number of machines can run against one database; each
 * job runs once (pg-boss claims with SKIP LOCKED), and a job whose worker died is retried after
 * its expiry. `stop()` stops fetching, waits for running jobs (up to `timeoutMs`), and leaves any
 * still running to be retried by another worker after their expiry.
 */
export async function startWorker(deps: WorkerDeps, options: StartWorkerOptions): Promise<Worker> {
  const boss = newBoss(options, true);
  await boss.start();
  await createQueues(boss, options.jobs);
  const running = options.jobs.filter((j) => !options.only || options.only.includes(j.name));
  const stopping = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const offerFailed = quietLog(deps.log);
  const facade = queueFacade(boss, options.jobs);

  for (const job of running) {
    const o = job.options ?? {};
    const batchSize = o.batchSize ?? 1;
    await boss.work<unknown>(
      job.name,
      {
        batchSize,
        localConcurrency: o.localConcurrency ?? 1,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        notifyPollingIntervalSeconds: 30,
        ...(batchSize > 1 ? { burstWhenBatchFull: true } : {}),
      },
      async (batch) => {
        // One failing job fails the batch (pg-boss retries the batch's jobs): handlers are idempotent.
        for (const item of batch) {
          const parsed = job.schema.safeParse(item.data ?? {});
          if (!parsed.success) {
            // A payload that no longer fits the code will not fit on a retry either.
            deps.log.error(
              { job: job.name, id: item.id, issues: parsed.error.issues },
              "job payload rejected",
            );
            continue;
          }
          const signal = AbortSignal.any([item.signal, stopping.signal]);
          try {
            await job.handler(parsed.data, {
              deps,
              queue: facade,
              signal,
              jobId: item.id,
              retryCount: item.retryCount,
            });
          } catch (err) {
            // pg-boss records the failure and retries per the queue's policy; the log says why.
            if (isDatabaseUnavailable(err)) {
              deps.log.warn(
                { job: job.name, code: (err as { code?: string }).code },
                "job paused: database unavailable",
              );
            } else {
              const e = err as Error;
              deps.log.error(
                {
                  job: job.name,
                  id: item.id,
                  retryCount: item.retryCount,
                  error: e?.message,
                  stack: e?.stack,
                },
                "job failed",
              );
            }
            throw err;
          }
        }
      },
    );
    if (job.schedule && "cron" in job.schedule) {
      await boss.schedule(job.name, job.schedule.cron, {}, job.schedule.tz ? { tz: job.schedule.tz } : {});
    } else if (job.schedule) {
      const seconds = job.schedule.everySeconds;
      const offer = () =>
        boss
          .send(job.name, {}, { singletonKey: job.name, singletonSeconds: seconds })
          .catch((err: unknown) => offerFailed(`could not offer a scheduled job (${job.name})`, err));
      void offer();
      const timer = setInterval(offer, seconds * 1000);
      timer.unref();
      timers.push(timer);
    }
  }

  let stopped: Promise<void> | undefined;
  return {
    ...facade,
    queues: running.map((j) => j.name),
    stop(stopOptions = {}) {
      stopped ??= (async () => {
        for (const t of timers) clearInterval(t);
        stopping.abort();
        await boss.stop({
          graceful: stopOptions.graceful ?? true,
          timeout: stopOptions.timeoutMs ?? 20_000,
          close: true,
        });
      })();
      return stopped;
    },
  };
}

/** Kept here for the jobs' callers; the one definition is the database package's. */
export { isDatabaseUnavailable };

/**
 * While the database is away (a restart), pg-boss's pollers and the ticks fail every second or so:
 * one line per kind of failure every 30 s, with the code and message only (a pg error carries its
 * whole client), instead of a flood.
 */
function quietLog(log: JobLog): (message: string, error: unknown) => void {
  const last = new Map<string, number>();
  return (message, error) => {
    const e = error as { code?: string; message?: string } | null;
    const key = `${message}|${e?.code ?? e?.message ?? ""}`;
    const now = Date.now();
    if ((last.get(key) ?? 0) > now - 30_000) return;
    last.set(key, now);
    const details = { code: e?.code, error: e?.message ?? String(error) };
    if (isDatabaseUnavailable(error)) log.warn(details, `${message}: database unavailable`);
    else log.error(details, message);
  };
}
