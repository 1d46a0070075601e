import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isForbidden, parseWith, QueryError, toApiError, useFormMutation } from "@trustdesk/client";
import { InviteAccountUserInput, MANAGERS_ONLY } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  ConfirmDialog,
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
import { useId, useState } from "react";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { type AccountInvitation, type AccountUser, useTRPC } from "../../lib/trpc.ts";
import { useCurrentSession } from "../session/session-context.tsx";
import { canManageUsers, ROLE_HINTS, ROLE_LABELS } from "./user-role.ts";

type Notice = { tone: "success" | "danger"; text: string } | null;

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
      {notice ? (
        <Alert tone={notice.tone} live={notice.tone === "danger" ? "assertive" : "polite"}>
          {notice.text}
        </Alert>
      ) : null}
      <InviteCard invitableRoles={users.data?.invitableRoles ?? ["member"]} onSent={setNotice} />
      <Card title="People on this account" flush>
        {users.isPending ? (
          <LoadingState label="Loading your account's users…" />
        ) : users.isError ? (
          <QueryError title="We couldn't load your account's users" query={users} />
        ) : (
          <UserTable
            users={users.data.users}
            onNotice={setNotice}
            onRemove={(user) => {
              setNotice(null);
              setRemoving(user);
            }}
          />
        )}
      </Card>
      <Card title="Pending invitations" flush>
        {users.isPending ? (
          <LoadingState label="Loading invitations…" />
        ) : users.isError ? (
          <QueryError title="We couldn't load the invitations" query={users} />
        ) : users.data.invitations.length === 0 ? (
          <EmptyState
            title="No pending invitations"
            description="Invitations you send appear here until they are accepted, revoked or expire."
          />
        ) : (
          <InvitationTable invitations={users.data.invitations} onNotice={setNotice} />
        )}
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

function InviteCard({
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
    <Card
      title="Invite a user"
      description="They get an email with a link to choose their name and password. Each person needs their own address."
    >
      <form className="td-form users-invite-form" noValidate onSubmit={onSubmit} aria-label="Invite a user">
        {forbidden ? (
          <Alert tone="danger" live="assertive" title="You can't invite users">
            {MANAGERS_ONLY}
          </Alert>
        ) : (
          <FormErrorBlock errors={invite.errors} idPrefix="invite" order={["email", "role"]} />
        )}
        <TextField
          id="invite-email"
          name="email"
          type="email"
          label="Email address"
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          required
          error={invite.errors.fields.email}
        />
        <SelectField
          id="invite-role"
          name="role"
          label="Role"
          defaultValue="member"
          error={invite.errors.fields.role}
          hint={invitableRoles.includes("admin") ? undefined : "Only the account's owner can invite admins."}
        >
          {invitableRoles.map((role) => (
            <option key={role} value={role}>
              {ROLE_HINTS[role]}
            </option>
          ))}
        </SelectField>
        <div className="td-form__actions">
          <Button type="submit" loading={invite.isPending} loadingLabel="Sending invitation…">
            Send invitation
          </Button>
        </div>
      </form>
    </Card>
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
                <Button variant="ghost" size="sm" onClick={() => onRemove(user)}>
                  Remove<span className="td-visually-hidden"> {user.name}</span>
                </Button>
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
            {
              onSuccess: () =>
                onNotice({
                  tone: "success",
                  text: `${user.name} is now ${ROLE_LABELS[role].toLowerCase()}.`,
                }),
              onError: (error) => onNotice({ tone: "danger", text: toApiError(error).message }),
            },
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

function InvitationTable({
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
    <Table
      caption={`${invitations.length} pending ${invitations.length === 1 ? "invitation" : "invitations"}`}
      captionHidden
    >
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
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
            <th scope="row">{invitation.email}</th>
            <td>{ROLE_LABELS[invitation.role]}</td>
            <td>{invitation.invitedBy ?? "—"}</td>
            <td className="td-table__nowrap">
              {invitation.expired ? (
                <StatusPill tone="neutral">Expired</StatusPill>
              ) : (
                formatDateTime(invitation.expiresAt)
              )}
            </td>
            <td className="td-table__nowrap">
              <Button
                variant="ghost"
                size="sm"
                loading={revoke.isPending && revoke.variables?.invitationId === invitation.id}
                loadingLabel="Revoking…"
                onClick={() => {
                  onNotice(null);
                  revoke.mutate(
                    { invitationId: invitation.id },
                    {
                      onSuccess: () =>
                        onNotice({
                          tone: "success",
                          text: `The invitation to ${invitation.email} was revoked; its link no longer works.`,
                        }),
                      onError: (error) => onNotice({ tone: "danger", text: toApiError(error).message }),
                    },
                  );
                }}
              >
                Revoke<span className="td-visually-hidden"> the invitation to {invitation.email}</span>
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
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
  const api = remove.isError ? toApiError(remove.error) : null;
  return (
    <ConfirmDialog
      title={`Remove ${user.name}?`}
      tone="danger"
      confirmLabel="Remove user"
      confirmingLabel="Removing…"
      confirming={remove.isPending}
      onConfirm={() => remove.mutate({ userId: user.id })}
      onCancel={onCancel}
      error={
        api ? { message: api.message, requestId: api.kind === "unexpected" ? api.requestId : null } : null
      }
    >
      <p>
        {user.name} ({user.email}) is signed out everywhere at once and can no longer sign in to{" "}
        {session.account.name}. The tickets they opened and the account's history stay. You can invite them
        again later.
      </p>
    </ConfirmDialog>
  );
}
