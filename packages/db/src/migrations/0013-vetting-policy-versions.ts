import { type Kysely, sql } from "kysely";

/**
 * Vetting policy versions an admin edits, replays and publishes, and the device signal the
 * `velocity_device_24h` rule was waiting for.
 *
 * - `vetting_policies.state`: `draft` (being edited; at most one at a time, by a unique partial
 *   index, so two admins starting a draft at once cannot both succeed), `published` (the active
 *   one, or an older one kept readable forever: decisions name the version they were made under),
 *   `discarded` (a draft given up; kept so its version number and audit trail stay meaningful).
 *   Only a published version may be active; the existing one-active index stays the backstop of
 *   "exactly one active version" under concurrent publishes.
 * - `revision` counts a draft's saves: an edit names the revision it started from, so two admins
 *   editing one draft cannot silently overwrite each other.
 * - `signup_requests.device_hash` / `accounts.signup_device_hash`: the portal's device id (a random
 *   id the browser keeps), keyed-hashed on the server so the raw id is never stored; the sign-up
 *   velocity counts earlier accounts from the same device.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table vetting_policies
  add column state text not null default 'published' check (state in ('draft', 'published', 'discarded')),
  add column revision integer not null default 0,
  add column note text check (note is null or length(note) <= 1000),
  add column updated_at timestamptz not null default now(),
  add column published_at timestamptz,
  add column published_by_staff_id uuid references staff_users(id),
  add constraint vetting_policies_active_is_published check (not active or state = 'published');
-- Every existing row is a published version (version 1 from 0003, or one added by hand).
update vetting_policies set updated_at = created_at, published_at = created_at;
alter table vetting_policies
  add constraint vetting_policies_published_has_time check ((state = 'published') = (published_at is not null));
create unique index vetting_policies_one_draft on vetting_policies ((true)) where state = 'draft';

alter table signup_requests add column device_hash bytea;
alter table accounts add column signup_device_hash bytea;
`)
    .execute(db);
}
