import { type Kysely, sql } from "kysely";

/**
 * Staff administration: invitations for new colleagues.
 *
 * A staff invitation stores only the SHA-256 of its token and becomes a `staff_users` row when it is
 * accepted (the invitee chooses the password; TOTP enrolment follows at once). At most one
 * invitation per address is open at a time — inviting again ends the earlier one (`replaced`) —
 * and the partial unique index is the backstop behind the staff-administration lock.
 * Deactivated staff keep their row (`disabled_at`, from 0001): history points at it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table staff_invitations (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  name text check (length(name) between 1 and 200),
  role text not null check (role in ('agent', 'lead', 'admin', 'fraud_analyst', 'security_analyst')),
  token_hash bytea not null unique check (length(token_hash) = 32),
  -- null: made from the command line (the first admin of an install has nobody to invite them).
  invited_by_staff_id uuid references staff_users(id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_staff_id uuid references staff_users(id) on delete set null,
  ended_at timestamptz,
  ended_reason text check (ended_reason in ('revoked', 'replaced', 'inviter_deactivated')),
  ended_by_staff_id uuid references staff_users(id) on delete set null,
  check ((ended_at is null) = (ended_reason is null)),
  check (accepted_at is null or ended_at is null),
  check (accepted_staff_id is null or accepted_at is not null)
);
create unique index staff_invitations_one_open on staff_invitations (email)
  where accepted_at is null and ended_at is null;
create index staff_invitations_inviter_idx on staff_invitations (invited_by_staff_id)
  where accepted_at is null and ended_at is null;
`)
    .execute(db);
}
