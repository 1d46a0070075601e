import { revokeSession } from "@trustdesk/db";
import { type CustomerRole, DomainError } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import type { ActiveSession } from "./resolve-session.ts";

export interface CustomerSessionActor {
  userId: string;
  accountId: string;
  role: CustomerRole;
  sessionId: string;
  /** A takeover-recovery session: only the recovery steps are open to it. */
  recovery: boolean;
}

const SIGN_IN_AGAIN = "Your session has ended. Sign in again.";

/**
 * The customer behind a session, checked against the account's standing on every request. While
 * the account is suspended for takeover no full session is honoured, whenever it was issued: a
 * sign-in that raced the suspension, or a second factor verified just after it, still ends here.
 */
export async function resolveCustomerActor(
  deps: ServiceDeps,
  session: ActiveSession,
): Promise<CustomerSessionActor> {
  if (session.stage !== "full" && session.stage !== "recovery") {
    throw new DomainError(
      session.stage === "second_factor" ? "SECOND_FACTOR_REQUIRED" : "FORBIDDEN",
      session.stage === "second_factor"
        ? "Enter your two-step verification code to finish signing in."
        : "Not available in this session.",
    );
  }
  const user = await deps.db
    .selectFrom("customer_users as u")
    .select((eb) => [
      "u.id",
      "u.account_id",
      "u.role",
      eb
        .exists(
          eb
            .selectFrom("enforcements as e")
            .select("e.id")
            .whereRef("e.account_id", "=", "u.account_id")
            .where("e.reason", "=", "account_takeover")
            .where("e.status", "=", "active"),
        )
        .as("under_takeover"),
    ])
    .where("u.id", "=", session.userId)
    // Removal revokes the user's sessions; this also closes the window of a request already in flight.
    .where("u.removed_at", "is", null)
    .executeTakeFirst();
  if (!user) throw new DomainError("UNAUTHENTICATED", SIGN_IN_AGAIN);
  if (session.stage === "full" && user.under_takeover) {
    await revokeSession(deps.db, session.id, "account_takeover", deps.now());
    throw new DomainError(
      "UNAUTHENTICATED",
      "Your account was suspended after a suspected takeover. Sign in again to start its recovery.",
    );
  }
  if (session.stage === "recovery" && !user.under_takeover) {
    await revokeSession(deps.db, session.id, "recovery_finished", deps.now());
    throw new DomainError("UNAUTHENTICATED", "Your account is active again. Sign in with your new password.");
  }
  return {
    userId: user.id,
    accountId: user.account_id,
    role: user.role,
    sessionId: session.id,
    recovery: session.stage === "recovery",
  };
}
