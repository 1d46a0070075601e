import { useMutation, useQuery } from "@tanstack/react-query";
import { toApiError } from "@trustdesk/client";
import { TicketNumber } from "@trustdesk/domain";
import { Alert, Button, Card, Dialog, DialogActions, StatusPill, TextField } from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { type StaffTicket, useTRPC } from "../../lib/trpc.ts";
import { CATEGORY_LABELS, statusPresentation } from "../queue/queue-labels.ts";
import { changeError, useTicketWorkspace } from "./ticket-workspace-context.ts";

/** Why the other ticket cannot take this one, as the server would say it (checked again there). */
function refusalOf(ticket: StaffTicket, other: StaffTicket): string | null {
  if (other.id === ticket.id) return "That is this ticket: choose the ticket to merge it into.";
  if (other.account.id !== ticket.account.id)
    return `#${other.number} belongs to ${other.account.name}: only tickets of the same account can be merged.`;
  if (other.mergedInto)
    return `#${other.number} was itself merged into #${other.mergedInto.number}: merge into that one.`;
  if (other.status === "closed") return `#${other.number} is closed: merge into an open ticket.`;
  return null;
}

/**
 * Merge this ticket (a duplicate) into another of the same account: look the other up by number,
 * see what it is, then merge. This ticket closes; both customers are told where it continues.
 */
export function MergeDialog({
  onClose,
  onMerged,
}: {
  onClose: () => void;
  onMerged: (into: { number: number }) => void;
}) {
  const { ticket, reportConflict } = useTicketWorkspace();
  const trpc = useTRPC();
  const [typed, setTyped] = useState("");
  const [number, setNumber] = useState<number | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const other = useQuery(
    trpc.staff.tickets.get.queryOptions({ number: number ?? 0 }, { enabled: number !== null, staleTime: 0 }),
  );
  const merge = useMutation(
    trpc.staff.tickets.merge.mutationOptions({
      onError: (error) => {
        if (reportConflict(error)) onClose();
      },
      onSuccess: (result) => onMerged({ number: result.intoNumber }),
    }),
  );
  const find = (event: FormEvent) => {
    event.preventDefault();
    const parsed = TicketNumber.safeParse(typed.trim().replace(/^#/, ""));
    if (!typed.trim() || !parsed.success) {
      setInvalid(
        parsed.success
          ? "Enter a ticket number"
          : (parsed.error.issues[0]?.message ?? "Enter a ticket number"),
      );
      return;
    }
    setInvalid(null);
    setNumber(parsed.data);
  };
  const target = number !== null && other.data ? other.data : null;
  const refusal = target ? refusalOf(ticket, target) : null;
  const lookupError = other.isError ? toApiError(other.error) : null;
  const mergeError = changeError(merge.error);

  return (
    <Dialog
      title={`Merge #${ticket.number} into another ticket`}
      description="For a duplicate: this ticket is closed and points at the other one, its messages stay here, and both customers are told — on the tickets and by email — where the conversation continues."
      onClose={onClose}
      busy={merge.isPending}
    >
      <div className="td-stack td-stack--md">
        <form
          className="merge-dialog__find"
          onSubmit={find}
          noValidate
          aria-label="Find the ticket to merge into"
        >
          <TextField
            id="merge-into-number"
            label="Ticket number to merge into"
            inputMode="numeric"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            error={invalid}
          />
          <Button type="submit" variant="secondary" loading={other.isFetching} loadingLabel="Finding…">
            Find ticket
          </Button>
        </form>
        {lookupError ? (
          <Alert tone="danger" live="assertive">
            {lookupError.code === "NOT_FOUND" ? `There is no ticket #${number}.` : lookupError.message}
          </Alert>
        ) : null}
        {target ? (
          <Card
            headingLevel={3}
            title={`#${target.number} · ${target.subject}`}
            className="merge-dialog__target"
          >
            <p className="td-text-small">
              <StatusPill tone={statusPresentation(target.status).tone}>
                {statusPresentation(target.status).label}
              </StatusPill>{" "}
              {CATEGORY_LABELS[target.category]} · {target.account.name} · opened{" "}
              {formatDateTime(target.createdAt)}
              {target.openedBy ? ` by ${target.openedBy.name}` : ""}
            </p>
          </Card>
        ) : null}
        {refusal ? (
          <Alert tone="warning" live="polite">
            {refusal}
          </Alert>
        ) : null}
        {mergeError ? (
          <Alert tone="danger" live="assertive" title="Not merged">
            {mergeError.message}
          </Alert>
        ) : null}
        <DialogActions>
          <Button
            disabled={!target || refusal !== null}
            loading={merge.isPending}
            loadingLabel="Merging…"
            onClick={() =>
              target &&
              merge.mutate({
                ticketId: ticket.id,
                expectedVersion: ticket.version,
                intoTicketId: target.id,
                intoExpectedVersion: target.version,
              })
            }
          >
            {target ? `Merge #${ticket.number} into #${target.number}` : "Merge"}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={merge.isPending}>
            Cancel
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
