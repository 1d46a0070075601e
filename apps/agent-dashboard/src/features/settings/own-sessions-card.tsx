import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeBrowser, QueryError, SessionsTable, toDialogError } from "@trustdesk/client";
import { Alert, Button, Card, ConfirmDialog, LoadingState } from "@trustdesk/ui";
import { useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { type OwnSession, useTRPC } from "../../lib/trpc.ts";

type Ending = { kind: "one"; session: OwnSession } | { kind: "others" };

/** Where you are signed in; end any session you don't recognise, or all but this one. */
export function OwnSessionsCard() {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.staff.me.sessions.queryOptions());
  const [ending, setEnding] = useState<Ending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <Card
      title="Where you are signed in"
      description="Every browser with a session of yours, most recently active first."
      flush
    >
      {notice ? (
        <div className="settings-notice">
          <Alert tone="success" live="polite">
            {notice}
          </Alert>
        </div>
      ) : null}
      {sessions.isPending ? (
        <LoadingState label="Loading your sessions…" />
      ) : sessions.isError ? (
        <QueryError title="We couldn't load your sessions" query={sessions} />
      ) : (
        <>
          <SessionsTable
            caption="Your sessions, most recently active first"
            sessions={sessions.data}
            leadingColumns={[
              {
                key: "browser",
                header: "Browser",
                rowHeader: true,
                cell: (s) => (
                  <>
                    {describeBrowser(s.userAgent)}
                    {s.stage !== "full" ? (
                      <div className="td-text-small td-text-muted">Sign-in not finished</div>
                    ) : null}
                  </>
                ),
              },
            ]}
            signOutContext={(s) =>
              ` ${describeBrowser(s.userAgent)}, last active ${formatDateTime(String(s.lastSeenAt))}`
            }
            onSignOut={(s) => {
              setNotice(null);
              setEnding({ kind: "one", session: s });
            }}
          />
          <div className="settings-sessions-footer">
            <Button
              variant="secondary"
              size="sm"
              disabled={others === 0}
              onClick={() => {
                setNotice(null);
                setEnding({ kind: "others" });
              }}
            >
              Sign out everywhere else
            </Button>
            {others === 0 ? (
              <span className="td-text-small td-text-muted">This is your only session.</span>
            ) : null}
          </div>
        </>
      )}
      {ending ? (
        <EndDialog
          ending={ending}
          onCancel={() => setEnding(null)}
          onEnded={(text) => {
            setNotice(text);
            setEnding(null);
          }}
        />
      ) : null}
    </Card>
  );
}

function EndDialog({
  ending,
  onCancel,
  onEnded,
}: {
  ending: Ending;
  onCancel: () => void;
  onEnded: (text: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.staff.me.sessions.queryKey() });
  const one = useMutation(trpc.staff.me.endSession.mutationOptions({ onSuccess: refresh }));
  const others = useMutation(trpc.staff.me.endOtherSessions.mutationOptions({ onSuccess: refresh }));
  const mutation = ending.kind === "one" ? one : others;
  return (
    <ConfirmDialog
      title={
        ending.kind === "one"
          ? `Sign out ${describeBrowser(ending.session.userAgent)}?`
          : "Sign out everywhere else?"
      }
      tone="danger"
      confirmLabel={ending.kind === "one" ? "Sign out session" : "Sign out other sessions"}
      confirmingLabel="Signing out…"
      confirming={mutation.isPending}
      onConfirm={() =>
        ending.kind === "one"
          ? one.mutate(
              { sessionId: ending.session.id },
              { onSuccess: () => onEnded("That session was signed out.") },
            )
          : others.mutate(undefined, {
              onSuccess: (r) =>
                onEnded(
                  `${r.sessionsRevoked} other ${r.sessionsRevoked === 1 ? "session was" : "sessions were"} signed out.`,
                ),
            })
      }
      onCancel={onCancel}
      error={toDialogError(mutation.error)}
    >
      <p>
        {ending.kind === "one"
          ? `Whoever uses that browser is signed out at once. It was last active ${formatDateTime(String(ending.session.lastSeenAt))} from ${ending.session.ip ?? "an unknown address"}.`
          : "Every other browser signed in as you is signed out at once. This one stays signed in."}
      </p>
    </ConfirmDialog>
  );
}
