import { enqueueMail } from "@trustdesk/db";
import { FIRST_RESPONSE_HOURS } from "@trustdesk/domain";
import { sql } from "kysely";
import { recordAudit } from "../audit/record-audit.ts";
import type { ServiceDeps } from "../deps.ts";
import { ticketAgeAlarmMail } from "../mail/templates.ts";

export interface AgeAlarmSweep {
  /** Tickets that crossed a threshold in this sweep (each notified once per threshold). */
  alarmed: number;
  mails: number;
}

/**
 * The aging sweep: a ticket that crossed 24 h (and again 48 h) of the team's time without a first
 * public reply notifies its assignee, or the leads when unassigned — once per threshold.
 *
 * The clock is the queue's (`responseClock` in domain; migration 0011's `clock_origin`): while a
 * ticket waits on the team (new/open) and has no first response, the team's time is
 * `now - clock_origin`; paused tickets never alarm, exactly like the breaching/breached views.
 * `age_alarm` records the last threshold notified. The claim is one UPDATE that moves it forward
 * only from a lower value, on rows locked with SKIP LOCKED, and the mails go to the outbox in the
 * same transaction: concurrent sweeps notify each crossing once, and a crash notifies it later,
 * never twice. A first public reply clears `age_alarm` (`answer-ticket`).
 */
export async function sweepTicketAgeAlarms(deps: ServiceDeps, batchSize = 500): Promise<AgeAlarmSweep> {
  const now = deps.now();
  const t24 = sql<Date>`${now}::timestamptz - make_interval(hours => ${FIRST_RESPONSE_HOURS.expected})`;
  const t48 = sql<Date>`${now}::timestamptz - make_interval(hours => ${FIRST_RESPONSE_HOURS.latest})`;
  const dashboardUrl = `${deps.config.publicUrl.replace(/\/$/, "")}/agent`;
  const total: AgeAlarmSweep = { alarmed: 0, mails: 0 };
  for (;;) {
    const batch = await deps.db.transaction().execute(async (trx) => {
      const crossed = await trx
        .updateTable("tickets")
        .set({
          age_alarm: sql`case when clock_origin <= ${t48} then '48h' else '24h' end`,
        })
        .where(
          "id",
          "in",
          trx
            .selectFrom("tickets")
            .select("id")
            .where("status", "in", ["new", "open"])
            .where("first_response_at", "is", null)
            .where("clock_origin", "<=", t24)
            .where((eb) =>
              eb.or([
                eb("age_alarm", "is", null),
                eb.and([eb("age_alarm", "=", "24h"), eb("clock_origin", "<=", t48)]),
              ]),
            )
            .orderBy("clock_origin")
            .limit(batchSize)
            .forUpdate()
            .skipLocked(),
        )
        .returning(["id", "number", "subject", "account_id", "assignee_staff_id", "age_alarm"])
        .execute();
      if (crossed.length === 0) return { alarmed: 0, mails: 0 };

      const assigneeIds = [
        ...new Set(crossed.flatMap((t) => (t.assignee_staff_id ? [t.assignee_staff_id] : []))),
      ];
      const assignees = assigneeIds.length
        ? await trx
            .selectFrom("staff_users")
            .select(["id", "email"])
            .where("id", "in", assigneeIds)
            .where("disabled_at", "is", null)
            .execute()
        : [];
      const emailOf = new Map(assignees.map((s) => [s.id, s.email]));
      const leads = await trx
        .selectFrom("staff_users")
        .select("email")
        .where("role", "=", "lead")
        .where("disabled_at", "is", null)
        .orderBy("email")
        .execute();

      let mails = 0;
      for (const t of crossed) {
        const alarm = t.age_alarm === "48h" ? "48h" : "24h";
        const assignee = t.assignee_staff_id ? emailOf.get(t.assignee_staff_id) : undefined;
        // A disabled assignee reads no mail: the leads hear about the ticket instead.
        const recipients = assignee ? [assignee] : leads.map((l) => l.email);
        for (const to of recipients) {
          await enqueueMail(
            trx,
            ticketAgeAlarmMail(to, {
              number: Number(t.number),
              subject: t.subject,
              alarm,
              assigned: Boolean(assignee),
              dashboardUrl,
            }),
          );
          mails++;
        }
        await recordAudit(trx, { type: "system" }, null, {
          action: "ticket.age_alarm",
          subjectType: "ticket",
          subjectId: t.id,
          accountId: t.account_id,
          after: { alarm, notified: assignee ? "assignee" : "leads", recipients: recipients.length },
        });
      }
      return { alarmed: crossed.length, mails };
    });
    total.alarmed += batch.alarmed;
    total.mails += batch.mails;
    if (batch.alarmed < batchSize) return total;
  }
}
