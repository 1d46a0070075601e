import type { ActorType } from "@trustdesk/domain";
import { sql } from "kysely";
import type { Executor } from "./executor.ts";

export interface AuditEventInput {
  actorType: ActorType;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  accountId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  ip?: string | null;
}

/** The audit log is append-only (a trigger refuses UPDATE and DELETE); this is its only writer. */
export async function appendAuditEvent(db: Executor, e: AuditEventInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      actor_type: e.actorType,
      actor_id: e.actorId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      // A customer's own actions belong to their account even when the caller did not name it.
      account_id:
        e.accountId ??
        (e.actorType === "customer" && e.actorId
          ? sql<string>`(select account_id from customer_users where id = ${e.actorId}::uuid)`
          : null),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      request_id: e.requestId ?? null,
      ip: e.ip ?? null,
    })
    .execute();
}

export function listAuditEventsForAccount(db: Executor, accountId: string, limit = 100) {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
