import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { parseWith, QueryError, toApiError, useFormMutation } from "@trustdesk/client";
import { InviteStaffMemberInput, STAFF_INVITATION_TTL_DAYS, StaffRole } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  EmptyState,
  FormErrorBlock,
  LoadingState,
  PageHeader,
  SelectField,
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

export type Notice = { tone: "success" | "danger"; text: string } | null;

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
        {notice ? (
          <Alert tone={notice.tone} live={notice.tone === "danger" ? "assertive" : "polite"}>
            {notice.text}
          </Alert>
        ) : null}
        <InviteCard onNotice={setNotice} />
        <Card title="Colleagues" flush>
          {roster.isPending ? (
            <LoadingState label="Loading your colleagues…" />
          ) : roster.isError ? (
            <QueryError title="We couldn't load the staff list" query={roster} />
          ) : roster.data.members.length === 0 ? (
            <EmptyState title="No colleagues yet" description="Invite someone above." />
          ) : (
            <MemberTable members={roster.data.members} onAction={open} />
          )}
        </Card>
        <Card title="Open invitations" flush>
          {roster.isPending ? (
            <LoadingState label="Loading invitations…" />
          ) : roster.isError ? (
            <QueryError title="We couldn't load the invitations" query={roster} />
          ) : roster.data.invitations.length === 0 ? (
            <EmptyState
              title="No open invitations"
              description="Invitations appear here until they are accepted or revoked."
            />
          ) : (
            <InvitationTable invitations={roster.data.invitations} onAction={open} onNotice={setNotice} />
          )}
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

function InviteCard({ onNotice }: { onNotice: (notice: Notice) => void }) {
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
    <Card
      title="Invite a colleague"
      description="They get an email with a single-use link to choose a password; then they set up an authenticator app."
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Invite a colleague">
        <FormErrorBlock errors={invite.errors} idPrefix="invite" order={["email", "name", "role"]} />
        <div className="staff-invite-fields">
          <TextField
            id="invite-email"
            name="email"
            type="email"
            label="Work email"
            autoComplete="off"
            inputMode="email"
            spellCheck={false}
            required
            error={invite.errors.fields.email}
          />
          <TextField
            id="invite-name"
            name="name"
            label="Name (optional)"
            hint="Pre-fills their name; they can change it when they accept."
            autoComplete="off"
            error={invite.errors.fields.name}
          />
          <SelectField
            id="invite-role"
            name="role"
            label="Role"
            defaultValue="agent"
            error={invite.errors.fields.role}
          >
            {StaffRole.options.map((role) => (
              <option key={role} value={role}>
                {ROLE_HINTS[role]}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="td-form__actions">
          <Button type="submit" loading={invite.isPending} loadingLabel="Sending invitation…">
            Send invitation
          </Button>
        </div>
      </form>
    </Card>
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
          const deactivated = member.status === "deactivated";
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
                  <Button variant="ghost" size="sm" onClick={() => onAction({ kind: "changeRole", member })}>
                    Change role<span className="td-visually-hidden"> of {member.name}</span>
                  </Button>
                  {member.status === "active" ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => onAction({ kind: "resetTwoFactor", member })}
                    >
                      Reset 2FA<span className="td-visually-hidden"> of {member.name}</span>
                    </Button>
                  ) : null}
                  {deactivated ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => onAction({ kind: "reactivate", member })}
                    >
                      Reactivate<span className="td-visually-hidden"> {member.name}</span>
                    </Button>
                  ) : (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => onAction({ kind: "deactivate", member })}
                    >
                      Deactivate<span className="td-visually-hidden"> {member.name}</span>
                    </Button>
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

function InvitationTable({
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
    <Table
      caption={`${invitations.length} open ${invitations.length === 1 ? "invitation" : "invitations"}`}
      captionHidden
    >
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Invited by</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="td-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((invitation) => (
          <tr key={invitation.id}>
            <th scope="row">
              {invitation.email}
              {invitation.name ? <div className="td-text-small td-text-muted">{invitation.name}</div> : null}
            </th>
            <td className="td-table__nowrap">{staffRoleLabel(invitation.role)}</td>
            <td className="td-table__nowrap">
              <StatusPill tone={STATUS_LABELS.invited.tone}>{STATUS_LABELS.invited.label}</StatusPill>
            </td>
            <td>{invitation.invitedBy ?? "Command line"}</td>
            <td className="td-table__nowrap">
              {invitation.expired ? (
                <StatusPill tone="neutral">Expired</StatusPill>
              ) : (
                formatDateTime(invitation.expiresAt)
              )}
            </td>
            <td className="td-table__nowrap">
              <div className="td-row staff-actions">
                <Button
                  variant="ghost"
                  size="sm"
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
                      {
                        onSuccess: () =>
                          onNotice({
                            tone: "success",
                            text: `We sent ${invitation.email} a new link; the previous one no longer works.`,
                          }),
                        onError: (error) => onNotice({ tone: "danger", text: toApiError(error).message }),
                      },
                    );
                  }}
                >
                  Send again<span className="td-visually-hidden"> to {invitation.email}</span>
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => onAction({ kind: "revokeInvitation", invitation })}
                >
                  Revoke<span className="td-visually-hidden"> the invitation to {invitation.email}</span>
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
