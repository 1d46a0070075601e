import {
  appendAuditEvent,
  type Executor,
  enqueueMail,
  findUserCredentialsById,
  storeLockoutState,
} from "@trustdesk/db";
import {
  afterFailedAttempt,
  type FailedAttemptOutcome,
  isLocked,
  type SessionRealm,
} from "@trustdesk/domain";
import { auditFields } from "../audit/audit-actor.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { signInLockedMail } from "../mail/templates.ts";

/**
 * Counts one failed password or second-factor attempt, in the caller's transaction. The user row is
 * locked first, so concurrent failures count one by one and exactly one of them can be the failure
 * that locks; that one writes the owner's mail (once per lockout) and the `auth.locked_out` event.
 * A failure while a lock runs is not counted: it can neither extend the lock nor mail again.
 */
export async function recordFailedAttempt(
  trx: Executor,
  deps: ServiceDeps,
  meta: RequestMeta,
  realm: SessionRealm,
  userId: string,
  factor: "password" | "second_factor",
): Promise<FailedAttemptOutcome | null> {
  const now = deps.now();
  const user = await findUserCredentialsById(trx, realm, userId, true);
  if (!user) return null;
  const state = { failedSignIns: user.failed_sign_ins, lockedUntil: user.locked_until };
  const subjectType = realm === "customer" ? "customer_user" : "staff_user";
  const accountId = realm === "customer" ? await accountOf(trx, userId) : null;
  if (isLocked(state, now)) {
    await appendAuditEvent(trx, {
      ...auditFields({ type: "system" }, meta),
      action: "auth.sign_in_refused",
      subjectType,
      subjectId: userId,
      accountId,
      after: { reason: "locked", factor, lockedUntil: state.lockedUntil?.toISOString() ?? null },
    });
    return { ...state, newlyLocked: false };
  }
  const outcome = afterFailedAttempt(state, now, {
    threshold: deps.config.lockoutThreshold,
    baseMinutes: deps.config.lockoutBaseMinutes,
  });
  await storeLockoutState(trx, realm, userId, outcome);
  await appendAuditEvent(trx, {
    ...auditFields({ type: "system" }, meta),
    action: "auth.sign_in_failed",
    subjectType,
    subjectId: userId,
    accountId,
    after: { factor, failedSignIns: outcome.failedSignIns },
  });
  if (outcome.newlyLocked && outcome.lockedUntil) {
    const resetUrl =
      realm === "customer" ? new URL("/forgot-password", deps.config.publicUrl).toString() : null;
    await enqueueMail(
      trx,
      signInLockedMail(user.email, outcome.lockedUntil, resetUrl, outcome.failedSignIns),
    );
    await appendAuditEvent(trx, {
      ...auditFields({ type: "system" }, meta),
      action: "auth.locked_out",
      subjectType,
      subjectId: userId,
      accountId,
      after: { failedSignIns: outcome.failedSignIns, lockedUntil: outcome.lockedUntil.toISOString() },
    });
  }
  return outcome;
}

async function accountOf(trx: Executor, userId: string): Promise<string | null> {
  const row = await trx
    .selectFrom("customer_users")
    .select("account_id")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.account_id ?? null;
}
