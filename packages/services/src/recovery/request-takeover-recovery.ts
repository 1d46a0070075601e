import { enqueueMail } from "@trustdesk/db";
import type { RequestTakeoverRecoveryInput } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { takeoverRecoveryNotNeededMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { findActiveTakeover } from "./find-active-takeover.ts";
import { sendTakeoverRecoveryCode } from "./send-takeover-recovery-code.ts";

export interface RecoveryRequestAccepted {
  /**
   * The work behind the answer (look-up, code, mail). The caller answers without waiting for it, so
   * the response is the same, in the same time, whether or not the address belongs to anyone.
   */
  settled: Promise<void>;
}

/**
 * "My account was taken over" without a password: the address is all the customer gives. Limited per
 * IP and per address before anything else; then, off the response path, a code goes to the owner's
 * pre-compromise address of a suspended account, and a real customer whose account is not suspended
 * gets a mail saying so (someone asked in their name). Unknown addresses get nothing.
 */
export async function requestTakeoverRecovery(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: RequestTakeoverRecoveryInput,
): Promise<RecoveryRequestAccepted> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.recoveryRequestPerIp, meta.ip ?? "unknown");
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.recoveryRequestPerEmail, input.email);
  return { settled: sendRecoveryFor(deps, meta, input.email) };
}

async function sendRecoveryFor(deps: ServiceDeps, meta: RequestMeta, email: string): Promise<void> {
  // Current holders of the address, and past ones: an owner whose address the thief changed still
  // types the address they know.
  const candidates = await deps.db
    .selectFrom("customer_users as u")
    .select(["u.id", "u.account_id", "u.email"])
    .where((eb) =>
      eb.or([
        eb("u.email", "=", email),
        eb(
          "u.id",
          "in",
          eb.selectFrom("customer_email_history").select("customer_user_id").where("email", "=", email),
        ),
      ]),
    )
    .execute();
  await deps.db.transaction().execute(async (trx) => {
    for (const user of candidates) {
      const takeover = await findActiveTakeover(trx, user.account_id);
      if (takeover?.recovery && takeover.recovery.email === email) {
        await sendTakeoverRecoveryCode(trx, deps, meta, { ...takeover, recovery: takeover.recovery });
        return;
      }
    }
    // "Not suspended" only when it is true: an address set on a suspended account (perhaps by the
    // thief) is not where the code goes, and is told nothing.
    const current = candidates.find((u) => u.email === email);
    if (current && !(await findActiveTakeover(trx, current.account_id))) {
      await enqueueMail(trx, takeoverRecoveryNotNeededMail(current.email, deps.config.publicUrl));
    }
  });
}
