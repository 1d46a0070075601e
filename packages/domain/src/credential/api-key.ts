import { z } from "zod";
import { safeText } from "../text/safe-text.ts";

/** What a customer calls a key (shown in lists, mails and the exposure evidence). */
export const API_KEY_NAME_MAX = 100;
export const ApiKeyName = safeText({
  min: 1,
  max: API_KEY_NAME_MAX,
  required: "Name the key (e.g. Production sender)",
  tooShort: "Name the key (e.g. Production sender)",
  tooLong: `Keep the name under ${API_KEY_NAME_MAX} characters`,
});

/** What a customer sends to create a key (the portal's form checks it too). */
export const CreateApiKeyInput = z.object({ name: ApiKeyName });
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

/**
 * The email service's API key format: `SG.` + 22-character key id + `.` + 43-character secret,
 * both base64url (69 characters). The key id is public and indexed; the secret is only ever hashed.
 */
export const API_KEY_LENGTH = 69;
export const API_KEY_PATTERN = /^SG\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  keyId: string;
  secret: string;
}

export function parseApiKey(value: string): ParsedApiKey | null {
  const m = API_KEY_PATTERN.exec(value);
  return m ? { keyId: m[1] as string, secret: m[2] as string } : null;
}

/** What may be shown of a key: its public prefix, never the secret. */
export function apiKeyDisplayPrefix(keyId: string): string {
  return `SG.${keyId}`;
}
