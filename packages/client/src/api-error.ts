import { TRPCClientError } from "@trpc/client";
import type { FailedSubmit } from "@trustdesk/ui";

/** What the UI needs to know about a failed call, whatever shape it failed in. */
export interface ApiError {
  /** tRPC error code (UNAUTHORIZED, BAD_REQUEST, TOO_MANY_REQUESTS, …), null when unreachable. */
  code: string | null;
  /** The domain's finer code (INVALID_CREDENTIALS, ACCOUNT_LOCKED, CSRF_REJECTED, …) when there is one. */
  domainCode: string | null;
  /** Seconds until a retry can succeed (rate limits, lockouts). */
  retryAfterSeconds: number | null;
  httpStatus: number | null;
  /** A message safe to show. */
  message: string;
  /** The API's request id, to quote to support when something unexpected happened. */
  requestId: string | null;
  /** Per-field messages of a validation failure. */
  fieldErrors: Record<string, string> | null;
  /**
   * The domain error's structured details as the API sent them (e.g. `{ unmet: [...] }` on a
   * refused lift); the app that asked knows their shape.
   */
  details: Record<string, unknown> | null;
  /** network: never reached the API; unexpected: a bug or outage (show the request id). */
  kind: "expected" | "unexpected" | "network";
}

const NETWORK_MESSAGE = "We couldn't reach Trustdesk. Check your connection and try again.";
const UNEXPECTED_MESSAGE = "Something went wrong on our side. Please try again in a moment.";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function stringRecord(value: unknown): Record<string, string> | null {
  if (!isRecord(value)) return null;
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(value)) {
    if (typeof message === "string") out[key] = message;
  }
  return Object.keys(out).length > 0 ? out : null;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    if (!isRecord(data)) {
      return {
        code: null,
        domainCode: null,
        retryAfterSeconds: null,
        httpStatus: null,
        message: NETWORK_MESSAGE,
        requestId: null,
        fieldErrors: null,
        details: null,
        kind: "network",
      };
    }
    const code = typeof data.code === "string" ? data.code : null;
    const httpStatus = typeof data.httpStatus === "number" ? data.httpStatus : null;
    const requestId = typeof data.requestId === "string" ? data.requestId : null;
    const unexpected = code === "INTERNAL_SERVER_ERROR" || (httpStatus !== null && httpStatus >= 500);
    return {
      code,
      domainCode: typeof data.domainCode === "string" ? data.domainCode : null,
      retryAfterSeconds: typeof data.retryAfterSeconds === "number" ? data.retryAfterSeconds : null,
      httpStatus,
      message: unexpected || !error.message ? UNEXPECTED_MESSAGE : error.message,
      requestId,
      fieldErrors: stringRecord(data.fieldErrors),
      details: isRecord(data.details) ? data.details : null,
      kind: unexpected ? "unexpected" : "expected",
    };
  }
  return {
    code: null,
    domainCode: null,
    retryAfterSeconds: null,
    httpStatus: null,
    message: UNEXPECTED_MESSAGE,
    requestId: null,
    fieldErrors: null,
    details: null,
    kind: "unexpected",
  };
}

/** The signed-in person's role does not allow the call (HTTP 403, other than a refused CSRF token). */
export function isForbidden(api: ApiError): boolean {
  return api.code === "FORBIDDEN" && api.domainCode !== "CSRF_REJECTED";
}

/** A failed mutation as form errors: field errors beside fields, the message in the summary. */
export function toFailedSubmit(error: unknown): FailedSubmit {
  const api = toApiError(error);
  return {
    message: api.message,
    fields: api.fieldErrors,
    requestId: api.kind === "unexpected" ? api.requestId : null,
  };
}

/**
 * A failed call as a dialog shows it: the message, and the request id to quote only when it was
 * unexpected. Null while nothing failed.
 */
export function toDialogError(error: unknown): { message: string; requestId: string | null } | null {
  if (error === null || error === undefined) return null;
  const api = toApiError(error);
  return { message: api.message, requestId: api.kind === "unexpected" ? api.requestId : null };
}
