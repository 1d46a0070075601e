import { type Kysely, sql } from "kysely";

/**
 * The admin page "Mail delivery" lists dead-lettered mails (`failed`, given up after every attempt)
 * and failing ones (pending with an error) newest first. Sent mail piles up forever beside them, so
 * the listing gets a partial index of its own. (The job queue's tables are pg-boss's, in the `pgboss`
 * schema, created and migrated by pg-boss when a worker starts.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create index mail_outbox_problems_idx on mail_outbox (created_at desc)
  where status = 'failed' or (status = 'pending' and last_error is not null);
`)
    .execute(db);
}
