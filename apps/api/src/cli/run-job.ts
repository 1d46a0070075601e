import { openJobQueue, TRUSTDESK_JOBS } from "@trustdesk/jobs";
import { mailTransport } from "../background.ts";
import type { AppConfig } from "../config.ts";
import { migrate, openDatabase } from "../database.ts";
import type { Logger } from "../logger.ts";
import { serviceDeps } from "../runtime.ts";

export const RUN_JOB_HELP = `  job:run NAME [JSON]
                 run one background job once in this process and print its summary, e.g.
                 job:run tickets.age-alarms; job:run exposure.scan '{"sources":["git:/srv/repo"]}'
                 (the long scans also have their own commands with a progress bar:
                 dormancy-scan, exposure-scan); job:run with no name lists the jobs`;

/**
 * `pnpm trustdesk job:run NAME [JSON]`: one job's handler, once, here — the same code the worker
 * runs, for an operator who wants a pass now (mail stuck behind a schedule, an alarm sweep after a
 * deploy). Jobs that fan out (the dormancy scan's plan) enqueue their parts for the workers.
 */
export async function runJobOnce(config: AppConfig, log: Logger, args: string[]): Promise<number> {
  const [name, json] = args;
  const job = TRUSTDESK_JOBS.find((j) => j.name === name);
  if (!job) {
    console.error(
      `${name ? `No job named "${name}". ` : ""}Jobs:\n${TRUSTDESK_JOBS.map((j) => `  ${j.name}`).join("\n")}`,
    );
    return name ? 64 : 0;
  }
  let input: unknown = {};
  try {
    input = json ? JSON.parse(json) : {};
  } catch {
    console.error("The job's data must be JSON, e.g. '{}'.");
    return 64;
  }
  const data = job.schema.safeParse(input);
  if (!data.success) {
    console.error(data.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("\n"));
    return 64;
  }
  const jobLog = {
    info: (details: object, message: string) => log.info(details, message),
    warn: (details: object, message: string) => log.warn(details, message),
    error: (details: object, message: string) => log.error(details, message),
  };
  const { db, connectionString } = await openDatabase(config, log, "trustdesk-cli");
  const { transport, devInbox } = await mailTransport(config, log);
  const queue = await openJobQueue({ connectionString, jobs: TRUSTDESK_JOBS, log: jobLog });
  try {
    await migrate(db, log);
    const started = performance.now();
    process.stderr.write(`Running ${job.name}…\n`);
    const result = await job.handler(data.data, {
      deps: {
        services: serviceDeps(db, config),
        mail: transport,
        settings: {
          solvedTicketCloseDays: config.solvedTicketCloseDays,
          exposureScanSources: config.exposureScanSources,
        },
        log: jobLog,
      },
      queue,
      signal: new AbortController().signal,
      jobId: "command-line",
      retryCount: 0,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${job.name} done in ${seconds} s:\n${JSON.stringify(result ?? null, null, 2)}`);
    return 0;
  } finally {
    await queue.stop({ graceful: false });
    transport.close();
    await devInbox?.stop();
    await db.destroy();
  }
}
