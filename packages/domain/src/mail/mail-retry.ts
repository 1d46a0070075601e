/** How often and how patiently the outbox retries a mail whose delivery failed. */
export const MAIL_RETRY = {
  /** Delivery attempts (the first one included) before a mail is given up as failed. */
  maxAttempts: 8,
  /** The wait after the first failure; it doubles after each further failure… */
  firstDelaySeconds: 30,
  /** …up to this. */
  maxDelaySeconds: 3600,
} as const;

export interface MailRetryDecision {
  /** `failed`: given up, the row stays for a person to look at. */
  status: "pending" | "failed";
  retryInSeconds: number;
}

/**
 * What to do after delivery attempt number `attempts` (1 for the first) failed: exponential backoff
 * (30 s, 1 min, 2 min … capped at 1 h), and after `maxAttempts` attempts the mail is failed.
 */
export function afterFailedDelivery(
  attempts: number,
  maxAttempts: number = MAIL_RETRY.maxAttempts,
): MailRetryDecision {
  const retryInSeconds = Math.min(
    MAIL_RETRY.maxDelaySeconds,
    MAIL_RETRY.firstDelaySeconds * 2 ** Math.max(0, attempts - 1),
  );
  return { status: attempts >= maxAttempts ? "failed" : "pending", retryInSeconds };
}
