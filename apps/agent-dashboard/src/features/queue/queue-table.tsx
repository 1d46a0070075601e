import { StatusPill, Table } from "@trustdesk/ui";
import type { Ref } from "react";
import { Link } from "react-router";
import type { QueueTicket, TicketSearchRow } from "../../lib/trpc.ts";
import { AccountLink } from "../accounts/account-link.tsx";
import { CATEGORY_LABELS, PRIORITY_PRESENTATION, statusPresentation } from "./queue-labels.ts";
import { TicketAge, TicketBadges } from "./ticket-age.tsx";

type Row = QueueTicket & { snippet?: TicketSearchRow["snippet"] };

/**
 * The rows of a view or a search. One row is "current" (roving tabindex: it alone is in the Tab
 * order, j/k move it); every row is focusable and shows a focus ring.
 */
export function QueueTable({
  rows,
  caption,
  current,
  onCurrent,
  rowRef,
}: {
  rows: readonly Row[];
  caption: string;
  current: number;
  onCurrent: (index: number) => void;
  rowRef: (index: number) => Ref<HTMLTableRowElement>;
}) {
  return (
    <Table caption={caption} captionHidden dense className="queue-table">
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Account</th>
          <th scope="col">Status</th>
          <th scope="col">Assignee</th>
          <th scope="col">Team time</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t, i) => {
          const status = statusPresentation(t.status);
          const priority = PRIORITY_PRESENTATION[t.priority];
          return (
            <tr
              key={t.id}
              ref={rowRef(i)}
              tabIndex={i === current ? 0 : -1}
              data-queue-row={t.number}
              aria-current={i === current ? "true" : undefined}
              className={
                t.badges.breached ? "queue-row--48h" : t.badges.breaching ? "queue-row--24h" : undefined
              }
              onFocus={() => onCurrent(i)}
            >
              <th scope="row" className="queue-table__ticket">
                <span className="queue-table__number">
                  #{t.number} · {CATEGORY_LABELS[t.category] ?? t.category}
                </span>
                <Link to={`/tickets/${t.number}`} className="queue-subject" tabIndex={-1}>
                  {t.subject}
                </Link>
                {t.snippet?.length ? (
                  <span className="queue-snippet">
                    {t.snippet.map((s, k) =>
                      s.hit ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string
                        <mark key={k}>{s.text}</mark>
                      ) : (
                        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string
                        <span key={k}>{s.text}</span>
                      ),
                    )}
                  </span>
                ) : null}
                <TicketBadges ticket={t} />
                {t.priority === "urgent" || t.priority === "high" ? (
                  <span className="td-text-small td-text-muted"> {priority.label} priority</span>
                ) : null}
              </th>
              <td>
                <AccountLink id={t.account.id} name={t.account.name} />
              </td>
              <td>
                <StatusPill tone={status.tone}>{status.label}</StatusPill>
              </td>
              <td>{t.assignee ? t.assignee.name : <span className="td-text-muted">Unassigned</span>}</td>
              <td>
                <TicketAge ticket={t} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
