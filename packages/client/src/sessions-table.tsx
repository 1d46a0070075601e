import { type DataColumn, DataTable, RowAction, StatusPill } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { formatDateTime } from "./format-date-time.ts";

/** What both apps know of a signed-in session. */
export interface SessionRow {
  id: string;
  ip: string | null;
  createdAt: string | Date;
  lastSeenAt: string | Date;
  /** The session of this browser: it is not signed out from here. */
  current: boolean;
}

/**
 * Signed-in sessions, most recently active first: where from, since when, last active, and a
 * sign-out button on every session but this browser's.
 */
export function SessionsTable<S extends SessionRow>({
  caption,
  sessions,
  leadingColumns,
  signOutContext,
  onSignOut,
}: {
  caption: string;
  sessions: readonly S[];
  /** The columns before the address, the first naming the row. */
  leadingColumns: ReadonlyArray<DataColumn<S>>;
  /** Completes "Sign out" for screen readers (start it with a space). */
  signOutContext: (session: S) => ReactNode;
  onSignOut: (session: S) => void;
}) {
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={sessions}
      rowKey={(s) => s.id}
      columns={[
        ...leadingColumns,
        { key: "ip", header: "IP address", nowrap: true, cell: (s) => s.ip ?? "Unknown" },
        {
          key: "created",
          header: "Signed in",
          nowrap: true,
          cell: (s) => formatDateTime(String(s.createdAt)),
        },
        {
          key: "last-seen",
          header: "Last active",
          nowrap: true,
          cell: (s) => formatDateTime(String(s.lastSeenAt)),
        },
        {
          key: "actions",
          header: <span className="td-visually-hidden">Actions</span>,
          nowrap: true,
          cell: (s) =>
            s.current ? (
              <StatusPill tone="success">This browser</StatusPill>
            ) : (
              <RowAction context={signOutContext(s)} onClick={() => onSignOut(s)}>
                Sign out
              </RowAction>
            ),
        },
      ]}
    />
  );
}
