import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

export const TOTP_ISSUER = "Trustdesk";

export async function newTotpEnrolment(label: string, issuer = TOTP_ISSUER) {
  const secret = generateSecret();
  const otpauthUri = generateURI({ issuer, label, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, otpauthUri, qrSvg };
}

/**
 * Accepts the current 30-second step and one either side (clock drift), and refuses any step at or
 * before the last one used, so a code seen over someone's shoulder cannot be replayed.
 * Returns the step to store, or null.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
