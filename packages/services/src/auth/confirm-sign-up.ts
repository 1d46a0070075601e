import { appendAuditEvent, type Executor, enqueueMail } from "@trustdesk/db";
import { DomainError, type VettingOutcome } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { welcomeMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { sha256 } from "../security/tokens.ts";
import { gatherEmailDomainSignals } from "../vetting/gather-signup-signals.ts";
import { vetSignupInTransaction } from "../vetting/vet-signup.ts";
import { type IssuedSession, startSession } from "./start-session.ts";

const EMAIL_TAKEN =
  "An account with this email already exists. Sign in, or reset your password if you forgot it.";
const LINK_UNUSABLE =
  "This sign-up link has expired or was already used. Sign in if you created your account, or sign up again.";

export interface SignUpResult extends IssuedSession {
  accountId: string;
  userId: string;
  /**
   * What the customer may be told about the automatic vetting: the outcome and a safe summary
   * (never rule ids, weights or list names — those are in the decision row, for agents).
   */
  vetting: { outcome: VettingOutcome; customerSummary: string };
}

/**
 * Opening the emailed sign-up link: creates the account, its owner and a signed-in session in one
 * transaction, and vets the sign-up in that same transaction (synchronously: the answer says
 * whether the account may send). The email domain's DNS lookup runs before the transaction,
 * bounded by the DNS timeout. A review or reject restricts the account; the session is issued
 * anyway — a restricted account can still sign in to see why and to open a ticket.
 *
 * The link works once (its row is locked and deleted); two links for one address confirmed at
 * once make one account: the unique index on the owner's email decides, the other is told to sign
 * in. Only the mailbox's holder has the link, so saying so reveals nothing to anyone else.
 */
export async function confirmSignUp(
  deps: ServiceDeps,
  meta: RequestMeta,
  token: string,
  presentedSessionId: string | null,
): Promise<SignUpResult> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.confirmSignUpPerIp, meta.ip ?? "unknown");
  const tokenHash = sha256(token);
  const pending = await deps.db
    .selectFrom("signup_requests")
    .select(["email"])
    .where("token_hash", "=", tokenHash)
    .where("expires_at", ">", deps.now())
    .executeTakeFirst();
  if (!pending) throw new DomainError("PRECONDITION_FAILED", LINK_UNUSABLE);
  const vettingEnabled = deps.config.vettingEnabled ?? true;
  const emailSignals = vettingEnabled ? await gatherEmailDomainSignals(deps, pending.email) : null;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const request = await trx
        .selectFrom("signup_requests")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .where("expires_at", ">", deps.now())
        .forUpdate()
        .executeTakeFirst();
      if (!request) throw new DomainError("PRECONDITION_FAILED", LINK_UNUSABLE);
      await trx.deleteFrom("signup_requests").where("id", "=", request.id).execute();
      const input = {
        email: request.email,
        name: request.name,
        accountName: request.account_name,
        website: request.website,
        country: request.country,
      };
      const account = await trx
        .insertInto("accounts")
        .values({
          name: input.accountName,
          website: input.website,
          country: input.country,
          signup_ip: request.signup_ip,
          signup_device_hash: request.device_hash,
        })
        .returning(["id", "plan"])
        .executeTakeFirstOrThrow();
      const user = await trx
        .insertInto("customer_users")
        .values({
          account_id: account.id,
          email: input.email,
          name: input.name,
          role: "owner",
          password_hash: request.password_hash,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const vetting = emailSignals
        ? await vetSignupInTransaction(
            trx,
            meta,
            {
              accountId: account.id,
              // The address that filled in the form, as the sign-up velocity counts it.
              ip: request.signup_ip,
              deviceHash: request.device_hash,
              email: input.email,
              name: input.name,
              company: input.accountName,
              website: input.website,
              country: input.country,
            },
            emailSignals,
          )
        : await recordUnvettedSignup(trx, account.id);
      const audit = {
        actorType: "customer" as const,
        actorId: user.id,
        accountId: account.id,
        requestId: meta.requestId,
        ip: meta.ip,
      };
      await appendAuditEvent(trx, {
        ...audit,
        action: "account.signed_up",
        subjectType: "account",
        subjectId: account.id,
        after: {
          name: input.accountName,
          plan: account.plan,
          ownerEmail: input.email,
          vetting: vetting.outcome,
          signUpRequestId: request.id,
        },
      });
      await enqueueMail(trx, welcomeMail(input.email, input.name, deps.config.publicUrl, vetting));
      const issued = await startSession(trx, deps, meta, "customer", user.id, "full", presentedSessionId);
      await appendAuditEvent(trx, {
        ...audit,
        action: "auth.signed_in",
        subjectType: "session",
        subjectId: issued.sessionId,
      });
      return {
        ...issued,
        accountId: account.id,
        userId: user.id,
        vetting: { outcome: vetting.outcome, customerSummary: vetting.customerSummary },
      };
    });
  } catch (error) {
    // Two links for one address confirmed at once: the unique index decides, the other signs in.
    if ((error as { code?: string }).code === "23505") {
      throw new DomainError("CONFLICT", EMAIL_TAKEN, {
        fields: { email: "This email already has an account" },
      });
    }
    throw error;
  }
}

/**
 * Vetting switched off by configuration (a local set-up without DNS): the sign-up still gets its
 * decision row, marked as unvetted (no policy version), so the record shows it was never checked.
 */
async function recordUnvettedSignup(trx: Executor, accountId: string) {
  await trx
    .insertInto("vetting_decisions")
    .values({
      account_id: accountId,
      outcome: "approve",
      fired_rules: "[]",
      signals: JSON.stringify({ note: "sign-up vetting is disabled by configuration" }),
      decided_by: "policy",
      policy_version: null,
      decided_by_staff_id: null,
      note: null,
    })
    .execute();
  return {
    outcome: "approve" as const,
    customerSummary: "Your sign-up passed our automatic checks and your account can send email.",
  };
}
