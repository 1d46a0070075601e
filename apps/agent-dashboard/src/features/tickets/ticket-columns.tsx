import { Badge, CellText, type DataColumn, StatusPill } from "@trustdesk/ui";
import { Link } from "react-router";
import type { AccountTicket } from "../../lib/trpc.ts";
import { CATEGORY_LABELS, statusPresentation } from "../queue/queue-labels.ts";

type TicketFacts = Pick<AccountTicket, "id" | "number" | "subject" | "category">;

/**
 * The column that names a ticket in a section's table: its subject linked to its workspace, over
 * its number and category. The ticket being worked (`currentTicketId`) is marked, not linked.
 */
export function ticketColumn<T extends TicketFacts>(currentTicketId?: string): DataColumn<T> {
  return {
    key: "ticket",
    header: "Ticket",
    rowHeader: true,
    cell: (t) => (
      <CellText secondary={`#${t.number} · ${CATEGORY_LABELS[t.category] ?? t.category}`}>
        {t.id === currentTicketId ? (
          <span aria-current="page">
            {t.subject} <Badge tone="accent">This ticket</Badge>
          </span>
        ) : (
          <Link to={`/tickets/${t.number}`}>{t.subject}</Link>
        )}
      </CellText>
    ),
  };
}

/** A ticket's status as agents name it. */
export function ticketStatusColumn<T extends Pick<AccountTicket, "status">>(): DataColumn<T> {
  return {
    key: "status",
    header: "Status",
    cell: (t) => {
      const status = statusPresentation(t.status);
      return <StatusPill tone={status.tone}>{status.label}</StatusPill>;
    },
  };
}
