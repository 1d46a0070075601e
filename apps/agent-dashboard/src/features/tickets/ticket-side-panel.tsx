import { useMutation, useQuery } from "@tanstack/react-query";
import type { ApiError } from "@trustdesk/client";
import { ENFORCEMENT_REASON_LABELS, type TicketPriority, TicketTag } from "@trustdesk/domain";
import { Alert, Badge, Button, Icon, SelectField, StatusPill, TextField } from "@trustdesk/ui";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { accountState, planName } from "../accounts/account-labels.ts";
import { PRIORITY_PRESENTATION } from "../queue/queue-labels.ts";
import { useCan } from "../session/permissions.ts";
import { useCurrentStaff } from "../session/session-context.tsx";
import { ResponseClockView } from "./response-clock-view.tsx";
import { reachableStatuses, SETTABLE_STATUSES, statusLabel } from "./ticket-labels.ts";
import { changeError, useTicketWorkspace } from "./ticket-workspace-context.ts";
import { TitledCard } from "./titled-card.tsx";

const PRIORITIES: readonly TicketPriority[] = ["urgent", "high", "normal", "low"];

/** A change to the ticket from the panel: a conflict goes to the page, success re-reads the ticket. */
function useChangeCallbacks() {
  const { refresh, reportConflict } = useTicketWorkspace();
  return { onError: (error: unknown) => void reportConflict(error), onSuccess: () => refresh() };
}

function Refusal({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Alert tone="danger" live="assertive">
      {error.message}
    </Alert>
  );
}

/** Everything about the ticket besides its conversation: status, owner, triage, clock, what it is about. */
export function TicketSidePanel({ trustPictureId }: { trustPictureId: string }) {
  const { ticket } = useTicketWorkspace();
  const closed = ticket.status === "closed";
  return (
    <div className="ticket-panel td-stack td-stack--md">
      <TitledCard title="Ticket" headingLevel={2} className="ticket-panel__card">
        <div className="td-stack td-stack--md">
          <StatusControl disabled={closed} />
          <AssigneeControl disabled={closed} />
          <PriorityControl disabled={closed} />
          <TagsEditor disabled={closed} />
        </div>
      </TitledCard>
      <TitledCard title="First response" headingLevel={2} className="ticket-panel__card">
        <ResponseClockView clock={ticket.clock} createdAt={ticket.createdAt} />
      </TitledCard>
      <TitledCard title="About" headingLevel={2} className="ticket-panel__card">
        <dl className="ticket-facts">
          <div>
            <dt>Account</dt>
            <dd>
              <Link to={`/accounts/${encodeURIComponent(ticket.account.id)}`}>{ticket.account.name}</Link>
              <span className="ticket-facts__secondary">
                {planName(ticket.account.plan)} plan ·{" "}
                <StatusPill tone={accountState(ticket.account.state).tone}>
                  {accountState(ticket.account.state).label}
                </StatusPill>
              </span>
            </dd>
          </div>
          <div>
            <dt>Opened by</dt>
            <dd>
              {ticket.openedBy ? (
                <>
                  {ticket.openedBy.name}
                  <span className="ticket-facts__secondary">
                    {ticket.openedBy.email} · {ticket.openedBy.role}
                  </span>
                </>
              ) : (
                "A former user"
              )}
            </dd>
          </div>
          <div>
            <dt>Case</dt>
            <dd>
              {ticket.caseNumber ? (
                <Link to={`/cases/${ticket.caseNumber}`}>{ticket.caseNumber}</Link>
              ) : (
                "None"
              )}
            </dd>
          </div>
          <div>
            <dt>Enforcement</dt>
            <dd>
              {ticket.enforcement ? (
                <>
                  <a href={`#${trustPictureId}`}>
                    {ENFORCEMENT_REASON_LABELS[
                      ticket.enforcement.reason as keyof typeof ENFORCEMENT_REASON_LABELS
                    ] ?? ticket.enforcement.reason}
                  </a>
                  <span className="ticket-facts__secondary">
                    <StatusPill tone={ticket.enforcement.status === "active" ? "danger" : "success"}>
                      {ticket.enforcement.status === "active" ? "Active" : "Lifted"}
                    </StatusPill>
                  </span>
                </>
              ) : (
                "None linked"
              )}
            </dd>
          </div>
        </dl>
      </TitledCard>
    </div>
  );
}

