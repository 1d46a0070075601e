import { type Kysely, sql } from "kysely";

/**
 * The audit log page and the cases list read newest first with keyset pagination, computed in SQL:
 * every filter is the leading column of an index ordered (occurred_at desc, id desc), so a page is
 * an index range scan however big audit_events grows, and a date range is a bound on that same
 * index. `(account_id, occurred_at desc, id desc)` replaces the account index of 0001 (which lacked
 * the tie-breaker); the log is written on every request, so it keeps no redundant index.
 *
 * Cases: the list (by status, newest first) and the case page's enforcements, exposures and
 * compromise reports (by case_id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create index audit_events_time_idx on audit_events (occurred_at desc, id desc);
create index audit_events_account_time_idx on audit_events (account_id, occurred_at desc, id desc)
  where account_id is not null;
drop index audit_events_account_idx;
create index audit_events_actor_time_idx on audit_events (actor_type, actor_id, occurred_at desc, id desc);
create index audit_events_action_time_idx on audit_events (action, occurred_at desc, id desc);

create index cases_list_idx on cases (created_at desc, id desc);
create index cases_status_list_idx on cases (status, created_at desc, id desc);
create index enforcements_case_idx on enforcements (case_id) where case_id is not null;
create index credential_exposures_case_idx on credential_exposures (case_id) where case_id is not null;
create index compromise_reports_case_idx on compromise_reports (case_id) where case_id is not null;
`)
    .execute(db);
}
