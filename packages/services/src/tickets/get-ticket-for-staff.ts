import { DomainError, responseClock } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { listAttachmentsOf } from "./check-attachments.ts";

/**
 * One ticket as agents work it: the whole conversation oldest first (customer messages, public
 * replies and internal notes, each with its author's name), what the customer entered in the
 * category's form, the people and objects it is about by name, and its response clock. The account's
 * trust picture beside it comes from the account view (`getAccountForStaff`).
 */
export async function getTicketForStaff(deps: ServiceDeps, ref: { number: number } | { ticketId: string }) {
  let q = deps.db
    .selectFrom("tickets as t")
    .innerJoin("accounts as a", "a.id", "t.account_id")
    .innerJoin("account_standing as st", "st.account_id", "a.id")
    .leftJoin("customer_users as opener", "opener.id", "t.opened_by_user_id")
    .leftJoin("staff_users as assignee", "assignee.id", "t.assignee_staff_id")
    .leftJoin("cases as c", "c.id", "t.case_id")
    .leftJoin("enforcements as e", "e.id", "t.enforcement_id")
    .leftJoin("tickets as merged", "merged.id", "t.merged_into_ticket_id")
    .select([
      "t.id",
      "t.number",
      "t.subject",
      "t.category",
      "t.status",
      "t.priority",
      "t.tags",
      "t.form",
      "t.version",
      "t.created_at",
      "t.updated_at",
      "t.first_response_at",
      "t.clock_paused_ms",
      "t.clock_paused_since",
      "t.escalated_at",
      "t.solved_at",
      "t.closed_at",
      "a.id as account_id",
      "a.name as account_name",
      "a.plan",
      "st.state as account_state",
      "opener.name as opener_name",
      "opener.email as opener_email",
      "opener.role as opener_role",
      "assignee.id as assignee_id",
      "assignee.name as assignee_name",
      "c.number as case_number",
      "e.id as enforcement_id",
      "e.reason as enforcement_reason",
      "e.status as enforcement_status",
      "merged.number as merged_into_number",
      "merged.id as merged_into_id",
    ]);
  q = "number" in ref ? q.where("t.number", "=", String(ref.number)) : q.where("t.id", "=", ref.ticketId);
  const t = await q.executeTakeFirst();
  if (!t) throw new DomainError("NOT_FOUND", "There is no ticket with that number.");
  const messages = await deps.db
    .selectFrom("ticket_messages as m")
    .leftJoin("customer_users as u", "u.id", "m.author_customer_user_id")
    .leftJoin("staff_users as s", "s.id", "m.author_staff_id")
    .select([
      "m.id",
      "m.body",
      "m.visibility",
      "m.created_at",
      "m.redacted_key_count",
      "u.name as customer_name",
      "s.name as staff_name",
      "s.role as staff_role",
    ])
    .where("m.ticket_id", "=", t.id)
    .orderBy("m.created_at")
    .orderBy("m.id")
    .execute();
  const files = await listAttachmentsOf(
    deps.db,
    messages.map((m) => m.id),
  );
  const now = deps.now();
  return {
    id: t.id,
    number: Number(t.number),
    subject: t.subject,
    category: t.category,
    status: t.status,
    priority: t.priority,
    tags: t.tags,
    form: t.form,
    version: t.version,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    escalatedAt: t.escalated_at,
    solvedAt: t.solved_at,
    closedAt: t.closed_at,
    clock: responseClock(
      {
        createdAt: t.created_at,
        firstResponseAt: t.first_response_at,
        pausedMs: Number(t.clock_paused_ms),
        pausedSince: t.clock_paused_since,
      },
      now,
    ),
    account: { id: t.account_id, name: t.account_name, plan: t.plan, state: t.account_state },
    openedBy: t.opener_name ? { name: t.opener_name, email: t.opener_email, role: t.opener_role } : null,
    assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name as string } : null,
    caseNumber: t.case_number,
    enforcement: t.enforcement_id
      ? { id: t.enforcement_id, reason: t.enforcement_reason, status: t.enforcement_status }
      : null,
    mergedInto: t.merged_into_id ? { id: t.merged_into_id, number: Number(t.merged_into_number) } : null,
    messages: messages.map((m) => ({
      id: m.id,
      body: m.body,
      visibility: m.visibility,
      createdAt: m.created_at,
      redactedKeyCount: m.redacted_key_count,
      author: m.staff_name
        ? { kind: "staff" as const, name: m.staff_name, role: m.staff_role }
        : { kind: "customer" as const, name: m.customer_name ?? "Former user", role: null },
      /** Download each at `/attachments/<id>` (signed in as staff who work tickets). */
      attachments: files.get(m.id) ?? [],
    })),
  };
}

/** Who a ticket can be given to: active staff who work tickets, by name. */
export async function listTicketAssignees(deps: ServiceDeps) {
  return deps.db
    .selectFrom("staff_users")
    .select(["id", "name", "role"])
    .where("disabled_at", "is", null)
    .where("role", "in", ["agent", "lead", "admin"])
    .orderBy("name")
    .execute();
}