function StatusControl({ disabled }: { disabled: boolean }) {
  const { ticket } = useTicketWorkspace();
  const trpc = useTRPC();
  const id = useId();
  const [status, setStatus] = useState<string>(ticket.status);
  const change = useMutation(trpc.staff.tickets.setStatus.mutationOptions(useChangeCallbacks()));
  const options = reachableStatuses(ticket.status, ["new", ...SETTABLE_STATUSES]).filter(
    (s) => s !== "new" || ticket.status === "new",
  );
  // The select follows the ticket when it changes underneath (a reply, a reload).
  const [seen, setSeen] = useState(ticket.status);
  if (seen !== ticket.status) {
    setSeen(ticket.status);
    setStatus(ticket.status);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (status === ticket.status || change.isPending) return;
    change.mutate({
      ticketId: ticket.id,
      status: status as (typeof SETTABLE_STATUSES)[number],
      expectedVersion: ticket.version,
    });
  };
  return (
    <form className="ticket-panel__row" onSubmit={submit} aria-label="Change the status">
      <SelectField
        id={`${id}-status`}
        label="Status"
        value={status}
        disabled={disabled}
        onChange={(e) => setStatus(e.target.value)}
        hint={
          ticket.status === "on_hold"
            ? "Waiting on Fraud or Security; the customer sees it as open."
            : ticket.status === "pending_customer"
              ? "Waiting on the customer: the response clock is paused."
              : undefined
        }
      >
        {options.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </SelectField>
      <Button
        type="submit"
        variant="secondary"
        disabled={disabled || status === ticket.status}
        loading={change.isPending}
        loadingLabel="Applying…"
      >
        Apply status
      </Button>
      <Refusal error={changeError(change.error)} />
    </form>
  );
}

function AssigneeControl({ disabled }: { disabled: boolean }) {
  const { ticket } = useTicketWorkspace();
  const { staff } = useCurrentStaff();
  const can = useCan();
  const trpc = useTRPC();
  const id = useId();
  const lead = can("tickets.reassign");
  const assignees = useQuery(trpc.staff.tickets.assignees.queryOptions(undefined, { enabled: lead }));
  const [chosen, setChosen] = useState("");
  const assign = useMutation(trpc.staff.tickets.assign.mutationOptions(useChangeCallbacks()));
  const mine = ticket.assignee?.id === staff.id;
  const to = (assigneeStaffId: string | null) =>
    assign.mutate({ ticketId: ticket.id, assigneeStaffId, expectedVersion: ticket.version });

  return (
    <section className="ticket-panel__row" aria-labelledby={`${id}-label`}>
      <h3 id={`${id}-label`} className="td-field__label ticket-panel__heading">
        Assignee
      </h3>
      <p className="ticket-panel__value">
        {ticket.assignee ? (
          <>
            <Icon name="user" size={14} /> {ticket.assignee.name}
            {mine ? " (you)" : ""}
          </>
        ) : (
          <span className="td-text-muted">Unassigned</span>
        )}
      </p>
      <div className="ticket-panel__buttons">
        {!mine && (lead || !ticket.assignee) ? (
          <Button size="sm" disabled={disabled} loading={assign.isPending} onClick={() => to(staff.id)}>
            Take it
          </Button>
        ) : null}
        {ticket.assignee && (mine || lead) ? (
          <Button
            size="sm"
            variant="ghost"
            disabled={disabled}
            loading={assign.isPending}
            onClick={() => to(null)}
          >
            Unassign
          </Button>
        ) : null}
      </div>
      {lead ? (
        <form
          className="ticket-panel__inline"
          aria-label="Assign to a colleague"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) to(chosen);
          }}
        >
          <SelectField
            id={`${id}-colleague`}
            label="Assign to"
            value={chosen}
            disabled={disabled || !assignees.data}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">{assignees.isPending ? "Loading colleagues…" : "Choose a colleague…"}</option>
            {(assignees.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.id === staff.id ? " (you)" : ""}
              </option>
            ))}
          </SelectField>
          <Button
            type="submit"
            size="sm"
            variant="secondary"
            disabled={disabled || !chosen || chosen === ticket.assignee?.id}
            loading={assign.isPending}
          >
            Assign
          </Button>
        </form>
      ) : null}
      <Refusal error={changeError(assign.error)} />
    </section>
  );
}

