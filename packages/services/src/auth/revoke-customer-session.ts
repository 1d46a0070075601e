import { revokeSession } from "@trustdesk/db";
import { type CustomerRole, DomainError } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { CustomerActor } from "../tickets/open-ticket.ts";

/**
 * Signs out one session of the account (owners and admins: anyone's; members: their own). Another
 * account's session id answers exactly like an unknown one. Signing out an ended session is a no-op.
 */
export async function revokeCustomerSession(
  deps: ServiceDeps,
  customer: CustomerActor & { role: CustomerRole },
  meta: RequestMeta,
  sessionId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom("sessions as s")
      .innerJoin("customer_users as u", "u.id", "s.customer_user_id")
      .select(["s.id", "s.revoked_at", "u.id as user_id", "u.name"])
      .where("s.id", "=", sessionId)
      .where("u.account_id", "=", customer.accountId);
    if (customer.role === "member") q = q.where("u.id", "=", customer.userId);
    const session = await q.forUpdate("s").executeTakeFirst();
    if (!session) throw new DomainError("NOT_FOUND", "We couldn't find that session on your account.");
    if (session.revoked_at) return;
    await revokeSession(trx, session.id, "revoked_by_customer", deps.now());
    await recordAudit(
      trx,
      { type: "customer", userId: customer.userId, accountId: customer.accountId },
      meta,
      {
        action: "session.revoked",
        subjectType: "session",
        subjectId: session.id,
        accountId: customer.accountId,
        after: { user: session.name },
      },
    );
  });
}
