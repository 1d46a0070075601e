import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@trustdesk/client";
import { FIRST_RESPONSE_HOURS, TICKET_CATEGORY_LABELS } from "@trustdesk/domain";
import {
  Alert,
  buttonClassName,
  Card,
  EmptyState,
  LoadingState,
  PageHeader,
  StatusPill,
  Table,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link, useLocation } from "react-router";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { type CustomerTicket, useTRPC } from "../../lib/trpc.ts";
import type { TicketOpenedState } from "./new-ticket-page.tsx";
import { responsePromise } from "./response-promise.tsx";
import { ticketStatusPresentation } from "./ticket-status.ts";

function newTicketLink(variant: "primary" | "secondary" = "primary") {
  return (
    <Link to="/tickets/new" className={buttonClassName({ variant })}>
      New ticket
    </Link>
  );
}

function openedFrom(state: unknown): TicketOpenedState["opened"] | null {
  if (typeof state !== "object" || state === null || !("opened" in state)) return null;
  const opened = (state as TicketOpenedState).opened;
  return typeof opened?.number === "number" ? opened : null;
}

const PROMISE = `A first response comes within ${FIRST_RESPONSE_HOURS.expected}–${FIRST_RESPONSE_HOURS.latest} hours of when you wrote.`;

export function TicketsPage() {
  useDocumentTitle("Tickets");
  const trpc = useTRPC();
  const tickets = useQuery(trpc.customer.tickets.list.queryOptions());
  const opened = openedFrom(useLocation().state);

  return (
    <>
      <PageHeader
        title="Tickets"
        description="Your conversations with our Consumer Trust team. We help by ticket only: there is no live chat."
        actions={newTicketLink()}
      />
      {opened ? (
        <div className="tickets-opened">
          <Alert tone="success" live="polite" title={`Ticket #${opened.number} was sent`}>
            {PROMISE} We also emailed you a confirmation.
            {opened.redactedKeys > 0
              ? ` Your message contained ${opened.redactedKeys === 1 ? "an API key" : `${opened.redactedKeys} API keys`}: we redacted ${opened.redactedKeys === 1 ? "it" : "them"} and revoked ${opened.redactedKeys === 1 ? "it" : "them"} as exposed.`
              : ""}
          </Alert>
        </div>
      ) : null}
      <Card flush>
        {tickets.isPending ? (
          <LoadingState label="Loading your tickets…" />
        ) : tickets.isError ? (
          <QueryError title="We couldn't load your tickets" query={tickets} />
        ) : tickets.data.length === 0 ? (
          <EmptyState
            title="No tickets yet"
            description={
              <>
                <p>When you open a ticket it appears here. {PROMISE}</p>
                <p>We answer by ticket and email only: there is no live chat.</p>
              </>
            }
            action={newTicketLink("secondary")}
          />
        ) : (
          <TicketTable tickets={tickets.data} />
        )}
      </Card>
      {tickets.isSuccess && tickets.data.length > 0 ? (
        <div className="tickets-note">
          <Alert tone="info">{PROMISE} We reply by ticket and email only: there is no live chat.</Alert>
        </div>
      ) : null}
    </>
  );
}

function FirstResponse({ ticket }: { ticket: CustomerTicket }) {
  const promise = responsePromise(ticket);
  if (!promise || ticket.status === "solved" || ticket.status === "closed")
    return <span className="td-text-muted">{ticket.firstResponseDueBy ? "—" : "Answered"}</span>;
  if (ticket.status === "pending_customer" || ticket.firstResponseDueBy?.waitingOnYou)
    return <strong className="tickets-timing tickets-timing--you">Waiting for your reply</strong>;
  if (ticket.firstResponseDueBy?.late)
    return <strong className="tickets-timing tickets-timing--late">Taking longer than usual</strong>;
  if (!ticket.firstResponseDueBy) return <span className="td-text-muted">Answered</span>;
  return (
    <span>
      By {formatDateTime(ticket.firstResponseDueBy.expected)}
      <span className="td-table__secondary">
        at the latest {formatDateTime(ticket.firstResponseDueBy.latest)}
      </span>
    </span>
  );
}

function TicketTable({ tickets }: { tickets: readonly CustomerTicket[] }) {
  const sorted = [...tickets].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <Table
      caption={`${tickets.length} ${tickets.length === 1 ? "ticket" : "tickets"}, most recently updated first`}
      className="stacked-table"
    >
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Status</th>
          <th scope="col">Opened</th>
          <th scope="col">Last update</th>
          <th scope="col">First response</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((ticket) => {
          const status = ticketStatusPresentation(ticket.status);
          return (
            <tr key={ticket.id}>
              <th scope="row">
                <Link to={`/tickets/${ticket.id}`} className="td-link">
                  {ticket.subject}
                </Link>
                <span className="td-table__secondary">
                  #{ticket.number} · {TICKET_CATEGORY_LABELS[ticket.category] ?? ticket.category}
                </span>
              </th>
              <td data-label="Status">
                <StatusPill tone={status.tone}>{status.label}</StatusPill>
              </td>
              <td className="td-table__nowrap" data-label="Opened">
                {formatDate(ticket.createdAt)}
              </td>
              <td className="td-table__nowrap" data-label="Last update">
                {formatDateTime(ticket.updatedAt)}
              </td>
              <td data-label="First response">
                <FirstResponse ticket={ticket} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
