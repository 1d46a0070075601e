import { hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id parameters (m = 19 MiB, t = 2, p = 1); ~20 ms per hash off the event loop. */
const PRODUCTION = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** Test runs only: same algorithm, a fraction of the cost. */
const FAST = { memoryCost: 1_024, timeCost: 1, parallelism: 1 };

export function hashPassword(password: string, fast = false): Promise<string> {
  return hash(password, fast ? FAST : PRODUCTION);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Compared against when the email is unknown, so an unknown address costs the same time as a
 * wrong password and sign-in does not reveal which addresses have accounts.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(fast = false): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-for-timing", fast);
  return dummyHash;
}
