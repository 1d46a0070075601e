import { randomBytes } from "node:crypto";
import { hmac, safeEqual } from "./tokens.ts";

/**
 * Signed double-submit CSRF tokens (OWASP), bound to the session: the server sets a readable cookie
 * holding `nonce.signature`, where the signature is an HMAC over the nonce *and* the browser's
 * session binding; the SPA echoes it in a header on every call. A cross-site page can neither read
 * the cookie nor forge a signature, and a token taken from one session (or planted from a sibling
 * domain) fails on any other, because the binding differs.
 */
export interface CsrfBindingParts {
  /** A random, httpOnly id the host gives every browser before any session (binds sign-in itself). */
  preSession: string;
  /** The raw session cookies of each realm, when present: a new session means a new token. */
  customerSession?: string | undefined;
  staffSession?: string | undefined;
}

export function csrfBinding(parts: CsrfBindingParts): string {
  return [parts.preSession, parts.customerSession ?? "", parts.staffSession ?? ""].join("\0");
}

function sign(secretKey: string, binding: string, nonce: string): string {
  return hmac(secretKey, "csrf", `${nonce}\0${binding}`);
}

export function issueCsrfToken(secretKey: string, binding: string): string {
  const nonce = randomBytes(18).toString("base64url");
  return `${nonce}.${sign(secretKey, binding, nonce)}`;
}

export function verifyCsrfToken(
  secretKey: string,
  binding: string,
  cookieValue: string | undefined,
  headerValue: string | undefined,
): boolean {
  if (!cookieValue || !headerValue || !safeEqual(cookieValue, headerValue)) return false;
  const [nonce, signature, ...rest] = cookieValue.split(".");
  if (!nonce || !signature || rest.length > 0) return false;
  return safeEqual(signature, sign(secretKey, binding, nonce));
}
