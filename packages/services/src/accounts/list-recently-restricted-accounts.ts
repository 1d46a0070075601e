import { type EnforcementReason, RECENTLY_RESTRICTED_LIMIT } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";

/**
 * Beside account search: the accounts restricted most recently (their active enforcements, newest
 * first), optionally of one reason, by account name with the owner's email — never a bare id.
 */
export async function listRecentlyRestrictedAccounts(
  deps: ServiceDeps,
  input: { reason?: EnforcementReason | null | undefined; limit?: number | undefined } = {},
) {
  let q = deps.db
    .selectFrom("enforcements as e")
    .innerJoin("accounts as a", "a.id", "e.account_id")
    .leftJoin("customer_users as u", (j) =>
      j.onRef("u.account_id", "=", "a.id").on("u.role", "=", "owner").on("u.removed_at", "is", null),
    )
    .leftJoin("staff_users as s", "s.id", "e.created_by_staff_id")
    .select([
      "e.id as enforcementId",
      "e.reason",
      "e.policy_code as policyCode",
      "e.created_at as restrictedAt",
      "a.id as accountId",
      "a.name as accountName",
      "u.email as ownerEmail",
      "s.name as byStaffName",
      "e.created_by_service as byService",
    ])
    .where("e.status", "=", "active");
  if (input.reason) q = q.where("e.reason", "=", input.reason);
  return q
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(Math.min(Math.max(1, input.limit ?? RECENTLY_RESTRICTED_LIMIT), 50))
    .execute();
}
