import { auditActorLabel, type ParsedCaseListQuery } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";

/**
 * Cases, newest first, one page at a time: by status (open by default), reason and account, with
 * the account's name and who opened the case (staff by name and role, or the service). Keyset on
 * (created_at, id) over `cases_status_list_idx` / `cases_list_idx` (0014): never an OFFSET.
 */
export async function listCases(deps: ServiceDeps, q: ParsedCaseListQuery) {
  let query = deps.db
    .selectFrom("cases as c")
    .innerJoin("accounts as a", "a.id", "c.account_id")
    .leftJoin("staff_users as s", "s.id", "c.opened_by_staff_id")
    .select([
      "c.id",
      "c.number",
      "c.reason",
      "c.status",
      "c.summary",
      "c.created_at",
      "c.resolved_at",
      "c.opened_by_service",
      "a.id as account_id",
      "a.name as account_name",
      "s.name as opened_by_name",
      "s.role as opened_by_role",
      sql<string>`to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("at_exact"),
      sql<number>`(select count(*)::int from enforcements e where e.case_id = c.id and e.status = 'active')`.as(
        "active_enforcements",
      ),
    ]);
  if (q.status !== "all") query = query.where("c.status", "=", q.status);
  if (q.reason) query = query.where("c.reason", "=", q.reason);
  if (q.accountId) query = query.where("c.account_id", "=", q.accountId);
  if (q.cursor) {
    query = query.where(
      sql<boolean>`(c.created_at, c.id) < (${q.cursor.at}::timestamptz, ${q.cursor.id}::uuid)`,
    );
  }
  const rows = await query
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    cases: page.map(({ at_exact, opened_by_name, opened_by_role, opened_by_service, ...c }) => ({
      ...c,
      openedBy: openedBy(opened_by_name, opened_by_role, opened_by_service),
    })),
    nextCursor: rows.length > q.limit && last ? `${last.at_exact}_${last.id}` : null,
  };
}

/** Who opened a case, in words: "Ada Lovelace (lead)", "Sign-up vetting", "a service". */
export function openedBy(name: string | null, role: string | null, service: string | null): string {
  if (name) return `${name}${role ? ` (${role.replaceAll("_", " ")})` : ""}`;
  if (service === "system") return "System";
  if (service) return auditActorLabel({ type: "service", name: service, isToken: false });
  return "Unknown";
}
