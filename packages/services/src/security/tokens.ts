import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** 256-bit random token, base64url (43 characters): session cookies, reset links. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens carry 256 bits of entropy, so a fast hash is enough to keep them out of the database. */
export function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

export function hmac(key: string, purpose: string, value: string): string {
  return createHmac("sha256", key).update(`${purpose}\0${value}`).digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
