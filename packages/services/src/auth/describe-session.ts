import type { AccountPlan, AccountState, CustomerRole, StaffRole } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import type { ActiveSession } from "./resolve-session.ts";

export interface CustomerSessionView {
  user: { id: string; email: string; name: string; role: CustomerRole };
  account: { id: string; name: string; plan: AccountPlan; state: AccountState };
  stage: "full" | "recovery" | "second_factor";
  totpEnabled: boolean;
}

export async function describeCustomerSession(
  deps: ServiceDeps,
  session: ActiveSession,
): Promise<CustomerSessionView | null> {
  const row = await deps.db
    .selectFrom("customer_users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .innerJoin("account_standing as s", "s.account_id", "a.id")
    .select([
      "u.id",
      "u.email",
      "u.name",
      "u.role",
      "u.totp_enabled_at",
      "a.id as account_id",
      "a.name as account_name",
      "a.plan",
      "s.state",
    ])
    .where("u.id", "=", session.userId)
    .executeTakeFirst();
  if (!row || session.stage === "totp_enrolment") return null;
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
    account: { id: row.account_id, name: row.account_name, plan: row.plan, state: row.state },
    stage: session.stage,
    totpEnabled: row.totp_enabled_at !== null,
  };
}

export interface StaffSessionView {
  staff: { id: string; email: string; name: string; role: StaffRole };
  stage: "full" | "second_factor" | "totp_enrolment";
}

export async function describeStaffSession(
  deps: ServiceDeps,
  session: ActiveSession,
): Promise<StaffSessionView | null> {
  const row = await deps.db
    .selectFrom("staff_users")
    .select(["id", "email", "name", "role"])
    .where("id", "=", session.userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!row || session.stage === "recovery") return null;
  return { staff: row, stage: session.stage };
}
