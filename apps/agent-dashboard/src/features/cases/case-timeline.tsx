import { formatDateTime } from "../../lib/format.ts";
import type { AuditEvent } from "../../lib/trpc.ts";
import { AuditChanges } from "../audit/audit-changes.tsx";

/** The audit log's events about a case, oldest first: what happened, to what, by whom. */
export function CaseTimeline({ events }: { events: readonly AuditEvent[] }) {
  return (
    <ol className="case-timeline" aria-label="Timeline, oldest first">
      {events.map((e) => (
        <li key={e.id} className="case-timeline__item">
          <time className="case-timeline__when" dateTime={e.occurredAt}>
            {formatDateTime(e.occurredAt)}
          </time>
          <div>
            <p className="case-timeline__what">
              {e.actionLabel}
              <span className="td-text-muted"> · {e.subject.label}</span>
            </p>
            <p className="case-timeline__who">by {e.actorLabel}</p>
            <AuditChanges changes={e.changes} />
          </div>
        </li>
      ))}
    </ol>
  );
}
