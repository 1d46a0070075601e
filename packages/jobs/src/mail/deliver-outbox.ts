import { claimDueMails, type Db, markMailFailed, markMailSent, releaseClaimedMail } from "@trustdesk/db";
import { afterFailedDelivery, MAIL_RETRY } from "@trustdesk/domain";
import type { MailTransport } from "./mail-transport.ts";

export interface DeliverOutboxOptions {
  batchSize?: number;
  /** How long a claimed mail stays invisible to other workers before it is retried. */
  leaseSeconds?: number;
  /** Attempts before a mail is given up; the domain's `MAIL_RETRY.maxAttempts` by default. */
  maxAttempts?: number;
  /** Once aborted (the worker stops), mails claimed but not yet sent are handed back at once. */
  signal?: AbortSignal;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * One pass over the outbox: claim due mails, send each, record the outcome. At-least-once: a
 * process that dies after sending but before marking leaves the mail to be sent again after the
 * lease, never lost. Safe to run in any number of processes at once. After `maxAttempts` failed
 * attempts a mail is dead-lettered (`failed`): it stays for an admin to see and retry.
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
    if (options.signal?.aborted) {
      // Not attempted: give the claim back (and the attempt it counted) so another worker sends it now.
      await releaseClaimedMail(db, mail.id);
      continue;
    }
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
