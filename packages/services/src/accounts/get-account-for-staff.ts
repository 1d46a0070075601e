import { DomainError } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";

/** The account's whole trust picture for staff: users, enforcements with evidence, cases, vetting. */
export async function getAccountForStaff(deps: ServiceDeps, accountId: string) {
  const account = await deps.db
    .selectFrom("accounts as a")
    .innerJoin("account_standing as s", "s.account_id", "a.id")
    .select(["a.id", "a.name", "a.plan", "a.website", "a.country", "a.created_at", "a.closed_at", "s.state"])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw new DomainError("NOT_FOUND", "No account with that id.");
  const [users, enforcements, cases, vetting] = await Promise.all([
    deps.db
      .selectFrom("customer_users")
      .select(["id", "email", "name", "role", "totp_enabled_at", "last_sign_in_at", "created_at"])
      .where("account_id", "=", accountId)
      .orderBy("created_at")
      .execute(),
    deps.db
      .selectFrom("enforcements")
      .select([
        "id",
        "reason",
        "status",
        "policy_code",
        "evidence",
        "note",
        "case_id",
        "created_at",
        "lifted_at",
      ])
      .where("account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .execute(),
    deps.db
      .selectFrom("cases")
      .select(["id", "number", "reason", "status", "summary", "created_at"])
      .where("account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .execute(),
    deps.db
      .selectFrom("vetting_decisions")
      .select(["id", "outcome", "score", "fired_rules", "policy_version", "decided_by", "created_at"])
      .where("account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .execute(),
  ]);
  return { account, users, enforcements, cases, vetting };
}
