import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  InvitationsTable,
  InviteCard,
  isForbidden,
  type Notice,
  NoticeAlert,
  noticeCallbacks,
  parseWith,
  QueryView,
  toApiError,
  toDialogError,
  useFormMutation,
} from "@trustdesk/client";
import { InviteAccountUserInput, MANAGERS_ONLY } from "@trustdesk/domain";
import {
  Alert,
  Card,
  ConfirmDialog,
  EmptyState,
  PageHeader,
  RowAction,
  StatusPill,
  Table,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useId, useState } from "react";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { type AccountInvitation, type AccountUser, useTRPC } from "../../lib/trpc.ts";
import { useCurrentSession } from "../session/session-context.tsx";
import { canManageUsers, ROLE_HINTS, ROLE_LABELS } from "./user-role.ts";

export function UsersPage() {
  useDocumentTitle("Users");
  const session = useCurrentSession();
  const canManage = canManageUsers(session.user.role);
  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to this account. Review them regularly: remove anyone who no longer needs access."
      />
      <div className="td-stack users-page">
        {canManage ? (
          <ManageUsers />
        ) : (
          <Alert tone="info" title="Only the account's owner and admins see its users">
            {MANAGERS_ONLY} Ask one of them if someone needs to be added or removed.
          </Alert>
        )}
      </div>
    </>
  );
}

function ManageUsers() {
  const trpc = useTRPC();
  const users = useQuery(trpc.customer.users.list.queryOptions());
  const [notice, setNotice] = useState<Notice>(null);
  const [removing, setRemoving] = useState<AccountUser | null>(null);

  return (
    <>
      <NoticeAlert notice={notice} />
      <InviteUserCard invitableRoles={users.data?.invitableRoles ?? ["member"]} onSent={setNotice} />
      <Card title="People on this account" flush>
        <QueryView
          query={users}
          loadingLabel="Loading your account's users…"
          errorTitle="We couldn't load your account's users"
        >
          {(data) => (
            <UserTable
              users={data.users}
              onNotice={setNotice}
              onRemove={(user) => {
                setNotice(null);
                setRemoving(user);
              }}
            />
          )}
        </QueryView>
      </Card>
      <Card title="Pending invitations" flush>
        <QueryView
          query={users}
          loadingLabel="Loading invitations…"
          errorTitle="We couldn't load the invitations"
          isEmpty={(data) => data.invitations.length === 0}
          empty={
            <EmptyState
              title="No pending invitations"
              description="Invitations you send appear here until they are accepted, revoked or expire."
            />
          }
        >
          {(data) => <AccountInvitationTable invitations={data.invitations} onNotice={setNotice} />}
        </QueryView>
      </Card>
      {removing ? (
        <RemoveDialog
          user={removing}
          onCancel={() => setRemoving(null)}
          onRemoved={() => {
            setNotice({
              tone: "success",
              text: `${removing.name} was removed and signed out everywhere.`,
            });
            setRemoving(null);
          }}
        />
      ) : null}
    </>
  );
}

function InviteUserCard({
  invitableRoles,
  onSent,
}: {
  invitableRoles: readonly ("admin" | "member")[];
  onSent: (notice: Notice) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invite = useFormMutation(
    trpc.customer.users.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customer.users.list.queryKey() }),
    }),
  );
  const forbidden = invite.isError && isForbidden(toApiError(invite.error)) && !invite.errors.fields.role;
  const onSubmit = invite.handleSubmit(
    (values) => parseWith(InviteAccountUserInput, values),
    (input, form) => ({
      onSuccess: () => {
        form.reset();
        onSent({
          tone: "success",
          text: `We sent an invitation to ${input.email}. The link works once, for 7 days.`,
        });
      },
    }),
  );
  return (
    <InviteCard
      title="Invite a user"
      description="They get an email with a link to choose their name and password. Each person needs their own address."
      invite={invite}
      onSubmit={onSubmit}
      emailLabel="Email address"
      errorOrder={["email", "role"]}
      roles={invitableRoles.map((role) => ({ value: role, label: ROLE_HINTS[role] }))}
      defaultRole="member"
      roleHint={invitableRoles.includes("admin") ? undefined : "Only the account's owner can invite admins."}
      refusal={
        forbidden ? (
          <Alert tone="danger" live="assertive" title="You can't invite users">
            {MANAGERS_ONLY}
          </Alert>
        ) : null
      }
      formClassName="users-invite-form"
    />
  );
}

