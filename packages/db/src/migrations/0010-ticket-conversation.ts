import { type Kysely, sql } from "kysely";

/**
 * Tickets worked end to end: replies on both sides, internal notes, status with a response clock
 * that pauses while the customer or Fraud/Security owes the next step, assignment, tags, merging,
 * optimistic concurrency and idempotent submits.
 *
 * - `version` grows with every change an agent makes: a change names the version it was based on,
 *   and a stale one is refused (two agents never overwrite each other silently).
 * - The 24/48 h clock counts only the team's time: `clock_paused_ms` is the time already spent
 *   paused, `clock_paused_since` the start of the current pause (pending customer, on hold).
 * - `idempotency_key` (from the browser, per submit) makes a double submit create one ticket or one
 *   message.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table tickets
  add column version integer not null default 1 check (version >= 1),
  add column tags text[] not null default '{}' check (cardinality(tags) <= 20),
  add column clock_paused_ms bigint not null default 0 check (clock_paused_ms >= 0),
  add column clock_paused_since timestamptz,
  add column merged_into_ticket_id uuid references tickets(id),
  add column closed_at timestamptz,
  add column idempotency_key text check (length(idempotency_key) between 8 and 100);
create unique index tickets_idempotency_key on tickets (account_id, idempotency_key) where idempotency_key is not null;
create index tickets_merged_into_idx on tickets (merged_into_ticket_id) where merged_into_ticket_id is not null;
create index tickets_solved_idx on tickets (solved_at) where status = 'solved';

alter table ticket_messages
  add column idempotency_key text check (length(idempotency_key) between 8 and 100);
create unique index ticket_messages_idempotency_key on ticket_messages (ticket_id, idempotency_key)
  where idempotency_key is not null;
`)
    .execute(db);
}
