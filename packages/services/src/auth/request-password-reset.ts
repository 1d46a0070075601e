import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { AUTH_RATE_LIMITS, enforceRateLimit } from "../rate-limit/enforce-rate-limit.ts";

/**
 * The "forgot password" form. It only records the request — one insert, the same for every
 * address — and answers; `processPasswordResetRequests` (a pass beside the outbox poller) looks the
 * address up and mails the link. So neither the answer nor its timing can tell who is a customer.
 *
 * Why a table and not a fire-and-forget promise: the request survives a restart between the answer
 * and the mail, a failed pass is retried, a flood of requests becomes a queue worked at a bounded
 * rate instead of unbounded concurrent work, and the token, mail and audit event are still written
 * in one transaction like every other change.
 */
export async function requestPasswordReset(
  deps: ServiceDeps,
  meta: RequestMeta,
  email: string,
): Promise<void> {
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.resetRequestPerIp, meta.ip ?? "unknown");
  await enforceRateLimit(deps, AUTH_RATE_LIMITS.resetRequestPerEmail, email);
  await deps.db
    .insertInto("password_reset_requests")
    .values({ email, requested_ip: meta.ip, request_id: meta.requestId, created_at: deps.now() })
    .execute();
}
