import type { CustomerSignUpInput } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";
import { hashPassword } from "../security/passwords.ts";
import { deviceHash } from "../vetting/device-hash.ts";

/**
 * The sign-up form. It answers "check your email" to everyone and does the same work for every
 * address — the rate limits, the password hash, one insert — so neither the answer nor its timing
 * says whether the address already has an account. `processSignUpRequests` then mails either a
 * link that creates the account (`confirmSignUp`) or, to an existing owner, "someone tried to sign
 * up with your address". No account exists before its owner proves the address, so nobody can
 * occupy someone else's address in advance.
 */
export async function requestSignUp(
  deps: ServiceDeps,
  meta: RequestMeta,
  input: CustomerSignUpInput,
): Promise<void> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.signUpPerIp, meta.ip ?? "unknown");
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.signUpPerEmail, input.email);
  // Hashed now for new and existing addresses alike: the form's answer takes the same time.
  const passwordHash = await hashPassword(input.password, deps.config.fastPasswordHashing);
  await deps.db
    .insertInto("signup_requests")
    .values({
      email: input.email,
      name: input.name,
      account_name: input.accountName,
      website: input.website ?? null,
      country: input.country ?? null,
      password_hash: passwordHash,
      signup_ip: meta.ip,
      device_hash: input.deviceId ? deviceHash(deps.config.secretKey, input.deviceId) : null,
      request_id: meta.requestId,
      created_at: deps.now(),
    })
    .execute();
}
