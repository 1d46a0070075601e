import type { Executor } from "@trustdesk/db";
import {
  type ActorType,
  type AuditActorView,
  auditActionLabel,
  auditActorLabel,
  auditChanges,
  uuidsIn,
} from "@trustdesk/domain";
import { sql } from "kysely";
import { nameRecords, subjectKindLabel } from "./name-records.ts";

const UUID_RE = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
/** The actor id as a uuid when it is one (a service actor's id is its name): never a failing cast. */
const actorUuid = sql`(case when e.actor_id ~* ${UUID_RE} then e.actor_id::uuid end)`;

/**
 * audit_events with the actor named by SQL joins (staff name and role; customer user, role and
 * account; whether a service actor is one of our service tokens) and the event's account name.
 * The filters and the order are the caller's.
 */
export function auditEventsWithActors(db: Executor) {
  return db
    .selectFrom("audit_events as e")
    .leftJoin("staff_users as s", (j) => j.on(sql<boolean>`e.actor_type = 'staff' and s.id = ${actorUuid}`))
    .leftJoin("customer_users as cu", (j) =>
      j.on(sql<boolean>`e.actor_type = 'customer' and cu.id = ${actorUuid}`),
    )
    .leftJoin("accounts as ca", "ca.id", "cu.account_id")
    .leftJoin("accounts as a", "a.id", "e.account_id")
    .select([
      "e.id",
      "e.occurred_at",
      // The cursor keeps PostgreSQL's microseconds (a JavaScript Date would round them away).
      sql<string>`to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("at_exact"),
      "e.actor_type",
      "e.actor_id",
      "e.action",
      "e.subject_type",
      "e.subject_id",
      "e.account_id",
      "e.before",
      "e.after",
      "e.ip",
      "e.request_id",
      "s.name as staff_name",
      "s.role as staff_role",
      "cu.name as customer_name",
      "cu.role as customer_role",
      "ca.name as customer_account_name",
      "a.name as account_name",
      sql<boolean>`(e.actor_type = 'service' and exists (select 1 from service_tokens st where st.name = e.actor_id))`.as(
        "actor_is_token",
      ),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof auditEventsWithActors>["execute"]>>[number];

export interface AuditEventView {
  id: string;
  occurredAt: Date;
  cursor: string;
  action: string;
  actionLabel: string;
  actor: AuditActorView;
  actorLabel: string;
  subject: { type: string; label: string };
  account: { id: string; name: string } | null;
  /** What changed, in words (ids replaced by names); empty when the event recorded no before/after. */
  changes: ReturnType<typeof auditChanges>;
  ip: string | null;
  requestId: string | null;
}

function actorOf(r: Row): AuditActorView {
  switch (r.actor_type as ActorType) {
    case "staff":
      return { type: "staff", name: r.staff_name, role: r.staff_role };
    case "customer":
      return {
        type: "customer",
        name: r.customer_name,
        role: r.customer_role,
        accountName: r.customer_account_name,
      };
    case "service":
      return { type: "service", name: r.actor_id, isToken: Boolean(r.actor_is_token) };
    default:
      return { type: "system" };
  }
}

/**
 * Rows as people read them: the action and actor in words, the subject by name, and before/after
 * as a list of changes — every id they mention resolved to a name in one more query, so nothing
 * the browser receives in prose is a raw id.
 */
export async function presentAuditEvents(db: Executor, rows: readonly Row[]): Promise<AuditEventView[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.subject_id) ids.add(r.subject_id);
    uuidsIn(r.before, ids);
    uuidsIn(r.after, ids);
  }
  const names = await nameRecords(db, ids);
  return rows.map((r) => {
    const actor = actorOf(r);
    return {
      id: String(r.id),
      occurredAt: r.occurred_at,
      cursor: `${r.at_exact}_${r.id}`,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      actor,
      actorLabel: auditActorLabel(actor),
      subject: {
        type: r.subject_type,
        label:
          (r.subject_id ? names.get(r.subject_id.toLowerCase()) : undefined) ??
          subjectKindLabel(r.subject_type),
      },
      account: r.account_id && r.account_name ? { id: r.account_id, name: r.account_name } : null,
      changes: auditChanges(r.before, r.after, names),
      ip: r.ip,
      requestId: r.request_id,
    };
  });
}
