import type pg from "pg";
import type { SmtpSink } from "./smtp-sink.ts";

export interface MailCheck {
  /** Outbox rows looked at. */
  rows: number;
  /** Marked sent in the outbox… */
  sent: number;
  /** …and received exactly once by the SMTP server. */
  deliveredOnce: number;
  /** Marked sent but never received. */
  lost: number;
  /** Received more than once (any mail of the product, not only these rows). */
  doubled: number;
  /** Received with a Message-ID that is no outbox row. */
  unknown: number;
  /**
   * Claimed by a worker that was killed: invisible until the claim's 120 s lease ends, then sent
   * (at-least-once; if the dead worker had sent one before dying, that one arrives twice then).
   */
  leased: number;
  /** Neither sent nor leased: waiting for a retry, or dead-lettered. */
  unsent: number;
}

/** Outbox rows (`where`, SQL on mail_outbox) against what the harness's SMTP server received. */
export async function checkMail(db: pg.Pool, smtp: SmtpSink, where = "true"): Promise<MailCheck> {
  const { rows } = await db.query<{ id: string; status: string; leased: boolean }>(
    `select id::text, status,
            status = 'pending' and attempts > 0 and last_error is null and next_attempt_at > now() as leased
       from mail_outbox where ${where}`,
  );
  const all = new Set(
    (await db.query<{ id: string }>("select id::text from mail_outbox")).rows.map((r) => r.id),
  );
  const c: MailCheck = {
    rows: rows.length,
    sent: 0,
    deliveredOnce: 0,
    lost: 0,
    doubled: smtp.duplicates().length,
    unknown: [...smtp.received.keys()].filter((id) => !all.has(id)).length,
    leased: 0,
    unsent: 0,
  };
  for (const r of rows) {
    if (r.status === "sent") {
      c.sent++;
      const n = smtp.received.get(r.id) ?? 0;
      if (n === 1) c.deliveredOnce++;
      else if (n === 0) c.lost++;
    } else if (r.leased) c.leased++;
    else c.unsent++;
  }
  return c;
}

export function describeMail(c: MailCheck): string {
  const extra = [
    c.lost ? `${c.lost} marked sent but not received` : "",
    c.doubled ? `${c.doubled} received twice` : "",
    c.unknown ? `${c.unknown} received but not in the outbox` : "",
    c.leased ? `${c.leased} claimed by the killed worker, sent after their lease` : "",
    c.unsent ? `${c.unsent} not sent` : "",
  ].filter(Boolean);
  return `${c.rows} outbox mails, ${c.deliveredOnce} delivered exactly once${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

/** Problems in a mail check; leased mails are allowed only where a worker was killed. */
export function mailProblems(name: string, c: MailCheck, allowLeased = false): string[] {
  const p: string[] = [];
  if (c.lost || c.doubled || c.unknown || c.unsent || (c.leased && !allowLeased))
    p.push(`${name}: ${describeMail(c)}`);
  return p;
}
