import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  InvitationsTable,
  InviteCard,
  type Notice,
  NoticeAlert,
  noticeCallbacks,
  parseWith,
  QueryView,
  useFormMutation,
} from "@trustdesk/client";
import { InviteStaffMemberInput, STAFF_INVITATION_TTL_DAYS, StaffRole } from "@trustdesk/domain";
import {
  Card,
  EmptyState,
  PageHeader,
  RowAction,
  StatusPill,
  Table,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { type StaffInvitation, type StaffMember, useTRPC } from "../../lib/trpc.ts";
import { staffRoleLabel } from "../layout/staff-role.ts";
import { type StaffAction, StaffActionDialog } from "./staff-action-dialog.tsx";
import { ROLE_HINTS, STATUS_LABELS } from "./staff-labels.ts";
import "./staff.css";

/** Staff administration (admins): invite colleagues, change roles, deactivate, reset 2FA. */
export function StaffPage() {
  useDocumentTitle("Staff");
  const trpc = useTRPC();
  const roster = useQuery(trpc.staff.staffAdmin.list.queryOptions());
  const [notice, setNotice] = useState<Notice>(null);
  const [action, setAction] = useState<StaffAction | null>(null);
  const open = (next: StaffAction) => {
    setNotice(null);
    setAction(next);
  };

  return (
    <>
      <PageHeader
        title="Staff"
        description="Everyone who can sign in to this dashboard. New colleagues set their own password and must set up two-step verification before anything else."
      />
      <div className="td-stack">
        <NoticeAlert notice={notice} />
        <InviteStaffCard onNotice={setNotice} />
        <Card title="Colleagues" flush>
          <QueryView
            query={roster}
            loadingLabel="Loading your colleagues…"
            errorTitle="We couldn't load the staff list"
            isEmpty={(data) => data.members.length === 0}
            empty={<EmptyState title="No colleagues yet" description="Invite someone above." />}
          >
            {(data) => <MemberTable members={data.members} onAction={open} />}
          </QueryView>
        </Card>
        <Card title="Open invitations" flush>
          <QueryView
            query={roster}
            loadingLabel="Loading invitations…"
            errorTitle="We couldn't load the invitations"
            isEmpty={(data) => data.invitations.length === 0}
            empty={
              <EmptyState
                title="No open invitations"
                description="Invitations appear here until they are accepted or revoked."
              />
            }
          >
            {(data) => (
              <StaffInvitationTable invitations={data.invitations} onAction={open} onNotice={setNotice} />
            )}
          </QueryView>
        </Card>
      </div>
      {action ? (
        <StaffActionDialog
          action={action}
          onCancel={() => setAction(null)}
          onDone={(text) => {
            setNotice({ tone: "success", text });
            setAction(null);
          }}
        />
      ) : null}
    </>
  );
}

function useRefreshRoster() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.staff.staffAdmin.list.queryKey() });
}

