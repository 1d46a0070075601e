import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@trustdesk/client";
import { FIRST_RESPONSE_HOURS, TICKET_CATEGORY_LABELS } from "@trustdesk/domain";
import {
  Alert,
  Card,
  EmptyState,
  LoadingState,
  PageHeader,
  StatusPill,
  Table,
  useDocumentTitle,
} from "@trustdesk/ui";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { type CustomerTicket, useTRPC } from "../../lib/trpc.ts";
import { ticketStatusPresentation } from "./ticket-status.ts";

const PROMISE = `A first response comes within ${FIRST_RESPONSE_HOURS.expected}–${FIRST_RESPONSE_HOURS.latest} hours.`;

export function TicketsPage() {
  useDocumentTitle("Tickets");
  const trpc = useTRPC();
  const tickets = useQuery(trpc.customer.tickets.list.queryOptions());

  return (
    <>
      <PageHeader
        title="Tickets"
        description="Your conversations with our Consumer Trust team. We help by ticket only: there is no live chat."
      />
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
  if (!ticket.firstResponseDueBy) return <span className="td-text-muted">—</span>;
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
                {ticket.subject}
                <span className="td-table__secondary">
                  #{ticket.number} · {TICKET_CATEGORY_LABELS[ticket.category] ?? ticket.category}
                </span>
              </th>
              <td>
                <StatusPill tone={status.tone}>{status.label}</StatusPill>
              </td>
              <td className="td-table__nowrap">{formatDate(ticket.createdAt)}</td>
              <td className="td-table__nowrap">{formatDateTime(ticket.updatedAt)}</td>
              <td>
                <FirstResponse ticket={ticket} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
