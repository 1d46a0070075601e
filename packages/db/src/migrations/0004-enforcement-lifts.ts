import { type Kysely, sql } from "kysely";

/**
 * Lifting an enforcement: the lift request (who asked, when, why) so that an account-takeover lift
 * can wait for a second person's approval, and the appeal ticket a staff vetting decision answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table enforcements
  add column lift_requested_by_staff_id uuid references staff_users(id),
  add column lift_requested_at timestamptz,
  add column lift_request_note text,
  add constraint enforcements_lift_request_complete
    check ((lift_requested_by_staff_id is null) = (lift_requested_at is null));
create index enforcements_awaiting_approval_idx on enforcements (lift_requested_at)
  where status = 'active' and lift_requested_at is not null;

alter table vetting_decisions
  add column appeal_ticket_id uuid references tickets(id);

create index credential_exposures_enforcement_idx on credential_exposures (enforcement_id);
create index tickets_enforcement_idx on tickets (enforcement_id) where enforcement_id is not null;
`)
    .execute(db);
}
