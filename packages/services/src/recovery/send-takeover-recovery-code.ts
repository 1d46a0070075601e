import { randomInt } from "node:crypto";
import { type Executor, enqueueMail } from "@trustdesk/db";
import { TAKEOVER_RECOVERY_CODE_DIGITS, TAKEOVER_RECOVERY_CODE_TTL_MINUTES } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { takeoverRecoveryCodeMail } from "../mail/templates.ts";
import { hmac } from "../security/tokens.ts";
import type { ActiveTakeover } from "./find-active-takeover.ts";

/**
 * Codes have only 10^8 values, so a plain hash of one would fall to an offline search: the stored
 * value is an HMAC under the server's secret key.
 */
export function hashRecoveryChallengeCode(secretKey: string, challengeUserId: string, code: string): Buffer {
  return Buffer.from(hmac(secretKey, `takeover-recovery:${challengeUserId}`, code), "base64url");
}

/**
 * Writes a fresh one-time code for the takeover's recovery contact and mails it to the address
 * from before the compromise. Earlier unused codes stop working: only the newest mail counts.
 */
export async function sendTakeoverRecoveryCode(
  trx: Executor,
  deps: ServiceDeps,
  meta: RequestMeta,
  takeover: ActiveTakeover & { recovery: NonNullable<ActiveTakeover["recovery"]> },
): Promise<void> {
  const now = deps.now();
  const { customerUserId, email } = takeover.recovery;
  await trx
    .updateTable("takeover_recovery_challenges")
    .set({ used_at: now })
    .where("customer_user_id", "=", customerUserId)
    .where("used_at", "is", null)
    .execute();
  const code = String(randomInt(0, 10 ** TAKEOVER_RECOVERY_CODE_DIGITS)).padStart(
    TAKEOVER_RECOVERY_CODE_DIGITS,
    "0",
  );
  const row = await trx
    .insertInto("takeover_recovery_challenges")
    .values({
      customer_user_id: customerUserId,
      enforcement_id: takeover.enforcementId,
      sent_to: email,
      code_hash: hashRecoveryChallengeCode(deps.config.secretKey, customerUserId, code),
      created_at: now,
      expires_at: new Date(now.getTime() + TAKEOVER_RECOVERY_CODE_TTL_MINUTES * 60_000),
      used_at: null,
      requested_ip: meta.ip,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await enqueueMail(
    trx,
    takeoverRecoveryCodeMail(email, code, TAKEOVER_RECOVERY_CODE_TTL_MINUTES, {
      caseNumber: takeover.caseNumber,
      hotline: takeover.hotlineNumber ?? deps.config.hotlineNumber,
      portalUrl: deps.config.publicUrl,
    }),
  );
  const user = await trx
    .selectFrom("customer_users")
    .select("account_id")
    .where("id", "=", customerUserId)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { type: "system" }, meta, {
    action: "auth.takeover_recovery_code_sent",
    subjectType: "customer_user",
    subjectId: customerUserId,
    accountId: user.account_id,
    after: { challengeId: row.id, enforcementId: takeover.enforcementId },
  });
}
