import { randomInt } from "node:crypto";
import { sha256 } from "./tokens.ts";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten single-use codes like `k3m9p-x2q7r` (~50 bits each); shown once, stored hashed. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let s = "";
    for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** Codes are compared without the dash and case-insensitively (the domain schema normalises input). */
export function hashRecoveryCode(code: string): Buffer {
  return sha256(`recovery:${code.replace("-", "").toLowerCase()}`);
}
