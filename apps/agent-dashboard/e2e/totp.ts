import { generate } from "otplib";

const lastStep = new Map<string, number>();

/**
 * A TOTP code for the demo secret. The API refuses a code whose 30-second step was already used
 * (replay protection), so a second sign-in within the same step uses the next step's code, which
 * the API still accepts (±1 step of clock drift).
 */
export async function totpCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let step = Math.floor(now / 30);
  const previous = lastStep.get(secret);
  if (previous !== undefined && step <= previous) step = previous + 1;
  lastStep.set(secret, step);
  return generate({ secret, epoch: step * 30 });
}
