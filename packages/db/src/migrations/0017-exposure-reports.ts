import { type Kysely, sql } from "kysely";

/**
 * Reports of exposed keys from our own scanners (`POST /v1/exposures`), idempotent on the scanner's
 * finding id: the unique constraint per service token decides between concurrent retries (the
 * second insert waits for the first to commit, then finds its row). The key itself is never
 * stored — only what came of it: the matched key (if any) and the case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table exposure_reports (
  id uuid primary key default gen_random_uuid(),
  reporter_service_token_id uuid not null references service_tokens(id),
  finding_id text not null check (length(finding_id) between 1 and 200),
  status text not null check (status in ('revoked', 'already_revoked', 'unknown_key')),
  api_key_id uuid references api_keys(id) on delete cascade,
  case_id uuid references cases(id),
  received_at timestamptz not null default now(),
  constraint exposure_reports_finding_key unique (reporter_service_token_id, finding_id),
  check ((status = 'unknown_key') = (api_key_id is null))
);
create index exposure_reports_api_key_idx on exposure_reports (api_key_id);
`)
    .execute(db);
}
