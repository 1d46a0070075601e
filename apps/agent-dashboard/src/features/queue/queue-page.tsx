import { useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import {
  Badge,
  Card,
  CellText,
  DataTable,
  EmptyState,
  PageHeader,
  Stat,
  StatusPill,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link } from "react-router";
import { formatDateTime, formatTime } from "../../lib/format.ts";
import { type QueueTicket, useTRPC } from "../../lib/trpc.ts";
import { AccountLink } from "../accounts/account-link.tsx";
import { RefreshButton } from "../layout/refresh-button.tsx";
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
        description="Open tickets: escalated ones first, then the oldest unanswered. We promise a first response within 24 hours, 48 at the latest."
        actions={
          <div className="queue-refresh">
            {queue.dataUpdatedAt ? (
              <span className="td-text-small td-text-muted">
                Updated {formatTime(new Date(queue.dataUpdatedAt))}
              </span>
            ) : null}
            <RefreshButton query={queue} />
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
        <QueryView
          query={queue}
          loadingLabel="Loading the queue…"
          errorTitle="We couldn't load the queue"
          empty={
            <EmptyState
              icon="check-circle"
              title="The queue is empty"
              description="No open tickets right now. New tickets appear here on their own; this page refreshes every minute."
            />
          }
        >
          {(tickets) => <QueueTable tickets={tickets} />}
        </QueryView>
      </Card>
    </>
  );
}

function QueueTable({ tickets }: { tickets: readonly QueueTicket[] }) {
  return (
    <DataTable
      caption="Open tickets, most urgent first: escalated, past 48 h, past 24 h, then oldest unanswered"
      dense
      rows={sortQueue(tickets)}
      rowKey={(t) => t.id}
      rowClassName={(t) => (t.ageAlarm ? `queue-row--${t.ageAlarm}` : undefined)}
      columns={[
        {
          key: "ticket",
          header: "Ticket",
          rowHeader: true,
          cell: (t) => (
            <CellText secondary={`#${t.number} · ${CATEGORY_LABELS[t.category] ?? t.category}`}>
              <Link to={`/tickets/${t.number}`} className="queue-subject">
                {t.subject}
              </Link>
              {t.escalatedAt ? (
                <Badge tone="danger" title={`Escalated by the customer ${formatDateTime(t.escalatedAt)}`}>
                  Escalated
                </Badge>
              ) : null}
            </CellText>
          ),
        },
        {
          key: "account",
          header: "Account",
          nowrap: true,
          // The account page holds the trust picture beside the ticket.
          cell: (t) => <AccountLink id={t.accountId} name={t.accountName} />,
        },
        {
          key: "priority",
          header: "Priority",
          cell: (t) => {
            const priority = PRIORITY_PRESENTATION[t.priority] ?? { label: t.priority, tone: "neutral" };
            return <Badge tone={priority.tone}>{priority.label}</Badge>;
          },
        },
        {
          key: "status",
          header: "Status",
          cell: (t) => {
            const status = statusPresentation(t.status);
            return <StatusPill tone={status.tone}>{status.label}</StatusPill>;
          },
        },
        {
          key: "age",
          header: "Age",
          cell: (t) => (
            <span title={`Opened ${formatDateTime(t.createdAt)}`}>
              <TicketAge ticket={t} />
            </span>
          ),
        },
        { key: "first-response", header: "First response", cell: (t) => <FirstResponseBadge ticket={t} /> },
      ]}
    />
  );
}
