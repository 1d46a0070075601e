/**
 * Form plumbing shared by every form of both SPAs: keep field errors beside fields and one message
 * for the summary. Validation is `parseWith` in `@trustdesk/client` (the domain's schemas and its one
 * field-key rule); this file does not know zod. No fetching here: the apps turn their API errors into
 * `FailedSubmit`.
 */

export interface FormErrors {
  /** Field name → message, shown next to the field and linked from the summary. */
  fields: Record<string, string>;
  /** A form-level message, e.g. "Email or password is incorrect". */
  message: string | null;
  /** The API's request id, for errors the person should quote to support. */
  requestId: string | null;
  /** Increases on every failed submit, so the summary takes focus again. */
  attempt: number;
}

export const NO_FORM_ERRORS: FormErrors = { fields: {}, message: null, requestId: null, attempt: 0 };

export function hasFormErrors(errors: FormErrors): boolean {
  return errors.message !== null || Object.keys(errors.fields).length > 0;
}

/** The form's named text values. */
export function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

export type ParseResult<T> =
  | { ok: true; data: T }
  /** `message`, when set, is the summary's title instead of "Check the highlighted fields". */
  | { ok: false; fields: Record<string, string>; message?: string | null };

/**
 * Field errors keyed by a path below one of the form's fields (`form.sendingDomains.1`, one line of a
 * textarea) land on that field, so they are shown beside it and linked from the summary.
 */
export function onFormFields(
  fields: Record<string, string>,
  formFields: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const owner = formFields.includes(key)
      ? key
      : formFields.filter((f) => key.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
    out[owner ?? key] ??= message;
  }
  return out;
}

/** After client-side validation failed. */
export function clientErrors(
  previous: FormErrors,
  fields: Record<string, string>,
  message: string | null = null,
) {
  return { fields, message, requestId: null, attempt: previous.attempt + 1 } satisfies FormErrors;
}

export interface FailedSubmit {
  message: string;
  fields?: Record<string, string> | null | undefined;
  requestId?: string | null | undefined;
}

/** After the server refused the submit. */
export function submitErrors(previous: FormErrors, failure: FailedSubmit): FormErrors {
  return {
    fields: failure.fields ?? {},
    message: failure.message,
    requestId: failure.requestId ?? null,
    attempt: previous.attempt + 1,
  };
}

/** Clears the errors at the start of a new submit, keeping the attempt counter. */
export function clearedErrors(previous: FormErrors): FormErrors {
  return { ...NO_FORM_ERRORS, attempt: previous.attempt };
}

/**
 * Adds "the passwords don't match" (`message`) to `confirmPassword` when it does not repeat
 * `newPassword`, unless the new password itself was already refused.
 */
export function checkPasswordConfirmation<T>(
  parsed: ParseResult<T>,
  values: Record<string, string>,
  message: string,
): ParseResult<T> {
  const fields = parsed.ok ? {} : { ...parsed.fields };
  if (!fields.newPassword && values.confirmPassword !== values.newPassword) {
    fields.confirmPassword = message;
  }
  return parsed.ok && Object.keys(fields).length === 0 ? parsed : { ok: false, fields };
}