function UserTable({
  users,
  onNotice,
  onRemove,
}: {
  users: readonly AccountUser[];
  onNotice: (notice: Notice) => void;
  onRemove: (user: AccountUser) => void;
}) {
  return (
    <Table caption={`${users.length} ${users.length === 1 ? "user" : "users"}`} captionHidden>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">Two-step verification</th>
          <th scope="col">Added</th>
          <th scope="col">
            <span className="td-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">
              {user.name}
              {user.isYou ? <span className="td-text-muted"> (you)</span> : null}
            </th>
            <td>{user.email}</td>
            <td className="td-table__nowrap">
              <RoleCell user={user} onNotice={onNotice} />
            </td>
            <td className="td-table__nowrap">
              {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"}
            </td>
            <td>
              <StatusPill tone={user.twoFactorEnabled ? "success" : "warning"}>
                {user.twoFactorEnabled ? "On" : "Off"}
              </StatusPill>
            </td>
            <td className="td-table__nowrap">{formatDate(user.createdAt)}</td>
            <td className="td-table__nowrap">
              {user.canRemove ? (
                <RowAction context={` ${user.name}`} onClick={() => onRemove(user)}>
                  Remove
                </RowAction>
              ) : (
                <span className="td-text-muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A select when the caller may give this user another role; the role as text otherwise. */
function RoleCell({ user, onNotice }: { user: AccountUser; onNotice: (notice: Notice) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const change = useMutation(
    trpc.customer.users.changeRole.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.customer.users.list.queryKey() }),
    }),
  );
  if (user.roleOptions.length < 2) return <>{ROLE_LABELS[user.role]}</>;
  return (
    <>
      <label htmlFor={id} className="td-visually-hidden">
        Role of {user.name}
      </label>
      <select
        id={id}
        className="td-input td-select users-role-select"
        value={user.role}
        disabled={change.isPending}
        onChange={(event) => {
          const role = event.target.value as "admin" | "member";
          onNotice(null);
          change.mutate(
            { userId: user.id, role },
            noticeCallbacks(onNotice, `${user.name} is now ${ROLE_LABELS[role].toLowerCase()}.`),
          );
        }}
      >
        {user.roleOptions.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
    </>
  );
}

function AccountInvitationTable({
  invitations,
  onNotice,
}: {
  invitations: readonly AccountInvitation[];
  onNotice: (notice: Notice) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.customer.users.revokeInvitation.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.customer.users.list.queryKey() }),
    }),
  );
  return (
    <InvitationsTable
      invitations={invitations}
      adjective="pending"
      roleLabel={(invitation) => ROLE_LABELS[invitation.role]}
      invitedByFallback="—"
      actions={(invitation) => (
        <RowAction
          context={` the invitation to ${invitation.email}`}
          loading={revoke.isPending && revoke.variables?.invitationId === invitation.id}
          loadingLabel="Revoking…"
          onClick={() => {
            onNotice(null);
            revoke.mutate(
              { invitationId: invitation.id },
              noticeCallbacks(
                onNotice,
                `The invitation to ${invitation.email} was revoked; its link no longer works.`,
              ),
            );
          }}
        >
          Revoke
        </RowAction>
      )}
    />
  );
}

function RemoveDialog({
  user,
  onCancel,
  onRemoved,
}: {
  user: AccountUser;
  onCancel: () => void;
  onRemoved: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useCurrentSession();
  const remove = useMutation(
    trpc.customer.users.remove.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.users.list.queryKey() });
        onRemoved();
      },
    }),
  );
  return (
    <ConfirmDialog
      title={`Remove ${user.name}?`}
      tone="danger"
      confirmLabel="Remove user"
      confirmingLabel="Removing…"
      confirming={remove.isPending}
      onConfirm={() => remove.mutate({ userId: user.id })}
      onCancel={onCancel}
      error={toDialogError(remove.error)}
    >
      <p>
        {user.name} ({user.email}) is signed out everywhere at once and can no longer sign in to{" "}
        {session.account.name}. The tickets they opened and the account's history stay. You can invite them
        again later.
      </p>
    </ConfirmDialog>
  );
}
