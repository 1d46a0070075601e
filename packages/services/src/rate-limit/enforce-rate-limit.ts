import { deleteRateLimitCounter, type Executor, hitRateLimitCounter } from "@trustdesk/db";
import { DomainError } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";

export interface RateLimitRule {
  /** What is limited, e.g. `sign-in:ip`; the subject (ip, email) is appended. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** Named limits for every authentication endpoint, in one place so they can be reviewed together. */
export const AUTH_RATE_LIMITS = {
  signInPerIp: { name: "sign-in:ip", limit: 30, windowSeconds: 600 },
  signInPerEmail: { name: "sign-in:email", limit: 10, windowSeconds: 600 },
  secondFactorPerUser: { name: "second-factor:user", limit: 10, windowSeconds: 600 },
  signUpPerIp: { name: "sign-up:ip", limit: 10, windowSeconds: 3600 },
  /** Counted for new and existing addresses alike: each sign-up mails the address. */
  signUpPerEmail: { name: "sign-up:email", limit: 3, windowSeconds: 3600 },
  confirmSignUpPerIp: { name: "confirm-sign-up:ip", limit: 20, windowSeconds: 3600 },
  resetRequestPerIp: { name: "reset-request:ip", limit: 10, windowSeconds: 3600 },
  resetRequestPerEmail: { name: "reset-request:email", limit: 3, windowSeconds: 3600 },
  resetPerIp: { name: "reset:ip", limit: 20, windowSeconds: 3600 },
  changePasswordPerUser: { name: "change-password:user", limit: 10, windowSeconds: 3600 },
  // Account-takeover recovery is what an attacker most wants to reach: strict on both sides.
  recoveryRequestPerIp: { name: "recovery-request:ip", limit: 10, windowSeconds: 3600 },
  recoveryRequestPerEmail: { name: "recovery-request:email", limit: 3, windowSeconds: 3600 },
  recoveryVerifyPerIp: { name: "recovery-verify:ip", limit: 20, windowSeconds: 3600 },
  recoveryVerifyPerEmail: { name: "recovery-verify:email", limit: 10, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimitRule>;

export async function enforceRateLimit(
  deps: ServiceDeps,
  rule: RateLimitRule,
  subject: string,
): Promise<void> {
  const { hits, windowStartedAt } = await hitRateLimitCounter(
    deps.db,
    `${rule.name}:${subject}`,
    rule.windowSeconds,
  );
  if (hits > rule.limit) {
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((windowStartedAt.getTime() + rule.windowSeconds * 1000 - deps.now().getTime()) / 1000),
    );
    throw new DomainError(
      "RATE_LIMITED",
      `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`,
      {
        retryAfterSeconds,
      },
    );
  }
}

/** Forgets a counter, e.g. the per-email sign-in limit once a password reset proved the mailbox. */
export async function clearRateLimit(db: Executor, rule: RateLimitRule, subject: string): Promise<void> {
  await deleteRateLimitCounter(db, `${rule.name}:${subject}`);
}

export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}
