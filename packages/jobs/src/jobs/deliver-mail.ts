import { z } from "zod";
import { deliverOutbox } from "../mail/deliver-outbox.ts";
import { defineJob } from "../queue/define-job.ts";

const BATCH = 20;

/**
 * Drains the mail outbox. The outbox rows are the per-mail state (attempts, backoff, dead letter,
 * last error — what the admin page shows), written by services in their own transactions; this job
 * is the pass that works them, offered every second and run by one worker at a time.
 */
export const deliverMailJob = defineJob({
  name: "mail.deliver-outbox",
  schema: z.object({}),
  schedule: { everySeconds: 1 },
  // A pass that throws (database away) is simply the next tick's work: no retries pile up.
  options: { retryLimit: 0, expireInSeconds: 300 },
  async handler(_data, { deps, signal }) {
    let sent = 0;
    for (;;) {
      const report = await deliverOutbox(deps.services.db, deps.mail, {
        batchSize: BATCH,
        signal,
        ...(deps.settings.mailMaxAttempts ? { maxAttempts: deps.settings.mailMaxAttempts } : {}),
      });
      sent += report.sent;
      if (report.claimed < BATCH || signal.aborted) return { sent };
    }
  },
});
