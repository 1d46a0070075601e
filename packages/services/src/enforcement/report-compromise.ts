import { enqueueMail, revokeAccountCustomerSessions } from "@trustdesk/db";
import { type AccountTakeoverEvidence, type CompromiseReportInput, DomainError } from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { openCase } from "../cases/open-case.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { accountTakeoverSuspensionMail } from "../mail/templates.ts";
import { findRecoveryContact } from "../recovery/find-active-takeover.ts";
import { applyEnforcement } from "./apply-enforcement.ts";

export interface CompromiseReportResult {
  reportId: string;
  accountId: string;
  caseNumber: string;
  hotlineNumber: string;
  enforcementId: string;
  /** False when this report id was already processed: a retry changes nothing. */
  created: boolean;
}

type Reporter =
  | Extract<Actor, { type: "staff" }>
  | (Extract<Actor, { type: "service" }> & { tokenId: string });

/**
 * Account takeover, at once and in one transaction: suspend the account, revoke every customer
 * session, disable every API key, open the case (with the hotline) and write the customer's mail.
 * Idempotent on the reporter's report id.
 */
export async function reportCompromise(
  deps: ServiceDeps,
  reporter: Reporter,
  meta: RequestMeta | null,
  input: CompromiseReportInput,
): Promise<CompromiseReportResult> {
  return deps.db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom("accounts")
      .select(["id"])
      .where("id", "=", input.accountId)
      .executeTakeFirst();
    if (!account)
      throw new DomainError("NOT_FOUND", "No account with that id.", {
        fields: { accountId: "no account with this id" },
      });

    const inserted = await trx
      .insertInto("compromise_reports")
      .values({
        report_id: input.reportId,
        source: reporter.type,
        reporter_staff_id: reporter.type === "staff" ? reporter.staffId : null,
        reporter_service_token_id: reporter.type === "service" ? reporter.tokenId : null,
        account_id: input.accountId,
        summary: input.summary,
        signals: JSON.stringify(input.signals),
      })
      .onConflict((oc) => oc.column("report_id").doNothing())
      .returning("id")
      .executeTakeFirst();

    if (!inserted) {
      const existing = await trx
        .selectFrom("compromise_reports as r")
        .innerJoin("cases as c", "c.id", "r.case_id")
        .select(["r.account_id", "r.enforcement_id", "c.number", "c.hotline_number"])
        .where("r.report_id", "=", input.reportId)
        .executeTakeFirstOrThrow();
      if (existing.account_id !== input.accountId) {
        throw new DomainError("CONFLICT", "This report id was already used for another account.", {
          fields: { reportId: "already used for another account" },
        });
      }
      return {
        reportId: input.reportId,
        accountId: existing.account_id,
        caseNumber: existing.number,
        hotlineNumber: existing.hotline_number ?? deps.config.hotlineNumber,
        enforcementId: existing.enforcement_id as string,
        created: false,
      };
    }

    const now = deps.now();
    const kase = await openCase(trx, deps, reporter, meta, {
      accountId: input.accountId,
      reason: "account_takeover",
      summary: `Compromise reported (${input.reportId}): ${input.summary}`,
    });
    // Frozen now: whoever controls the account later cannot move where the recovery code goes.
    const recovery = await findRecoveryContact(trx, input.accountId, now);
    const evidence: AccountTakeoverEvidence = {
      reason: "account_takeover",
      reportId: input.reportId,
      reporterKind: reporter.type === "staff" ? "fraud_analyst" : "internal_system",
      signals: input.signals,
      summary: input.summary,
      reportedAt: now.toISOString(),
      ...(recovery ? { recovery } : {}),
    };
    const enforcement = await applyEnforcement(trx, reporter, meta, {
      accountId: input.accountId,
      policyCode: reporter.type === "staff" ? "ato.reported_by_fraud" : "ato.reported_by_detector",
      evidence,
      caseId: kase.id,
    });
    const sessionsRevoked = await revokeAccountCustomerSessions(
      trx,
      input.accountId,
      "account_takeover",
      now,
    );
    const keys = await trx
      .updateTable("api_keys")
      .set({ disabled_at: now })
      .where("account_id", "=", input.accountId)
      .where("disabled_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    await trx
      .updateTable("compromise_reports")
      .set({ enforcement_id: enforcement.id, case_id: kase.id })
      .where("id", "=", inserted.id)
      .execute();
    await recordAudit(trx, reporter, meta, {
      action: "account.compromise_reported",
      subjectType: "account",
      subjectId: input.accountId,
      accountId: input.accountId,
      after: {
        reportId: input.reportId,
        caseNumber: kase.number,
        sessionsRevoked,
        apiKeysDisabled: keys.length,
      },
    });
    const recipients = await trx
      .selectFrom("customer_users")
      .select("email")
      .where("account_id", "=", input.accountId)
      .where("role", "in", ["owner", "admin"])
      .execute();
    const hotline = kase.hotlineNumber ?? deps.config.hotlineNumber;
    for (const r of recipients) {
      await enqueueMail(
        trx,
        accountTakeoverSuspensionMail(r.email, kase.number, hotline, deps.config.publicUrl),
      );
    }
    return {
      reportId: input.reportId,
      accountId: input.accountId,
      caseNumber: kase.number,
      hotlineNumber: hotline,
      enforcementId: enforcement.id,
      created: true,
    };
  });
}
