import { auditActorLabel, DomainError, type ParsedAuditLogQuery } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";
import { type AuditEventView, auditEventsWithActors, presentAuditEvents } from "./audit-event-view.ts";

const DAY_MS = 86_400_000;

export interface AuditLogPage {
  events: AuditEventView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** The filters as people read them (the account's and the actor's names, not their ids). */
  filters: { accountName: string | null; actorLabel: string | null };
}

/**
 * The audit log, newest first, one page at a time. Every filter is an equality on the leading
 * column of an index ordered (occurred_at desc, id desc) and the date range a bound on it (0014),
 * and the page continues after the last (occurred_at, id) seen — an index range scan, never an
 * OFFSET, however big the log grows. Days are UTC days; `to` includes its whole day. The query
 * comes parsed by the domain's `AuditLogQuery` (bad dates and cursors are refused there).
 */
export async function listAuditEvents(deps: ServiceDeps, q: ParsedAuditLogQuery): Promise<AuditLogPage> {
  let query = auditEventsWithActors(deps.db);
  if (q.actor) {
    query = query.where("e.actor_type", "=", q.actor.type);
    if (q.actor.id) query = query.where("e.actor_id", "=", q.actor.id);
  }
  if (q.accountId) query = query.where("e.account_id", "=", q.accountId);
  if (q.action) query = query.where("e.action", "=", q.action);
  if (q.from) query = query.where("e.occurred_at", ">=", new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where("e.occurred_at", "<", new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS));
  if (q.cursor) {
    query = query.where(
      sql<boolean>`(e.occurred_at, e.id) < (${q.cursor.at}::timestamptz, ${q.cursor.id}::bigint)`,
    );
  }
  const rows = await query
    .orderBy("e.occurred_at", "desc")
    .orderBy("e.id", "desc")
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const events = await presentAuditEvents(deps.db, page);
  return {
    events,
    nextCursor: rows.length > q.limit ? (events[events.length - 1]?.cursor ?? null) : null,
    filters: await describeFilters(deps, q.accountId ?? null, q.actor ?? null),
  };
}

async function describeFilters(
  deps: ServiceDeps,
  accountId: string | null,
  actor: { type: "staff" | "customer" | "service" | "system"; id: string | null } | null,
): Promise<AuditLogPage["filters"]> {
  let accountName: string | null = null;
  if (accountId) {
    const a = await deps.db
      .selectFrom("accounts")
      .select("name")
      .where("id", "=", accountId)
      .executeTakeFirst();
    if (!a) throw new DomainError("NOT_FOUND", "No account with that id: clear the account filter.");
    accountName = a.name;
  }
  let actorLabel: string | null = null;
  if (actor?.type === "staff" && actor.id) {
    const s = await deps.db
      .selectFrom("staff_users")
      .select(["name", "role"])
      .where("id", "=", actor.id)
      .executeTakeFirst();
    actorLabel = auditActorLabel({ type: "staff", name: s?.name ?? null, role: s?.role ?? null });
  } else if (actor?.type === "customer" && actor.id) {
    const c = await deps.db
      .selectFrom("customer_users as u")
      .innerJoin("accounts as a", "a.id", "u.account_id")
      .select(["u.name", "u.role", "a.name as account"])
      .where("u.id", "=", actor.id)
      .executeTakeFirst();
    actorLabel = auditActorLabel({
      type: "customer",
      name: c?.name ?? null,
      role: c?.role ?? null,
      accountName: c?.account ?? null,
    });
  } else if (actor?.type === "service" && actor.id) {
    actorLabel = auditActorLabel({ type: "service", name: actor.id, isToken: false });
  } else if (actor) {
    actorLabel = {
      staff: "Any staff member",
      customer: "Any customer user",
      service: "Any service",
      system: "System",
    }[actor.type];
  }
  return { accountName, actorLabel };
}

/** The people and services the actor filter offers: every staff member, by name and role. */
export async function listAuditActors(deps: ServiceDeps) {
  const staff = await deps.db
    .selectFrom("staff_users")
    .select(["id", "name", "role", "disabled_at"])
    .orderBy("name")
    .execute();
  return staff.map((s) => ({
    value: `staff:${s.id}`,
    label: `${auditActorLabel({ type: "staff", name: s.name, role: s.role })}${s.disabled_at ? " — deactivated" : ""}`,
  }));
}
