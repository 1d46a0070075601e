import { type Executor, enqueueMail, lockAccount, revokeAccountCustomerSessions } from "@trustdesk/db";
import {
  type AccountTakeoverEvidence,
  type CompromiseReportInput,
  type CompromiseReportResult,
  DomainError,
} from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { openCase } from "../cases/open-case.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { accountTakeoverSuspensionMail } from "../mail/templates.ts";
import { findRecoveryContact } from "../recovery/find-active-takeover.ts";
import { applyEnforcement } from "./apply-enforcement.ts";

type Reporter =
  | Extract<Actor, { type: "staff" }>
  | (Extract<Actor, { type: "service" }> & { tokenId: string });

/** The report this reporter already sent under this id, if any (ids are the reporter's own). */
function findReport(trx: Executor, reporter: Reporter, reportId: string) {
  return trx
    .selectFrom("compromise_reports as r")
    .leftJoin("cases as c", "c.id", "r.case_id")
    .select(["r.account_id", "r.enforcement_id", "c.number", "c.hotline_number"])
    .where("r.report_id", "=", reportId)
    .where(
      reporter.type === "staff" ? "r.reporter_staff_id" : "r.reporter_service_token_id",
      "=",
      reporter.type === "staff" ? reporter.staffId : reporter.tokenId,
    )
    .executeTakeFirst();
}

/**
 * Account takeover, at once and in one transaction: suspend the account, revoke every customer
 * session, disable every API key, open the case (with the hotline) and write the customer's mail.
 *
 * Exactly once, also under concurrency: the account is locked first, so reports on one account run
 * one after the other; the replay check (report ids are unique per reporter, not globally) comes
 * before anything is enforced, so a retried report — even after the suspension was lifted — changes
 * nothing. A new report while a lift awaits approval withdraws that request: the approval must be
 * given on the new evidence.
 */
export async function reportCompromise(
  deps: ServiceDeps,
  reporter: Reporter,
  meta: RequestMeta | null,
  input: CompromiseReportInput,
): Promise<CompromiseReportResult> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await lockAccount(trx, input.accountId)))
      throw new DomainError("NOT_FOUND", "No account with that id.", {
        fields: { accountId: "no account with this id" },
      });

    const replay = (existing: NonNullable<Awaited<ReturnType<typeof findReport>>>) => {
      if (existing.account_id !== input.accountId) {
        throw new DomainError(
          "CONFLICT",
          "You already sent a report with this id for another account: use a new id for each report.",
          { fields: { reportId: "already used for another account" } },
        );
      }
      if (!existing.number || !existing.enforcement_id)
        throw new DomainError("CONFLICT", "This report is still being processed: retry in a moment.");
      return {
        reportId: input.reportId,
        accountId: existing.account_id,
        caseNumber: existing.number,
        hotlineNumber: existing.hotline_number ?? deps.config.hotlineNumber,
        enforcementId: existing.enforcement_id,
        created: false,
      };
    };
    const earlier = await findReport(trx, reporter, input.reportId);
    if (earlier) return replay(earlier);

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
      // The same reporter id sent for another account at the same moment (that account's lock is
      // not ours): the unique constraint decides, and the loser answers CONFLICT below.
      .onConflict((oc) =>
        oc
          .columns([
            reporter.type === "staff" ? "reporter_staff_id" : "reporter_service_token_id",
            "report_id",
          ])
          .doNothing(),
      )
      .returning("id")
      .executeTakeFirst();

    if (!inserted) {
      const existing = await findReport(trx, reporter, input.reportId);
      if (!existing) throw new DomainError("CONFLICT", "This report id is in use: retry in a moment.");
      return replay(existing);
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
    if (!enforcement.created) await withdrawPendingLiftRequest(trx, reporter, meta, enforcement.id);
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
    const hotline = kase.hotlineNumber ?? deps.config.hotlineNumber;
    // The customer is told once per suspension: a further report on an account that is already
    // suspended joins the case (sessions and keys are cut again) without a second mail.
    const recipients = enforcement.created
      ? await trx
          .selectFrom("customer_users")
          .select("email")
          .where("account_id", "=", input.accountId)
          .where("role", "in", ["owner", "admin"])
          .execute()
      : [];
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

/** A lift awaiting approval was asked for on evidence that a new report has just changed. */
async function withdrawPendingLiftRequest(
  trx: Executor,
  actor: Actor,
  meta: RequestMeta | null,
  enforcementId: string,
): Promise<void> {
  // The account is locked by the caller: nobody changes the request between this read and the update.
  const cleared = await trx
    .selectFrom("enforcements")
    .select(["account_id", "lift_requested_by_staff_id"])
    .where("id", "=", enforcementId)
    .where("lift_requested_at", "is not", null)
    .executeTakeFirst();
  if (cleared) {
    await trx
      .updateTable("enforcements")
      .set({ lift_requested_by_staff_id: null, lift_requested_at: null, lift_request_note: null })
      .where("id", "=", enforcementId)
      .execute();
  }
  if (!cleared) return;
  await recordAudit(trx, actor, meta, {
    action: "enforcement.lift_request_withdrawn",
    subjectType: "enforcement",
    subjectId: enforcementId,
    accountId: cleared.account_id,
    before: { liftRequestedBy: cleared.lift_requested_by_staff_id },
    after: { liftRequestedBy: null, why: "a new compromise report arrived" },
  });
}
