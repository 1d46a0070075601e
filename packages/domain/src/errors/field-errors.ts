/**
 * The one way a failed validation becomes per-field messages, on every surface (tRPC, REST, the SPAs'
 * forms): the key is the issue's path joined with dots (`subject`, `form.whereLeaked`, `signals.0`,
 * `events.3.occurredAt`), `input` when the whole input is wrong; the first message per key wins (the
 * schemas order their checks so the first is the most useful).
 */

/** What the helper needs of an issue: zod's, or any Standard Schema issue (whose path may hold `{ key }`). */
export interface ValidationIssue {
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  readonly message: string;
}

/** The key of an issue with an empty path: the input as a whole (e.g. a body that is not an object). */
export const WHOLE_INPUT_FIELD = "input";

export function fieldKey(path: ValidationIssue["path"]): string {
  const segments = (path ?? []).map((p) => String(typeof p === "object" ? p.key : p));
  return segments.length > 0 ? segments.join(".") : WHOLE_INPUT_FIELD;
}

/** Field → first message, from a ZodError (or anything with `issues`). */
export function zodFieldErrors(error: {
  readonly issues: ReadonlyArray<ValidationIssue>;
}): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[fieldKey(issue.path)] ??= issue.message;
  return fields;
}

/** One sentence for the whole refusal: "subject — Write a subject…; form.whereLeaked — …". */
export function describeFieldErrors(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, message]) => `${field} — ${message}`)
    .join("; ");
}

/** The field errors of a thrown validation error, or null when `cause` carries no issues. */
export function fieldErrorsOf(cause: unknown): Record<string, string> | null {
  const issues = (cause as { issues?: unknown } | null | undefined)?.issues;
  return Array.isArray(issues) ? zodFieldErrors({ issues: issues as ValidationIssue[] }) : null;
}

/** The part of a zod schema that validation needs (keeps this file free of zod's types). */
export interface SafeParser<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<ValidationIssue> } };
}

export type FieldsResult<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string> };

/** Validates `value`; on failure, the field errors by the rule above. */
export function parseFields<T>(schema: SafeParser<T>, value: unknown): FieldsResult<T> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, fields: zodFieldErrors(result.error) };
}
