import { parseWith, useFormMutation } from "@trustdesk/client";
import { CompromiseReportInput } from "@trustdesk/domain";
import { FormDialog, TextAreaField, TextField } from "@trustdesk/ui";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import type { AccountActionDialogProps } from "../enforcements/dialog-props.ts";
import { useTrustActionDone } from "../enforcements/use-refresh-trust-views.ts";

const ID = "report-compromise";

/** One signal per line; blank lines are dropped. */
function signalLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * A fraud or security analyst reports a takeover: the account is suspended at once (sessions
 * revoked, API keys disabled), a case with the hotline is opened and the customer is emailed.
 * The report id makes a resubmission harmless (the API treats it as the same report).
 */
export function ReportCompromiseDialog(props: AccountActionDialogProps) {
  const { accountId, accountName, onClose, onDone } = props;
  const trpc = useTRPC();
  // Fixed for the dialog's lifetime, so a retry after a network failure is the same report.
  const [reportId] = useState(() => `dash-${Date.now()}`);
  const onSuccess = useTrustActionDone(
    onDone,
    (result: { created: boolean; caseNumber: string; hotlineNumber: string }) => ({
      tone: result.created ? "success" : "info",
      title: result.created ? "Compromise reported" : "This report was already filed",
      body: `Case ${result.caseNumber} is open and ${accountName} is suspended. The customer can call ${result.hotlineNumber}.`,
    }),
  );
  const report = useFormMutation(trpc.staff.enforcements.reportCompromise.mutationOptions({ onSuccess }));
  return (
    <FormDialog
      title={`Report a compromise of ${accountName}`}
      description="The account is suspended at once: every session is signed out, every API key is disabled, a case is opened and the owner is emailed."
      tone="danger"
      size="lg"
      onClose={onClose}
      formLabel="Report compromise"
      onSubmit={report.handleSubmit((values) =>
        parseWith(CompromiseReportInput, {
          reportId: values.reportId,
          accountId,
          summary: values.summary,
          signals: signalLines(values.signals ?? ""),
        }),
      )}
      submitting={report.isPending}
      submitLabel="Report and suspend"
      submittingLabel="Reporting…"
      errors={report.errors}
      idPrefix={ID}
      errorOrder={["reportId", "summary", "signals"]}
    >
      <TextField
        id={`${ID}-reportId`}
        name="reportId"
        label="Report id"
        hint="Your reference for this report. Submitting the same id again changes nothing."
        defaultValue={reportId}
        spellCheck={false}
        autoComplete="off"
        maxLength={200}
        error={report.errors.fields.reportId}
      />
      <TextAreaField
        id={`${ID}-summary`}
        name="summary"
        label="What was seen"
        hint="A short summary for the agents who take the case. Internal: never shown to the customer."
        maxLength={2000}
        data-autofocus
        error={report.errors.fields.summary}
      />
      <TextAreaField
        id={`${ID}-signals`}
        name="signals"
        label="Signals"
        optional
        hint="One per line, e.g. “impossible travel” or “new device changed the sender settings”."
        rows={3}
        error={report.errors.fields.signals}
      />
    </FormDialog>
  );
}
