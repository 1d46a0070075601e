import { type Kysely, sql } from "kysely";

/**
 * The queue and search at a million tickets: every queue view is an index-ordered keyset scan, and
 * search is PostgreSQL full text with GIN indexes.
 *
 * - `clock_origin` = `created_at` + the time the response clock spent paused: while the clock runs,
 *   the team's time is `now - clock_origin` (the same number `responseClock` in domain computes), so
 *   "breaching" (24 h) and "breached" (48 h) are ranges over an indexed column. It is a generated
 *   column, so every writer that keeps `clock_paused_ms` right (`statusColumns`) keeps it right too.
 *   `timestamptz + interval` is only STABLE in general (days and months depend on the time zone);
 *   adding milliseconds never does, hence the small IMMUTABLE wrapper.
 * - `queue_rank` orders the work: 0 escalated and waiting on the team, 1 waiting on the team,
 *   2 pending customer, 3 on hold, 4 solved, 5 closed. "Needs answer first" is
 *   (queue_rank, clock_origin, id); every view reads one or a few rank ranges of an index.
 * - `subject_vector` / `search_vector`: English tsvectors, generated, with GIN indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create function ticket_clock_origin(created timestamptz, paused_ms bigint) returns timestamptz
  language sql immutable parallel safe
  as $$ select created + paused_ms * interval '1 millisecond' $$;

alter table tickets
  add column clock_origin timestamptz not null
    generated always as (ticket_clock_origin(created_at, clock_paused_ms)) stored,
  add column queue_rank smallint not null
    generated always as (
      case
        when status in ('new', 'open') and escalated_at is not null then 0
        when status in ('new', 'open') then 1
        when status = 'pending_customer' then 2
        when status = 'on_hold' then 3
        when status = 'solved' then 4
        else 5
      end) stored,
  add column subject_vector tsvector not null
    generated always as (to_tsvector('english', subject)) stored;

alter table ticket_messages
  add column search_vector tsvector not null
    generated always as (to_tsvector('english', body)) stored;

-- Superseded by the rank-ordered indexes below.
drop index if exists tickets_queue_idx;
drop index if exists tickets_assignee_idx;

-- "Needs answer first" and "priority" per view (open, pending, on hold, solved, all = rank ranges).
create index tickets_queue_rank_idx on tickets (queue_rank, clock_origin, id);
create index tickets_queue_assignee_idx on tickets (assignee_staff_id, queue_rank, clock_origin, id);
create index tickets_queue_category_idx on tickets (category, queue_rank, clock_origin, id);
create index tickets_queue_priority_idx on tickets (priority, queue_rank, clock_origin, id);
create index tickets_queue_escalated_idx on tickets (queue_rank, clock_origin, id) where escalated_at is not null;
-- Breaching / breached: unanswered tickets whose clock runs, by clock origin.
create index tickets_queue_unanswered_idx on tickets (queue_rank, clock_origin, id)
  where first_response_at is null and status in ('new', 'open');
-- "Newest" / "oldest" (the number grows with creation).
create index tickets_queue_number_idx on tickets (queue_rank, number);
create index tickets_queue_assignee_number_idx on tickets (assignee_staff_id, queue_rank, number);
create index tickets_queue_category_number_idx on tickets (category, queue_rank, number);
-- The view counts: one index-only scan over the open and solved tickets.
create index tickets_queue_counts_idx on tickets (queue_rank)
  include (assignee_staff_id, category, escalated_at, first_response_at, clock_origin)
  where queue_rank <= 4;
create index tickets_case_idx on tickets (case_id) where case_id is not null;

-- Search.
create index tickets_subject_search_idx on tickets using gin (subject_vector);
create index ticket_messages_search_idx on ticket_messages using gin (search_vector);
-- Look-up by the public key id's prefix (SG.<key id>.<secret>): LIKE 'abc%' needs pattern ops.
create index api_keys_key_id_prefix_idx on api_keys (key_id text_pattern_ops);
`)
    .execute(db);
}