function InviteStaffCard({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshRoster();
  const invite = useFormMutation(trpc.staff.staffAdmin.invite.mutationOptions({ onSuccess: refresh }));
  const onSubmit = invite.handleSubmit(
    // An empty name means "let them type it": the field is optional.
    (values) => parseWith(InviteStaffMemberInput, { ...values, name: values.name?.trim() || undefined }),
    (input, form) => ({
      onSuccess: () => {
        form.reset();
        onNotice({
          tone: "success",
          text: `We sent ${input.email} an invitation as ${staffRoleLabel(input.role).toLowerCase()}. The link works once, for ${STAFF_INVITATION_TTL_DAYS} days.`,
        });
      },
    }),
  );
  return (
    <InviteCard
      title="Invite a colleague"
      description="They get an email with a single-use link to choose a password; then they set up an authenticator app."
      invite={invite}
      onSubmit={onSubmit}
      emailLabel="Work email"
      errorOrder={["email", "name", "role"]}
      roles={StaffRole.options.map((role) => ({ value: role, label: ROLE_HINTS[role] }))}
      defaultRole="agent"
      fieldsClassName="staff-invite-fields"
    >
      <TextField
        id="invite-name"
        name="name"
        label="Name (optional)"
        hint="Pre-fills their name; they can change it when they accept."
        autoComplete="off"
        error={invite.errors.fields.name}
      />
    </InviteCard>
  );
}

function MemberTable({
  members,
  onAction,
}: {
  members: readonly StaffMember[];
  onAction: (action: StaffAction) => void;
}) {
  return (
    <Table caption={`${members.length} ${members.length === 1 ? "colleague" : "colleagues"}`} captionHidden>
      <thead>
        <tr>
          <th scope="col">Colleague</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">
            <span className="td-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const status = STATUS_LABELS[member.status];
          return (
            <tr key={member.id}>
              <th scope="row">
                <span className="td-table__nowrap">
                  {member.name}
                  {member.isYou ? <span className="td-text-muted"> (you)</span> : null}
                </span>
                <div className="td-text-small td-text-muted">{member.email}</div>
              </th>
              <td className="td-table__nowrap">{staffRoleLabel(member.role)}</td>
              <td className="td-table__nowrap">
                <StatusPill tone={status.tone}>{status.label}</StatusPill>
              </td>
              <td className="td-table__nowrap">
                {member.lastSignInAt ? formatDateTime(member.lastSignInAt) : "Never"}
              </td>
              <td className="td-table__nowrap">
                <div className="td-row staff-actions">
                  <RowAction
                    context={` of ${member.name}`}
                    onClick={() => onAction({ kind: "changeRole", member })}
                  >
                    Change role
                  </RowAction>
                  {member.status === "active" ? (
                    <RowAction
                      context={` of ${member.name}`}
                      onClick={() => onAction({ kind: "resetTwoFactor", member })}
                    >
                      Reset 2FA
                    </RowAction>
                  ) : null}
                  {member.status === "deactivated" ? (
                    <RowAction
                      context={` ${member.name}`}
                      onClick={() => onAction({ kind: "reactivate", member })}
                    >
                      Reactivate
                    </RowAction>
                  ) : (
                    <RowAction
                      context={` ${member.name}`}
                      onClick={() => onAction({ kind: "deactivate", member })}
                    >
                      Deactivate
                    </RowAction>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

function StaffInvitationTable({
  invitations,
  onAction,
  onNotice,
}: {
  invitations: readonly StaffInvitation[];
  onAction: (action: StaffAction) => void;
  onNotice: (notice: Notice) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshRoster();
  const resend = useMutation(trpc.staff.staffAdmin.invite.mutationOptions({ onSettled: refresh }));
  return (
    <InvitationsTable
      invitations={invitations}
      adjective="open"
      roleLabel={(invitation) => staffRoleLabel(invitation.role)}
      detail={(invitation) =>
        invitation.name ? <div className="td-text-small td-text-muted">{invitation.name}</div> : null
      }
      extraColumns={[
        {
          key: "status",
          header: "Status",
          nowrap: true,
          cell: () => (
            <StatusPill tone={STATUS_LABELS.invited.tone}>{STATUS_LABELS.invited.label}</StatusPill>
          ),
        },
      ]}
      invitedByFallback="Command line"
      actions={(invitation) => (
        <div className="td-row staff-actions">
          <RowAction
            context={` to ${invitation.email}`}
            loading={resend.isPending && resend.variables?.email === invitation.email}
            loadingLabel="Sending…"
            onClick={() => {
              onNotice(null);
              resend.mutate(
                {
                  email: invitation.email,
                  role: invitation.role,
                  ...(invitation.name ? { name: invitation.name } : {}),
                },
                noticeCallbacks(
                  onNotice,
                  `We sent ${invitation.email} a new link; the previous one no longer works.`,
                ),
              );
            }}
          >
            Send again
          </RowAction>
          <RowAction
            context={` the invitation to ${invitation.email}`}
            onClick={() => onAction({ kind: "revokeInvitation", invitation })}
          >
            Revoke
          </RowAction>
        </div>
      )}
    />
  );
}
