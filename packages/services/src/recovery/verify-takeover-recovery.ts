import { timingSafeEqual } from "node:crypto";
import {
  DomainError,
  TAKEOVER_RECOVERY_MAX_ATTEMPTS,
  type VerifyTakeoverRecoveryInput,
} from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import { type IssuedSession, startSession } from "../auth/start-session.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { hashRecoveryChallengeCode } from "./send-takeover-recovery-code.ts";

const INVALID = "That code is not valid or has expired. Ask for a new code and use the newest email.";

/**
 * The recovery code is the authentication: the newest live code sent to this address, compared in
 * constant time, five tries, then it is spent. Success opens a *recovery* session (never a full one)
 * for the user the code was sent for. Every failure answers the same, known address or not.
 */
export async function verifyTakeoverRecovery(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: VerifyTakeoverRecoveryInput,
  presentedSessionId: string | null,
): Promise<IssuedSession> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.recoveryVerifyPerIp, meta.ip ?? "unknown");
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.recoveryVerifyPerEmail, input.email);
  const now = deps.now();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const challenge = await trx
      .selectFrom("takeover_recovery_challenges as c")
      .innerJoin("enforcements as e", "e.id", "c.enforcement_id")
      .innerJoin("customer_users as u", "u.id", "c.customer_user_id")
      .select([
        "c.id",
        "c.customer_user_id",
        "c.code_hash",
        "c.attempts",
        "c.enforcement_id",
        "e.status as enforcement_status",
        "u.account_id",
      ])
      .where("c.sent_to", "=", input.email)
      .where("c.used_at", "is", null)
      .where("c.expires_at", ">", now)
      .orderBy("c.created_at", "desc")
      .forUpdate("c")
      .executeTakeFirst();
    if (!challenge) return null;
    const presented = hashRecoveryChallengeCode(
      deps.config.secretKey,
      challenge.customer_user_id,
      input.code,
    );
    const matches =
      presented.length === challenge.code_hash.length && timingSafeEqual(presented, challenge.code_hash);
    if (!matches) {
      const attempts = challenge.attempts + 1;
      await trx
        .updateTable("takeover_recovery_challenges")
        .set({ attempts, used_at: attempts >= TAKEOVER_RECOVERY_MAX_ATTEMPTS ? now : null })
        .where("id", "=", challenge.id)
        .execute();
      await recordAudit(trx, { type: "system" }, meta, {
        action: "auth.takeover_recovery_code_rejected",
        subjectType: "customer_user",
        subjectId: challenge.customer_user_id,
        accountId: challenge.account_id,
        after: { attempts, spent: attempts >= TAKEOVER_RECOVERY_MAX_ATTEMPTS },
      });
      return null;
    }
    await trx
      .updateTable("takeover_recovery_challenges")
      .set({ used_at: now })
      .where("id", "=", challenge.id)
      .execute();
    if (challenge.enforcement_status !== "active") return "restored" as const;
    const issued = await startSession(
      trx,
      deps,
      meta,
      "customer",
      challenge.customer_user_id,
      "recovery",
      presentedSessionId,
    );
    await recordAudit(
      trx,
      { type: "customer", userId: challenge.customer_user_id, accountId: challenge.account_id },
      meta,
      {
        action: "auth.takeover_recovery_signed_in",
        subjectType: "session",
        subjectId: issued.sessionId,
        accountId: challenge.account_id,
        after: { stage: "recovery", enforcementId: challenge.enforcement_id },
      },
    );
    return issued;
  });
  if (outcome === "restored") {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "Your account is no longer suspended: sign in with your password as usual.",
    );
  }
  if (!outcome)
    throw new DomainError("INVALID_CREDENTIALS", INVALID, { fields: { code: "Not valid or expired" } });
  return outcome;
}
