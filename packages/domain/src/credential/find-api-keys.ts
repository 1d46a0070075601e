import { API_KEY_LENGTH } from "./api-key.ts";

/**
 * Finds strings of our API key format in free text (ticket messages, scanned files): `SG.` + 22 +
 * `.` + 43 base64url characters, not glued to another base64url character on either side (so a
 * longer token that merely contains a key-shaped run is not a key). The `indexOf("SG.")` prefilter
 * keeps it fast on text with no key at all; the sticky regex then decides at that one position
 * (its lookbehind sees the character before the position, its lookahead the one after the key).
 */
export const API_KEY_KEYWORD = "SG.";
const API_KEY_AT = /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y;

/** Is there a key of our format at `index` of `text`, set apart from its neighbours? */
export function isApiKeyAt(text: string, index: number): boolean {
  API_KEY_AT.lastIndex = index;
  return API_KEY_AT.test(text);
}

export interface FoundApiKey {
  key: string;
  index: number;
}

export function findApiKeys(text: string): FoundApiKey[] {
  const found: FoundApiKey[] = [];
  let from = 0;
  for (;;) {
    const index = text.indexOf(API_KEY_KEYWORD, from);
    if (index < 0) return found;
    if (isApiKeyAt(text, index)) {
      found.push({ key: text.slice(index, index + API_KEY_LENGTH), index });
      from = index + API_KEY_LENGTH;
    } else {
      from = index + 1;
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
