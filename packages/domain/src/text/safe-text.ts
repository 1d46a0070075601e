import { z } from "zod";

/**
 * The one rule for text a person or a system sends us. PostgreSQL refuses NUL in text and lone UTF-16
 * surrogates in JSON, and control characters have no business in a subject, a name or a note (they
 * hide text from reviewers and break logs and CSV exports). Refusing them here, at the edge, makes
 * such input a 400 naming the field instead of a 500 from the database that a client would retry.
 */

export const CONTROL_CHARACTERS_MESSAGE = "Remove the control characters (such as NUL) from this text";
export const SINGLE_LINE_MESSAGE = "Keep this to one line, without tabs or control characters (such as NUL)";
export const BROKEN_CHARACTER_MESSAGE =
  "This text contains a broken character (half of a UTF-16 surrogate pair); remove it or paste the text again";

/**
 * True when `text` holds a C0 control character (U+0000–U+001F), DEL or a C1 control character
 * (U+007F–U+009F). A multi-line text may keep line feeds and tabs.
 */
export function hasControlCharacter(text: string, allowLineBreaksAndTabs: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (allowLineBreaksAndTabs && (c === 0x09 || c === 0x0a)) continue;
      return true;
    }
    if (c >= 0x7f && c <= 0x9f) return true;
  }
  return false;
}

export interface SafeTextOptions {
  /** Fewest characters after trimming; 0 (the default) allows an empty string. */
  min?: number;
  /** Most characters after trimming. */
  max: number;
  /** Keeps line feeds and tabs (`\r\n` and lone `\r` become `\n`); a single-line text refuses them. */
  multiline?: boolean;
  /** When the value is not a string at all (missing or another type). */
  required?: string;
  tooShort?: string;
  tooLong?: string;
}

/**
 * A trimmed, bounded text without control characters or lone surrogates. Every free-text field of an
 * input schema is one of these. The checks run in order and stop at the first refusal, so a person
 * reads one message per field, the most useful one.
 */
export function safeText(options: SafeTextOptions) {
  const { min = 0, max, multiline = false } = options;
  let schema = z
    .string(options.required ?? "Enter some text")
    // A browser's textarea sends CRLF; store one line ending.
    .overwrite((s) => (multiline ? s.replace(/\r\n?/g, "\n") : s))
    .trim()
    .refine((s) => s.isWellFormed(), { message: BROKEN_CHARACTER_MESSAGE, abort: true })
    .refine((s) => !hasControlCharacter(s, multiline), {
      message: multiline ? CONTROL_CHARACTERS_MESSAGE : SINGLE_LINE_MESSAGE,
      abort: true,
    });
  if (min > 0) {
    schema = schema.min(
      min,
      options.tooShort ?? (min === 1 ? "This cannot be empty" : `Write at least ${min} characters`),
    );
  }
  return schema.max(max, options.tooLong ?? `Keep it to ${max} characters or fewer`);
}

export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;

const YEAR_MESSAGE = `Use a date between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** The year as written (the first four digits of an ISO 8601 date), bounded to sane years. */
function saneYear(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/**
 * An ISO 8601 date and time with a time zone (`Z` or `+02:00`), in the years 2000–2100. Outside that
 * range a date is a caller's mistake (year 0000 does not even exist for PostgreSQL), never a 500.
 */
export function isoTimestamp(message = "Use an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z") {
  return z.iso
    .datetime({ offset: true, error: message, abort: true })
    .refine(saneYear, { message: YEAR_MESSAGE, abort: true });
}

/** An ISO 8601 calendar date (`2026-01-31`) in the years 2000–2100. */
export function isoDay(message = "Use an ISO date, e.g. 2026-01-31") {
  return z.iso.date({ error: message, abort: true }).refine(saneYear, { message: YEAR_MESSAGE, abort: true });
}
