import { type DataColumn, DataTable, StatusPill } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { formatDateTime } from "./format-date-time.ts";

/** What both apps know of an invitation not yet accepted. */
export interface InvitationRow {
  id: string;
  email: string;
  invitedBy: string | null;
  expired: boolean;
  expiresAt: string;
}

export interface InvitationsTableProps<I extends InvitationRow> {
  invitations: readonly I[];
  /** How the app calls them in the hidden caption ("open", "pending"). */
  adjective: string;
  roleLabel: (invitation: I) => ReactNode;
  /** A second line under the email (e.g. the name the inviter gave). */
  detail?: (invitation: I) => ReactNode;
  /** Columns between the role and who invited. */
  extraColumns?: ReadonlyArray<DataColumn<I>>;
  /** Who invited, when nobody the app can name did. */
  invitedByFallback: string;
  /** The row's actions (buttons named for the invitation). */
  actions: (invitation: I) => ReactNode;
}

/** The open invitations of a roster: who, as what, invited by whom, until when, and what to do. */
export function InvitationsTable<I extends InvitationRow>({
  invitations,
  adjective,
  roleLabel,
  detail,
  extraColumns = [],
  invitedByFallback,
  actions,
}: InvitationsTableProps<I>) {
  return (
    <DataTable
      caption={`${invitations.length} ${adjective} ${invitations.length === 1 ? "invitation" : "invitations"}`}
      captionHidden
      rows={invitations}
      rowKey={(invitation) => invitation.id}
      columns={[
        {
          key: "email",
          header: "Email",
          rowHeader: true,
          cell: (invitation) => (
            <>
              {invitation.email}
              {detail?.(invitation)}
            </>
          ),
        },
        { key: "role", header: "Role", nowrap: true, cell: roleLabel },
        ...extraColumns,
        {
          key: "invited-by",
          header: "Invited by",
          cell: (invitation) => invitation.invitedBy ?? invitedByFallback,
        },
        {
          key: "expires",
          header: "Expires",
          nowrap: true,
          cell: (invitation) =>
            invitation.expired ? (
              <StatusPill tone="neutral">Expired</StatusPill>
            ) : (
              formatDateTime(invitation.expiresAt)
            ),
        },
        {
          key: "actions",
          header: <span className="td-visually-hidden">Actions</span>,
          nowrap: true,
          cell: actions,
        },
      ]}
    />
  );
}
