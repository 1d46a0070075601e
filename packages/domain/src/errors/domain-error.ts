/**
 * Every failure a person can act on has a code here. The API maps each code to one tRPC code and
 * HTTP status in one place (the error formatter); anything that is not a DomainError is a bug and
 * reaches the client only as a generic message with the request id.
 */
export const DOMAIN_ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ACCOUNT_LOCKED: 429,
  VALIDATION: 400,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export interface DomainErrorOptions {
  /** Seconds until a retry can succeed (rate limits, lockouts). */
  retryAfterSeconds?: number;
  /** Field-level detail for VALIDATION errors: path → message. */
  fields?: Record<string, string>;
  /** Structured detail safe to show (e.g. unmet reactivation requirements). */
  details?: unknown;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: Record<string, string> | undefined;
  readonly details: unknown;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fields = options.fields;
    this.details = options.details;
  }

  get status(): number {
    return DOMAIN_ERROR_STATUS[this.code];
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
