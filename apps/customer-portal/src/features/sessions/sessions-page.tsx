import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeBrowser, QueryError, toApiError } from "@trustdesk/client";
import {
  Alert,
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  LoadingState,
  PageHeader,
  StatusPill,
  Table,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { type CustomerSessionRow, useTRPC } from "../../lib/trpc.ts";
import { useCurrentSession } from "../session/session-context.tsx";

/** Where the account is signed in: part of the takeover checklist, and useful any day. */
export function SessionsPage() {
  useDocumentTitle("Sessions");
  const trpc = useTRPC();
  const session = useCurrentSession();
  const sessions = useQuery(trpc.customer.sessions.list.queryOptions());
  const [ending, setEnding] = useState<CustomerSessionRow | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const seesEveryone = session.user.role !== "member";

  return (
    <>
      <PageHeader
        title="Sessions"
        description={
          seesEveryone
            ? "Every browser signed in to this account, for every user. Sign out any you don't recognise."
            : "Every browser where you are signed in. Sign out any you don't recognise."
        }
      />
      <div className="td-stack">
        {session.stage === "recovery" ? (
          <Alert tone="warning" title="Look for sessions that are not yours">
            Every session open at the time of the suspension was already signed out. A session here that you
            don't recognise means someone still has access: sign it out and tell us in your takeover ticket.
          </Alert>
        ) : null}
        {ended ? (
          <Alert tone="success" live="polite">
            {ended} was signed out.
          </Alert>
        ) : null}
        <Card title="Signed-in sessions" flush>
          {sessions.isPending ? (
            <LoadingState label="Loading sessions…" />
          ) : sessions.isError ? (
            <QueryError title="We couldn't load the sessions" query={sessions} />
          ) : sessions.data.length === 0 ? (
            <EmptyState title="No other sessions" description="Nobody else is signed in." />
          ) : (
            <Table caption="Signed-in sessions, most recently active first" captionHidden>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Browser</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last active</th>
                  <th scope="col">
                    <span className="td-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {s.user.name}
                      <div className="td-text-small td-text-muted">{s.user.email}</div>
                    </th>
                    <td>
                      {describeBrowser(s.userAgent)}
                      {s.stage === "recovery" ? (
                        <>
                          {" "}
                          <StatusPill tone="warning">Recovery</StatusPill>
                        </>
                      ) : null}
                    </td>
                    <td className="td-table__nowrap">{s.ip ?? "Unknown"}</td>
                    <td className="td-table__nowrap">{formatDateTime(s.createdAt)}</td>
                    <td className="td-table__nowrap">{formatDateTime(s.lastSeenAt)}</td>
                    <td className="td-table__nowrap">
                      {s.current ? (
                        <StatusPill tone="success">This browser</StatusPill>
                      ) : (
                        <Button variant="ghost" size="sm" onClick={() => setEnding(s)}>
                          Sign out<span className="td-visually-hidden"> {sessionLabel(s)}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
      {ending ? (
        <EndSessionDialog
          target={ending}
          onCancel={() => setEnding(null)}
          onEnded={() => {
            setEnded(sessionLabel(ending));
            setEnding(null);
          }}
        />
      ) : null}
    </>
  );
}

function sessionLabel(s: CustomerSessionRow): string {
  return `${s.user.name}'s session on ${describeBrowser(s.userAgent)}`;
}

function EndSessionDialog({
  target,
  onCancel,
  onEnded,
}: {
  target: CustomerSessionRow;
  onCancel: () => void;
  onEnded: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.customer.sessions.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customer.sessions.list.queryKey() });
        onEnded();
      },
    }),
  );
  const api = revoke.isError ? toApiError(revoke.error) : null;
  return (
    <ConfirmDialog
      title={`Sign out ${sessionLabel(target)}?`}
      tone="danger"
      confirmLabel="Sign out session"
      confirmingLabel="Signing out…"
      confirming={revoke.isPending}
      onConfirm={() => revoke.mutate({ sessionId: target.id })}
      onCancel={onCancel}
      error={
        api ? { message: api.message, requestId: api.kind === "unexpected" ? api.requestId : null } : null
      }
    >
      <p>
        Whoever uses that browser is signed out at once and must sign in again. Last active{" "}
        {formatDateTime(target.lastSeenAt)} from {target.ip ?? "an unknown address"}.
      </p>
    </ConfirmDialog>
  );
}
