import { DomainError, type RetryMailDeliveryInput } from "@trustdesk/domain";
import { sql } from "kysely";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { StaffActor } from "../enforcement/lift-enforcement.ts";

/**
 * An admin sends a dead-lettered (or failing) mail again: back to pending, due now, with a fresh
 * set of attempts. Audited. Retrying a mail that was sent meanwhile is refused (no double mail).
 */
export async function retryMailDelivery(
  deps: ServiceDeps,
  actor: StaffActor,
  meta: RequestMeta | null,
  input: RetryMailDeliveryInput,
): Promise<{ to: string; subject: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const mail = await trx
      .updateTable("mail_outbox")
      .set({ status: "pending", attempts: 0, next_attempt_at: sql`now()` })
      .where("id", "=", input.mailId)
      .where((eb) => eb.or([eb("status", "=", "failed"), eb("last_error", "is not", null)]))
      .where("status", "!=", "sent")
      .returning(["id", "to_address", "template", "subject", "last_error"])
      .executeTakeFirst();
    if (!mail) {
      throw new DomainError(
        "NOT_FOUND",
        "This mail is not waiting for a retry any more (it may have been sent). Reload the page.",
      );
    }
    await recordAudit(trx, actor, meta, {
      action: "mail.retried",
      subjectType: "mail",
      subjectId: mail.id,
      before: { lastError: mail.last_error },
      after: { template: mail.template },
    });
    return { to: mail.to_address, subject: mail.subject };
  });
}
