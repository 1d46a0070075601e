import { OpenTicketInput, parseFields, TICKET_CATEGORY_LABELS, TicketCategory } from "@trustdesk/domain";
import { onFormFields, type ParseResult } from "@trustdesk/ui";

export const CATEGORIES = TicketCategory.options;

export function isTicketCategory(value: string | null | undefined): value is TicketCategory {
  return typeof value === "string" && (CATEGORIES as readonly string[]).includes(value);
}

export function categoryLabel(category: TicketCategory): string {
  return TICKET_CATEGORY_LABELS[category] ?? category;
}

/** The field order of the form, for the error summary. */
export const FIELD_ORDER = [
  "category",
  "form.caseNumber",
  "form.escalate",
  "form.appeal",
  "form.businessDescription",
  "form.intendedUse",
  "form.expectedMonthlyVolume",
  "form.sendingDomains",
  "form.whereLeaked",
  "form.rotationConfirmed",
  "subject",
  "body",
];

function text(values: Record<string, string>, name: string): string | undefined {
  const value = values[name]?.trim();
  return value ? value : undefined;
}

/** "10,000" or "10 000" → 10000; empty → undefined (the schema says what is missing). */
function count(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/[\s,_]/g, ""));
  return Number.isNaN(n) ? Number.NaN : n;
}

/** One domain a line (commas and spaces also separate), blanks dropped. */
export function splitDomains(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\n,\s]+/)
    .map((d) => d.trim())
    .filter((d) => d.length > 0);
}

function formOf(category: TicketCategory, values: Record<string, string>): Record<string, unknown> {
  const checked = (name: string) => values[name] === "on";
  switch (category) {
    case "account_takeover":
      return { caseNumber: text(values, "form.caseNumber"), escalate: checked("form.escalate") };
    case "signup_vetting":
      return {
        appeal: checked("form.appeal"),
        businessDescription: text(values, "form.businessDescription"),
      };
    case "dormant_account":
      return {
        intendedUse: values["form.intendedUse"] ?? "",
        expectedMonthlyVolume: count(text(values, "form.expectedMonthlyVolume")),
        sendingDomains: splitDomains(values["form.sendingDomains"]),
      };
    case "exposed_credentials":
      return {
        whereLeaked: values["form.whereLeaked"] ?? "",
        rotationConfirmed: checked("form.rotationConfirmed"),
      };
    case "other":
      return {};
  }
}

/**
 * The form's values as `OpenTicketInput`, validated with the server's own schema. Errors are keyed
 * like the API's field errors (`subject`, `form.intendedUse`), so both land beside the same field; an
 * error on one line of a list (`form.sendingDomains.1`) lands on the list's field.
 */
export function parseOpenTicket(
  values: Record<string, string>,
  idempotencyKey?: string,
): ParseResult<OpenTicketInput> {
  const category = values.category;
  if (!isTicketCategory(category)) {
    return { ok: false, fields: { category: "Choose what your ticket is about" } };
  }
  const result = parseFields(OpenTicketInput, {
    category,
    subject: values.subject ?? "",
    body: values.body ?? "",
    form: formOf(category, values),
    idempotencyKey,
  });
  return result.ok ? result : { ok: false, fields: onFormFields(result.fields, FIELD_ORDER) };
}
