import type { Db } from "@trustdesk/db";
import type { EnforcementReason, TicketCategory, TicketStatus, VettingOutcome } from "@trustdesk/domain";

export const H = 3_600_000;
/** An instant on a March 2026 day (UTC): `at(2, 9)` is 2 March, 09:00. */
export const at = (day: number, hour = 0, month = 3) => new Date(Date.UTC(2026, month - 1, day, hour));

let k = 0;

/**
 * A ticket as its history left it, written directly with known times: the metrics read only these
 * columns. (The clock's own bookkeeping is exercised through the real use cases in the tests.)
 */
export async function insertTicket(
  db: Db,
  accountId: string,
  t: {
    category?: TicketCategory;
    status?: TicketStatus;
    createdAt: Date;
    firstResponseAt?: Date;
    firstResponseTeamMs?: number;
    pausedMs?: number;
    pausedSince?: Date;
    solvedAt?: Date;
    closedAt?: Date;
    mergedInto?: string;
  },
) {
  const row = await db
    .insertInto("tickets")
    .values({
      account_id: accountId,
      opened_by_user_id: null,
      category: t.category ?? "other",
      subject: `Metrics ticket ${++k}`,
      status: t.status ?? "open",
      form: "{}",
      assignee_staff_id: null,
      case_id: null,
      enforcement_id: null,
      escalated_at: null,
      first_response_at: t.firstResponseAt ?? null,
      first_response_team_ms: t.firstResponseTeamMs ?? null,
      age_alarm: null,
      created_at: t.createdAt,
      updated_at: t.createdAt,
      solved_at: t.solvedAt ?? null,
      closed_at: t.closedAt ?? null,
      clock_paused_ms: t.pausedMs ?? 0,
      clock_paused_since: t.pausedSince ?? null,
      merged_into_ticket_id: t.mergedInto ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertEnforcement(
  db: Db,
  accountId: string,
  e: { reason: EnforcementReason; createdAt: Date; liftedAt?: Date },
) {
  const row = await db
    .insertInto("enforcements")
    .values({
      account_id: accountId,
      reason: e.reason,
      status: e.liftedAt ? "lifted" : "active",
      policy_code: `test.${e.reason}`,
      evidence: "{}",
      note: null,
      case_id: null,
      created_by_staff_id: null,
      created_by_service: "metrics-test",
      created_at: e.createdAt,
      lifted_at: e.liftedAt ?? null,
      lifted_by_staff_id: null,
      lift_approved_by_staff_id: null,
      lift_decision: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDecision(
  db: Db,
  accountId: string,
  d: { outcome: VettingOutcome; by: "policy" | "staff"; createdAt: Date; staffId?: string },
) {
  await db
    .insertInto("vetting_decisions")
    .values({
      account_id: accountId,
      policy_version: d.by === "policy" ? 1 : null,
      outcome: d.outcome,
      score: 0,
      fired_rules: "[]",
      signals: "{}",
      decided_by: d.by,
      decided_by_staff_id: d.staffId ?? null,
      note: null,
      created_at: d.createdAt,
    })
    .execute();
}
