import { API_KEY_LENGTH } from "./api-key.ts";

/**
 * Finds strings of our API key format in free text (ticket messages, scanned files): `SG.` + 22 +
 * `.` + 43 base64url characters, not glued to another base64url character on either side (so a
 * longer token that merely contains a key-shaped run is not a key). The `indexOf` prefilter keeps
 * it fast on text with no key at all.
 */
const BODY = /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;
const isB64 = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);

export interface FoundApiKey {
  key: string;
  index: number;
}

export function findApiKeys(text: string): FoundApiKey[] {
  const found: FoundApiKey[] = [];
  let from = 0;
  for (;;) {
    const index = text.indexOf("SG.", from);
    if (index < 0) return found;
    from = index + 1;
    const candidate = text.slice(index, index + API_KEY_LENGTH);
    if (
      candidate.length === API_KEY_LENGTH &&
      BODY.test(candidate) &&
      !isB64(text[index - 1]) &&
      !isB64(text[index + API_KEY_LENGTH])
    ) {
      found.push({ key: candidate, index });
      from = index + API_KEY_LENGTH;
    }
  }
}

/** Replaces every key's secret part: `SG.<key id>.[redacted]` keeps the key recognisable, never usable. */
export function redactApiKeys(text: string): { text: string; found: string[] } {
  const found = findApiKeys(text);
  if (found.length === 0) return { text, found: [] };
  let out = "";
  let last = 0;
  for (const f of found) {
    out += `${text.slice(last, f.index)}${f.key.slice(0, 25)}.[redacted]`;
    last = f.index + API_KEY_LENGTH;
  }
  return { text: out + text.slice(last), found: found.map((f) => f.key) };
}
