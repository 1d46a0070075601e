import type { CustomerRole } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import type { CustomerActor } from "../tickets/open-ticket.ts";

/**
 * The live sessions a customer may review: owners and admins see every user of the account (the
 * takeover checklist asks them to find sessions that are not theirs), members only their own.
 */
export async function listAccountSessions(
  deps: ServiceDeps,
  customer: CustomerActor & { role: CustomerRole },
  currentSessionId: string,
) {
  const now = deps.now();
  let q = deps.db
    .selectFrom("sessions as s")
    .innerJoin("customer_users as u", "u.id", "s.customer_user_id")
    .select([
      "s.id",
      "s.stage",
      "s.created_at",
      "s.last_seen_at",
      "s.ip",
      "s.user_agent",
      "u.name as user_name",
      "u.email as user_email",
    ])
    .where("u.account_id", "=", customer.accountId)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", now)
    .orderBy("s.last_seen_at", "desc")
    .limit(200);
  if (customer.role === "member") q = q.where("u.id", "=", customer.userId);
  const rows = await q.execute();
  return rows.map((s) => ({
    id: s.id,
    user: { name: s.user_name, email: s.user_email },
    stage: s.stage,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    ip: s.ip,
    userAgent: s.user_agent,
    current: s.id === currentSessionId,
  }));
}
