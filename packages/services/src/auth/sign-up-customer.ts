import { appendAuditEvent, type Executor, enqueueMail } from "@trustdesk/db";
import { type CustomerSignUpInput, DomainError, type VettingOutcome } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { welcomeMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword } from "../security/passwords.ts";
import { gatherEmailDomainSignals } from "../vetting/gather-signup-signals.ts";
import { vetSignupInTransaction } from "../vetting/vet-signup.ts";
import { type IssuedSession, startSession } from "./start-session.ts";

const EMAIL_TAKEN =
  "An account with this email already exists. Sign in, or reset your password if you forgot it.";

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
 * Creates the account, its owner and a signed-in session in one transaction, and vets the sign-up
 * in that same transaction (synchronously: the answer says whether the account may send). The
 * email domain's DNS lookup runs before the transaction, beside the password hashing, and is bounded
 * by the DNS timeout. A review or reject restricts the account; the session is issued anyway — a
 * restricted account can still sign in to see why and to open a ticket.
 */
export async function signUpCustomer(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: CustomerSignUpInput,
  presentedSessionId: string | null,
): Promise<SignUpResult> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.signUpPerIp, meta.ip ?? "unknown");
  const vettingEnabled = deps.config.vettingEnabled ?? true;
  const [passwordHash, emailSignals] = await Promise.all([
    hashPassword(input.password, deps.config.fastPasswordHashing),
    vettingEnabled ? gatherEmailDomainSignals(deps, input.email) : null,
  ]);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom("customer_users")
        .select("id")
        .where("email", "=", input.email)
        .executeTakeFirst();
      if (exists)
        throw new DomainError("CONFLICT", EMAIL_TAKEN, {
          fields: { email: "This email already has an account" },
        });
      const account = await trx
        .insertInto("accounts")
        .values({
          name: input.accountName,
          website: input.website ?? null,
          country: input.country ?? null,
          signup_ip: meta.ip,
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
          password_hash: passwordHash,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const vetting = emailSignals
        ? await vetSignupInTransaction(
            trx,
            meta,
            {
              accountId: account.id,
              ip: meta.ip,
              email: input.email,
              name: input.name,
              company: input.accountName,
              website: input.website ?? null,
              country: input.country ?? null,
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
        },
      });
      await enqueueMail(trx, welcomeMail(input.email, input.name, deps.config.publicUrl));
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
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same answer.
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
