import { type DescriptionItem, DescriptionList } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { formatNumber } from "../../lib/format.ts";

/** The category forms' fields in the agent's words, in the order the customer filled them in. */
const FIELDS: Record<string, string> = {
  caseNumber: "Case number",
  escalate: "Asked to escalate",
  appeal: "Appeals the decision",
  businessDescription: "About the business",
  intendedUse: "Intended use",
  expectedMonthlyVolume: "Expected volume per month",
  sendingDomains: "Sending domains",
  whereLeaked: "Where the key leaked",
  rotationConfirmed: "Rotation confirmed",
};

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function fieldValue(key: string, value: unknown): ReactNode {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number")
    return key === "expectedMonthlyVolume" ? `${formatNumber(value)} emails` : formatNumber(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? (
      "—"
    ) : (
      <ul className="ticket-form__list">
        {value.map((v) => (
          <li key={String(v)}>{typeof v === "string" ? v : JSON.stringify(v)}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === "string")
    return value.trim() ? <span className="ticket-form__text">{value}</span> : "—";
  return value === null || value === undefined ? "—" : JSON.stringify(value);
}

/** What the customer entered in the category's form, as labelled fields; nothing when it was empty. */
export function TicketFormFields({ form }: { form: unknown }) {
  if (typeof form !== "object" || form === null) return null;
  const entries = Object.entries(form as Record<string, unknown>);
  if (entries.length === 0) return null;
  const known = Object.keys(FIELDS);
  const ordered = [
    ...known.flatMap((k) => entries.filter(([key]) => key === k)),
    ...entries.filter(([key]) => !known.includes(key)),
  ];
  const items: DescriptionItem[] = ordered.map(([key, value]) => ({
    term: FIELDS[key] ?? humanize(key),
    description: fieldValue(key, value),
  }));
  return <DescriptionList items={items} columns={2} className="ticket-form" />;
}
