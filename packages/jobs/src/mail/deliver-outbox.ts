import { claimDueMails, type Db, markMailFailed, markMailSent } from "@trustdesk/db";
import { afterFailedDelivery, MAIL_RETRY } from "@trustdesk/domain";
import type { MailTransport } from "./mail-transport.ts";

export interface DeliverOutboxOptions {
  batchSize?: number;
  /** How long a claimed mail stays invisible to other workers before it is retried. */
  leaseSeconds?: number;
  /** Attempts before a mail is given up; the domain's `MAIL_RETRY.maxAttempts` by default. */
  maxAttempts?: number;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * One pass over the outbox: claim due mails, send each, record the outcome. At-least-once: a
 * process that dies after sending but before marking leaves the mail to be sent again after the
 * lease, never lost. Safe to run in any number of processes at once.
 */
export async function deliverOutbox(
  db: Db,
  transport: MailTransport,
  options: DeliverOutboxOptions = {},
): Promise<DeliveryReport> {
  const claimed = await claimDueMails(db, options.batchSize ?? 20, options.leaseSeconds ?? 120);
  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    try {
      await transport.send({ id: mail.id, to: mail.to_address, subject: mail.subject, text: mail.text_body });
      await markMailSent(db, mail.id);
      sent++;
    } catch (error) {
      // `attempts` already counts this one (the claim added it).
      const decision = afterFailedDelivery(mail.attempts, options.maxAttempts ?? MAIL_RETRY.maxAttempts);
      await markMailFailed(db, mail.id, { ...decision, error: (error as Error).message ?? String(error) });
      failed++;
    }
  }
  return { claimed: claimed.length, sent, failed };
}

export interface OutboxPoller {
  stop(): Promise<void>;
}

/** Polls the outbox every `intervalMs` until stopped; a pass that fails is logged and retried later. */
export function startOutboxPoller(
  db: Db,
  transport: MailTransport,
  options: DeliverOutboxOptions & { intervalMs?: number; onError?: (error: unknown) => void } = {},
): OutboxPoller {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const pass = async () => {
    try {
      let report: DeliveryReport;
      do report = await deliverOutbox(db, transport, options);
      while (!stopped && report.claimed === (options.batchSize ?? 20));
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().then(schedule);
    }, options.intervalMs ?? 1000);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
