import { useQuery } from "@tanstack/react-query";
import { parseWith, useFormMutation } from "@trustdesk/client";
import { VettingDecisionInput } from "@trustdesk/domain";
import { Alert, FormDialog, type ParseResult, SelectField } from "@trustdesk/ui";
import { useTRPC } from "../../lib/trpc.ts";
import type { AccountActionDialogProps } from "../enforcements/dialog-props.ts";
import { NoteField } from "../enforcements/note-field.tsx";
import { unmetRequirementsOf } from "../enforcements/requirements.ts";
import { UnmetRequirements } from "../enforcements/unmet-requirements.tsx";
import { useTrustActionDone } from "../enforcements/use-refresh-trust-views.ts";

export type VettingOutcomeChoice = "approve" | "reject";

const ID = "vetting-decision";

function parseDecision(
  accountId: string,
  outcome: VettingOutcomeChoice,
  values: Record<string, string>,
): ParseResult<VettingDecisionInput> {
  const appealTicketId = (values.appealTicketId ?? "").trim();
  // The API's own schema: the one rule for staff notes; the API checks that the ticket exists.
  return parseWith(VettingDecisionInput, {
    accountId,
    outcome,
    note: values.note ?? "",
    ...(appealTicketId ? { appealTicketId } : {}),
  });
}

/**
 * An agent's decision on a sign-up in review (or on the appeal of a rejected one). Approving lifts
 * the sign-up restriction on the server in the same transaction; rejecting keeps it.
 */
export function VettingDecisionDialog({
  accountId,
  accountName,
  outcome,
  appeal,
  appealTicketId,
  onClose,
  onDone,
}: AccountActionDialogProps & {
  /** The ticket being worked, when the decision is taken from it: the appeal it answers. */
  appealTicketId?: string | undefined;
  outcome: VettingOutcomeChoice;
  /** The policy rejected the sign-up: an approval must answer the customer's appeal ticket. */
  appeal: boolean;
}) {
  const trpc = useTRPC();
  const approving = outcome === "approve";
  // The appeal is one of the account's own sign-up tickets, chosen by number and subject (the
  // account page has them loaded already); never an id typed by hand.
  const account = useQuery({
    ...trpc.staff.accounts.get.queryOptions({ accountId }),
    enabled: approving && appeal,
  });
  const appealTickets = (account.data?.tickets ?? []).filter((t) => t.category === "signup_vetting");
  const onSuccess = useTrustActionDone(onDone, (result: { accountRestored: boolean }) =>
    approving
      ? {
          tone: "success",
          title: `${accountName} approved`,
          body: result.accountRestored
            ? "The sign-up restriction is lifted: the account can send now."
            : "The sign-up restriction is lifted; other restrictions still hold the account.",
          outcome: "vetting_approved",
        }
      : {
          tone: "info",
          title: `${accountName} rejected`,
          body: "The account stays restricted. The customer may appeal through a ticket.",
          outcome: "vetting_rejected",
        },
  );
  const decide = useFormMutation(trpc.staff.enforcements.decideVetting.mutationOptions({ onSuccess }));
  const unmet = unmetRequirementsOf(decide.error);
  const title = approving ? `Approve ${accountName}?` : `Reject ${accountName}?`;

  return (
    <FormDialog
      title={title}
      description={
        approving
          ? "Approving lifts the sign-up restriction at once: the account can send email and use the API."
          : "Rejecting keeps the account restricted. The customer is told and may appeal through a ticket."
      }
      tone={approving ? "default" : "danger"}
      onClose={onClose}
      formLabel={title}
      onSubmit={decide.handleSubmit((values) => parseDecision(accountId, outcome, values))}
      submitting={decide.isPending}
      submitLabel={approving ? "Approve sign-up" : "Reject sign-up"}
      submittingLabel={approving ? "Approving…" : "Rejecting…"}
      errors={decide.errors}
      idPrefix={ID}
      errorOrder={["appealTicketId", "note"]}
    >
      {unmet.length > 0 ? <UnmetRequirements requirements={unmet} /> : null}
      {approving && appeal ? (
        <>
          <Alert tone="warning" title="This sign-up was rejected by the policy">
            An approval must answer the customer's appeal: choose the ticket they opened to appeal.
          </Alert>
          <SelectField
            id={`${ID}-appealTicketId`}
            name="appealTicketId"
            label="Appeal ticket"
            hint={
              account.isPending
                ? "Loading the account's tickets…"
                : appealTickets.length === 0
                  ? "The customer has not opened a sign-up ticket yet: an approval has to wait for their appeal."
                  : "The customer's sign-up tickets, newest first."
            }
            defaultValue={appealTicketId ?? appealTickets[0]?.id ?? ""}
            key={appealTickets.length}
            error={decide.errors.fields.appealTicketId}
          >
            <option value="">Choose the appeal ticket</option>
            {appealTickets.map((t) => (
              <option key={t.id} value={t.id}>
                #{t.number} — {t.subject}
              </option>
            ))}
          </SelectField>
        </>
      ) : null}
      <NoteField
        idPrefix={ID}
        errors={decide.errors}
        hint={
          approving
            ? "Why the sign-up is fine, e.g. what you checked. Internal: never shown to the customer."
            : "Why it is rejected. Internal: never shown to the customer."
        }
      />
    </FormDialog>
  );
}
