import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeBrowser, QueryError, SessionsTable, toDialogError } from "@trustdesk/client";
import {
  Alert,
  Card,
  ConfirmDialog,
  EmptyState,
  LoadingState,
  PageHeader,
  StatusPill,
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
            <SessionsTable
              caption="Signed-in sessions, most recently active first"
              sessions={sessions.data}
              leadingColumns={[
                {
                  key: "user",
                  header: "User",
                  rowHeader: true,
                  cell: (s) => (
                    <>
                      {s.user.name}
                      <div className="td-text-small td-text-muted">{s.user.email}</div>
                    </>
                  ),
                },
                {
                  key: "browser",
                  header: "Browser",
                  cell: (s) => (
                    <>
                      {describeBrowser(s.userAgent)}
                      {s.stage === "recovery" ? (
                        <>
                          {" "}
                          <StatusPill tone="warning">Recovery</StatusPill>
                        </>
                      ) : null}
                    </>
                  ),
                },
              ]}
              signOutContext={(s) => ` ${sessionLabel(s)}`}
              onSignOut={setEnding}
            />
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
  return (
    <ConfirmDialog
      title={`Sign out ${sessionLabel(target)}?`}
      tone="danger"
      confirmLabel="Sign out session"
      confirmingLabel="Signing out…"
      confirming={revoke.isPending}
      onConfirm={() => revoke.mutate({ sessionId: target.id })}
      onCancel={onCancel}
      error={toDialogError(revoke.error)}
    >
      <p>
        Whoever uses that browser is signed out at once and must sign in again. Last active{" "}
        {formatDateTime(target.lastSeenAt)} from {target.ip ?? "an unknown address"}.
      </p>
    </ConfirmDialog>
  );
}
