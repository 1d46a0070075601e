import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@trustdesk/client";
import {
  Badge,
  Button,
  Card,
  EmptyState,
  Icon,
  LoadingState,
  PageHeader,
  Stat,
  StatusPill,
  Table,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link } from "react-router";
import { formatDateTime, formatTime } from "../../lib/format.ts";
import { type QueueTicket, useTRPC } from "../../lib/trpc.ts";
import { CATEGORY_LABELS, PRIORITY_PRESENTATION, statusPresentation } from "./queue-labels.ts";
import { countQueue, sortQueue } from "./queue-order.ts";
import { FirstResponseBadge, TicketAge } from "./ticket-age.tsx";

/** Ages move on their own: refresh the queue every minute while the page is open. */
const REFRESH_MS = 60_000;

export function QueuePage() {
  useDocumentTitle("Queue");
  const trpc = useTRPC();
  const queue = useQuery(trpc.staff.queue.list.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  const counts = queue.data ? countQueue(queue.data) : null;

  return (
    <>
      <PageHeader
        title="Queue"
        description="Open tickets, oldest unanswered first. We promise a first response within 24 hours, 48 at the latest."
        actions={
          <div className="queue-refresh">
            {queue.dataUpdatedAt ? (
              <span className="td-text-small td-text-muted">
                Updated {formatTime(new Date(queue.dataUpdatedAt))}
              </span>
            ) : null}
            <Button
              variant="secondary"
              size="sm"
              icon={<Icon name="refresh" size={14} />}
              loading={queue.isFetching}
              loadingLabel="Refreshing…"
              onClick={() => void queue.refetch()}
            >
              Refresh
            </Button>
          </div>
        }
      />

      {counts ? (
        <section aria-label="Queue summary" className="td-grid queue-stats">
          <Stat label="Open tickets" value={counts.total} />
          <Stat label="Awaiting first response" value={counts.awaitingFirstResponse} />
          <Stat
            label="Past 24 h, no response"
            value={counts.past24h}
            className={counts.past24h > 0 ? "queue-stat--warning" : undefined}
          />
          <Stat
            label="Past 48 h, no response"
            value={counts.past48h}
            className={counts.past48h > 0 ? "queue-stat--danger" : undefined}
          />
        </section>
      ) : null}

      <Card flush>
        {queue.isPending ? (
          <LoadingState label="Loading the queue…" />
        ) : queue.isError ? (
          <QueryError title="We couldn't load the queue" query={queue} />
        ) : queue.data.length === 0 ? (
          <EmptyState
            icon="check-circle"
            title="The queue is empty"
            description="No open tickets right now. New tickets appear here on their own; this page refreshes every minute."
          />
        ) : (
          <QueueTable tickets={queue.data} />
        )}
      </Card>
    </>
  );
}

function QueueTable({ tickets }: { tickets: readonly QueueTicket[] }) {
  return (
    <Table caption="Open tickets, most urgent first: past 48 h, past 24 h, then oldest unanswered" dense>
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Account</th>
          <th scope="col">Priority</th>
          <th scope="col">Status</th>
          <th scope="col">Age</th>
          <th scope="col">First response</th>
        </tr>
      </thead>
      <tbody>
        {sortQueue(tickets).map((ticket) => {
          const status = statusPresentation(ticket.status);
          const priority = PRIORITY_PRESENTATION[ticket.priority] ?? {
            label: ticket.priority,
            tone: "neutral",
          };
          return (
            <tr key={ticket.id} className={ticket.ageAlarm ? `queue-row--${ticket.ageAlarm}` : undefined}>
              <th scope="row">
                <span className="queue-subject">{ticket.subject}</span>
                <span className="td-table__secondary">
                  #{ticket.number} · {CATEGORY_LABELS[ticket.category] ?? ticket.category}
                </span>
              </th>
              <td className="td-table__nowrap">
                <Link to={`/accounts/${encodeURIComponent(ticket.accountId)}`}>{ticket.accountName}</Link>
              </td>
              <td>
                <Badge tone={priority.tone}>{priority.label}</Badge>
              </td>
              <td>
                <StatusPill tone={status.tone}>{status.label}</StatusPill>
              </td>
              <td title={`Opened ${formatDateTime(ticket.createdAt)}`}>
                <TicketAge ticket={ticket} />
              </td>
              <td>
                <FirstResponseBadge ticket={ticket} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
