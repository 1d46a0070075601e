import { appendAuditEvent, enqueueMail } from "@trustdesk/db";
import { type CustomerSignUpInput, DomainError } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { welcomeMail } from "../mail/templates.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword } from "../security/passwords.ts";
import { type IssuedSession, startSession } from "./start-session.ts";

const EMAIL_TAKEN =
  "An account with this email already exists. Sign in, or reset your password if you forgot it.";

export interface SignUpResult extends IssuedSession {
  accountId: string;
  userId: string;
}

/**
 * Creates the account, its owner and a signed-in session in one transaction. Every sign-up gets a
 * vetting decision; until the vetting policy lands (a later issue) that decision is "approve".
 */
export async function signUpCustomer(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: CustomerSignUpInput,
  presentedSessionId: string | null,
): Promise<SignUpResult> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.signUpPerIp, meta.ip ?? "unknown");
  const passwordHash = await hashPassword(input.password, deps.config.fastPasswordHashing);
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
      await trx
        .insertInto("vetting_decisions")
        .values({
          account_id: account.id,
          outcome: "approve",
          fired_rules: "[]",
          signals: JSON.stringify({ note: "vetting policy not yet enabled" }),
          decided_by: "policy",
          policy_version: null,
          decided_by_staff_id: null,
          note: null,
        })
        .execute();
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
        after: { name: input.accountName, plan: account.plan, ownerEmail: input.email, vetting: "approve" },
      });
      await enqueueMail(trx, welcomeMail(input.email, input.name, deps.config.publicUrl));
      const issued = await startSession(trx, deps, meta, "customer", user.id, "full", presentedSessionId);
      await appendAuditEvent(trx, {
        ...audit,
        action: "auth.signed_in",
        subjectType: "session",
        subjectId: issued.sessionId,
      });
      return { ...issued, accountId: account.id, userId: user.id };
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
