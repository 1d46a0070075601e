import { type Kysely, sql } from "kysely";

/**
 * The team's numbers (the metrics page), computed in SQL over a date range.
 *
 * - `tickets.first_response_team_ms`: the response clock's reading (the team's time, pauses while
 *   pending customer / on hold left out) at the moment of the first public reply, written once by
 *   the reply. It cannot be derived later: `clock_paused_ms` keeps growing with pauses *after* the
 *   first response (a ticket answered and then set to pending customer), so `first_response_at -
 *   clock_origin` would shrink the first-response time, even below zero. Existing answered tickets
 *   are backfilled from what the clock columns hold now (exact unless paused again after the answer).
 * - Indexes for the per-day range scans: tickets opened and resolved, enforcements opened and lifted,
 *   vetting decisions made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table tickets add column first_response_team_ms bigint
  check (first_response_team_ms is null or first_response_team_ms >= 0);

update tickets
   set first_response_team_ms = greatest(0, floor(extract(epoch from
         (least(first_response_at, coalesce(clock_paused_since, first_response_at)) - clock_origin)) * 1000))::bigint
 where first_response_at is not null;

create index tickets_created_idx on tickets (created_at);
create index tickets_resolved_idx on tickets ((coalesce(solved_at, closed_at)))
  where solved_at is not null or closed_at is not null;
create index enforcements_created_idx on enforcements (created_at);
create index enforcements_lifted_idx on enforcements (lifted_at) where lifted_at is not null;
create index vetting_decisions_created_idx on vetting_decisions (created_at);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
drop index vetting_decisions_created_idx;
drop index enforcements_lifted_idx;
drop index enforcements_created_idx;
drop index tickets_resolved_idx;
drop index tickets_created_idx;
alter table tickets drop column first_response_team_ms;
`)
    .execute(db);
}
