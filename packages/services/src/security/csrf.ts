import { randomBytes } from "node:crypto";
import { hmac, safeEqual } from "./tokens.ts";

/**
 * Signed double-submit CSRF tokens (OWASP): the server sets a readable cookie holding
 * `nonce.signature`; the SPA echoes it in a header on every call. A cross-site page can neither read
 * the cookie nor forge a signature, and a cookie planted by a sibling domain fails the HMAC check.
 */
export function issueCsrfToken(secretKey: string): string {
  const nonce = randomBytes(18).toString("base64url");
  return `${nonce}.${hmac(secretKey, "csrf", nonce)}`;
}

export function verifyCsrfToken(
  secretKey: string,
  cookieValue: string | undefined,
  headerValue: string | undefined,
): boolean {
  if (!cookieValue || !headerValue || !safeEqual(cookieValue, headerValue)) return false;
  const [nonce, signature, ...rest] = cookieValue.split(".");
  if (!nonce || !signature || rest.length > 0) return false;
  return safeEqual(signature, hmac(secretKey, "csrf", nonce));
}
