import { type FormErrors, TextAreaField } from "@trustdesk/ui";
import type { ReactNode } from "react";

/** The staff note kept with a decision (`${idPrefix}-note`); internal, never shown to the customer. */
export function NoteField({
  idPrefix,
  errors,
  hint,
  label = "Note for the record",
  optional = false,
  rows,
}: {
  idPrefix: string;
  errors: FormErrors;
  hint: ReactNode;
  label?: string;
  optional?: boolean;
  rows?: number;
}) {
  return (
    <TextAreaField
      id={`${idPrefix}-note`}
      name="note"
      label={label}
      optional={optional}
      hint={hint}
      maxLength={4000}
      rows={rows}
      error={errors.fields.note}
    />
  );
}
