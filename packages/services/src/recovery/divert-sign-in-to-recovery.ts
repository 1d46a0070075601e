import { DomainError, maskEmail } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { findActiveTakeover } from "./find-active-takeover.ts";
import { sendTakeoverRecoveryCode } from "./send-takeover-recovery-code.ts";

/** What sign-in answers instead of a session while the account is suspended for takeover. */
export interface TakeoverRecoveryRequired {
  stage: "takeover_recovery";
  /** Masked address the code went to; null when this user is not the one who recovers the account. */
  codeSentTo: string | null;
}

/**
 * Called once the password is verified. While the user's account is suspended for takeover the
 * password (and any TOTP code: the thief may have enrolled their own) opens nothing: the owner gets a
 * one-time code at their pre-compromise address instead; other users are told the owner recovers it.
 */
export async function divertSignInToRecovery(
  deps: ServiceDeps,
  meta: RequestMeta,
  customerUserId: string,
): Promise<TakeoverRecoveryRequired | null> {
  const user = await deps.db
    .selectFrom("customer_users")
    .select(["account_id"])
    .where("id", "=", customerUserId)
    .executeTakeFirst();
  if (!user) return null;
  const takeover = await findActiveTakeover(deps.db, user.account_id);
  if (!takeover) return null;
  const recovery = takeover.recovery;
  const isRecoverer = recovery?.customerUserId === customerUserId;
  let sent = false;
  if (recovery && isRecoverer) {
    try {
      // The same budget as "My account was taken over": a thief replaying the password cannot flood
      // the owner's mailbox. Over it, the code already sent stays the one to use.
      await enforceRateLimit(deps, AUTH_RATE_LIMITS.recoveryRequestPerEmail, recovery.email);
      sent = true;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "RATE_LIMITED")) throw error;
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    if (recovery && sent) await sendTakeoverRecoveryCode(trx, deps, meta, { ...takeover, recovery });
    await recordAudit(trx, { type: "system" }, meta, {
      action: "auth.sign_in_diverted_to_recovery",
      subjectType: "customer_user",
      subjectId: customerUserId,
      accountId: user.account_id,
      after: { enforcementId: takeover.enforcementId, codeSent: sent },
    });
  });
  return {
    stage: "takeover_recovery",
    codeSentTo: recovery && isRecoverer ? maskEmail(recovery.email) : null,
  };
}
