import { CellText, type DataColumn } from "@trustdesk/ui";
import { formatDateTime } from "../../lib/format.ts";
import type { AuditEvent } from "../../lib/trpc.ts";
import { AuditChanges } from "./audit-changes.tsx";

/** When an audit event happened. */
export function auditWhenColumn<T extends Pick<AuditEvent, "occurredAt">>(): DataColumn<T> {
  return { key: "when", header: "When", nowrap: true, cell: (e) => formatDateTime(e.occurredAt) };
}

/** What happened, to what, with its changes folded away under their count. */
export function auditWhatColumn<
  T extends Pick<AuditEvent, "actionLabel" | "changes"> & { subject: Pick<AuditEvent["subject"], "label"> },
>(): DataColumn<T> {
  return {
    key: "what",
    header: "What",
    rowHeader: true,
    cell: (e) => (
      <>
        <CellText secondary={e.subject.label}>{e.actionLabel}</CellText>
        {e.changes.length > 0 ? (
          <details>
            <summary className="td-text-small">
              {e.changes.length} change{e.changes.length === 1 ? "" : "s"}
            </summary>
            <AuditChanges changes={e.changes} />
          </details>
        ) : null}
      </>
    ),
  };
}
