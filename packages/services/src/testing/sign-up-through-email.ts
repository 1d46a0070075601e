import type { CustomerSignUpInput } from "@trustdesk/domain";
import { confirmSignUp, type SignUpResult } from "../auth/confirm-sign-up.ts";
import { processSignUpRequests } from "../auth/process-sign-up-requests.ts";
import { requestSignUp } from "../auth/request-sign-up.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";

/** The token of the newest sign-up link mailed to `email` (from the outbox, as the customer reads it). */
export async function latestSignUpToken(deps: ServiceDeps, email: string): Promise<string> {
  const mail = await deps.db
    .selectFrom("mail_outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .where("template", "=", "sign_up_confirm")
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const token = /confirm-sign-up\?token=([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
  if (!token) throw new Error(`the sign-up mail to ${email} has no link`);
  return token;
}

/**
 * A whole sign-up as a customer makes it: the form, the pass that mails the link, and the link.
 * For tests and the benchmark.
 */
export async function signUpThroughEmail(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: CustomerSignUpInput,
  presentedSessionId: string | null = null,
): Promise<SignUpResult> {
  await requestSignUp(deps, meta, input);
  await processSignUpRequests(deps);
  return confirmSignUp(deps, meta, await latestSignUpToken(deps, input.email), presentedSessionId);
}
