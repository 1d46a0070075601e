import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@trustdesk/client";
import { FIRST_RESPONSE_HOURS, TICKET_CATEGORY_LABELS } from "@trustdesk/domain";
import {
  Alert,
  Card,
  DescriptionList,
  EmptyState,
  LoadingState,
  PageHeader,
  StatusPill,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link, useParams } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import { type CustomerTicketDetail, useTRPC } from "../../lib/trpc.ts";
import { ticketStatusPresentation } from "./ticket-status.ts";

export function TicketDetailPage() {
  const { ticketId = "" } = useParams();
  const trpc = useTRPC();
  const ticket = useQuery(trpc.customer.tickets.get.queryOptions({ ticketId }));
  useDocumentTitle(ticket.data ? `#${ticket.data.number} ${ticket.data.subject}` : "Ticket");

  return (
    <>
      <p className="ticket-detail__back">
        <Link to="/tickets" className="td-link">
          ← All tickets
        </Link>
      </p>
      {ticket.isPending ? (
        <>
          <PageHeader title="Ticket" />
          <LoadingState label="Loading the ticket…" />
        </>
      ) : ticket.isError ? (
        <>
          <PageHeader title="Ticket" />
          <Card>
            <QueryError title="We couldn't load this ticket" query={ticket} />
          </Card>
        </>
      ) : (
        <TicketDetail ticket={ticket.data} />
      )}
    </>
  );
}

function TicketDetail({ ticket }: { ticket: CustomerTicketDetail }) {
  const status = ticketStatusPresentation(ticket.status);
  return (
    <>
      <PageHeader
        eyebrow={`Ticket #${ticket.number}`}
        title={ticket.subject}
        actions={<StatusPill tone={status.tone}>{status.label}</StatusPill>}
      />
      <div className="td-grid td-grid--sidebar">
        <Card title="Messages" headingLevel={2}>
          {ticket.messages.length === 0 ? (
            <EmptyState compact title="No messages yet" />
          ) : (
            <ol className="ticket-messages">
              {ticket.messages.map((m) => (
                <li key={m.id} className={`ticket-message ticket-message--${m.author.kind}`}>
                  <p className="ticket-message__meta">
                    <strong>
                      {m.author.kind === "staff" ? `${m.author.name} (Trustdesk)` : m.author.name}
                    </strong>
                    {" · "}
                    <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                  </p>
                  <p className="ticket-message__body">{m.body}</p>
                </li>
              ))}
            </ol>
          )}
        </Card>
        <div className="td-stack">
          <Card title="Details" headingLevel={2}>
            <DescriptionList
              items={[
                { term: "Category", description: TICKET_CATEGORY_LABELS[ticket.category] ?? ticket.category },
                { term: "Status", description: status.label },
                { term: "Opened", description: formatDateTime(ticket.createdAt) },
                { term: "Last update", description: formatDateTime(ticket.updatedAt) },
                {
                  term: "First response",
                  description: ticket.firstResponseDueBy
                    ? `By ${formatDateTime(ticket.firstResponseDueBy.expected)}, at the latest ${formatDateTime(ticket.firstResponseDueBy.latest)}`
                    : "Answered",
                },
              ]}
            />
          </Card>
          <Alert tone="info">
            We reply by ticket and email only: there is no live chat. A first response comes within{" "}
            {FIRST_RESPONSE_HOURS.expected}–{FIRST_RESPONSE_HOURS.latest} hours.
          </Alert>
        </div>
      </div>
    </>
  );
}