function PriorityControl({ disabled }: { disabled: boolean }) {
  const { ticket } = useTicketWorkspace();
  const trpc = useTRPC();
  const id = useId();
  const [priority, setPriority] = useState<string>(ticket.priority);
  const [seen, setSeen] = useState(ticket.priority);
  if (seen !== ticket.priority) {
    setSeen(ticket.priority);
    setPriority(ticket.priority);
  }
  const triage = useMutation(trpc.staff.tickets.triage.mutationOptions(useChangeCallbacks()));
  return (
    <form
      className="ticket-panel__row"
      aria-label="Change the priority"
      onSubmit={(e) => {
        e.preventDefault();
        if (priority === ticket.priority) return;
        triage.mutate({
          ticketId: ticket.id,
          priority: priority as TicketPriority,
          expectedVersion: ticket.version,
        });
      }}
    >
      <SelectField
        id={`${id}-priority`}
        label="Priority"
        value={priority}
        disabled={disabled}
        onChange={(e) => setPriority(e.target.value)}
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {PRIORITY_PRESENTATION[p].label}
          </option>
        ))}
      </SelectField>
      <Button
        type="submit"
        variant="secondary"
        disabled={disabled || priority === ticket.priority}
        loading={triage.isPending}
        loadingLabel="Saving…"
      >
        Save priority
      </Button>
      <Refusal error={changeError(triage.error)} />
    </form>
  );
}

function TagsEditor({ disabled }: { disabled: boolean }) {
  const { ticket } = useTicketWorkspace();
  const trpc = useTRPC();
  const id = useId();
  const [tag, setTag] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const { refresh, reportConflict } = useTicketWorkspace();
  const triage = useMutation(
    trpc.staff.tickets.triage.mutationOptions({
      onError: (error) => void reportConflict(error),
      onSuccess: async () => {
        setTag("");
        await refresh();
      },
    }),
  );
  const save = (tags: string[]) =>
    triage.mutate({ ticketId: ticket.id, tags, expectedVersion: ticket.version });
  const add = (event: FormEvent) => {
    event.preventDefault();
    const parsed = TicketTag.safeParse(tag);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? "Not a tag");
      return;
    }
    setInvalid(null);
    if (ticket.tags.includes(parsed.data)) {
      setTag("");
      return;
    }
    save([...ticket.tags, parsed.data]);
  };
  const refusal = changeError(triage.error);
  return (
    <section className="ticket-panel__row" aria-labelledby={`${id}-label`}>
      <h3 id={`${id}-label`} className="td-field__label ticket-panel__heading">
        Tags
      </h3>
      {ticket.tags.length > 0 ? (
        <ul className="ticket-tags" aria-label="Tags of this ticket">
          {ticket.tags.map((t) => (
            <li key={t}>
              <Badge tone="neutral" className="ticket-tag">
                {t}
                <button
                  type="button"
                  className="ticket-tag__remove"
                  disabled={disabled || triage.isPending}
                  onClick={() => save(ticket.tags.filter((x) => x !== t))}
                >
                  <Icon name="x" size={12} />
                  <span className="td-visually-hidden">Remove tag {t}</span>
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <p className="td-text-muted td-text-small">No tags yet.</p>
      )}
      <form className="ticket-panel__inline" aria-label="Add a tag" onSubmit={add} noValidate>
        <TextField
          id={`${id}-tag`}
          label="New tag"
          value={tag}
          disabled={disabled}
          autoComplete="off"
          onChange={(e) => {
            setTag(e.target.value);
            setInvalid(null);
          }}
          error={invalid ?? refusal?.fieldErrors?.tags ?? null}
        />
        <Button type="submit" size="sm" variant="secondary" disabled={disabled} loading={triage.isPending}>
          Add tag
        </Button>
      </form>
      {refusal && !refusal.fieldErrors ? <Refusal error={refusal} /> : null}
    </section>
  );
}
