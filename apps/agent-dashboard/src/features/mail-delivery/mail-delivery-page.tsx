import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { QueryView, toApiError } from "@trustdesk/client";
import {
  Button,
  Card,
  CellText,
  DataTable,
  EmptyState,
  Icon,
  PageHeader,
  StatusPill,
  useDocumentTitle,
  VisuallyHidden,
} from "@trustdesk/ui";
import { useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { type MailDeliveryProblem, useTRPC } from "../../lib/trpc.ts";
import { ActionNotice, type ActionResult } from "../enforcements/action-notice.tsx";
import { RefreshButton } from "../layout/refresh-button.tsx";

/**
 * Mails the worker could not deliver: given up after every attempt ("Dead letter", waiting for a
 * person) or still being retried with a backoff ("Retrying"). An admin retries a mail once the
 * cause is fixed (SMTP credentials, a full mailbox …). Bodies are never shown: they hold links.
 */
export function MailDeliveryPage() {
  useDocumentTitle("Mail delivery");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const problems = useQuery(trpc.staff.mail.problems.queryOptions());
  const [notice, setNotice] = useState<ActionResult | null>(null);
  const retry = useMutation(
    trpc.staff.mail.retry.mutationOptions({
      onSuccess: (mail) => {
        setNotice({
          tone: "success",
          title: "Mail queued again",
          body: `"${mail.subject}" to ${mail.to} goes out within seconds.`,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.staff.mail.problems.queryKey() });
      },
      onError: (error) =>
        setNotice({ tone: "danger", title: "Not retried", body: toApiError(error).message }),
    }),
  );
  const data = problems.data;
  return (
    <>
      <PageHeader
        title="Mail delivery"
        description={
          data
            ? `${data.dead} given up after ${data.maxAttempts} attempts, ${data.failing} still retrying with a growing wait. Sent mail is not listed.`
            : "Mails the worker could not deliver."
        }
        actions={<RefreshButton query={problems} />}
      />
      <div className="td-stack">
        <ActionNotice result={notice} onDismiss={() => setNotice(null)} />
        <Card flush={Boolean(data?.problems.length)}>
          <QueryView
            query={problems}
            loadingLabel="Loading undelivered mail…"
            errorTitle="We couldn't load the mail delivery problems"
            empty={
              <EmptyState
                icon="check-circle"
                title="Every mail was delivered"
                description="No mail is failing or given up."
              />
            }
            isEmpty={(d) => d.problems.length === 0}
          >
            {(d) => (
              <DataTable
                caption="Undelivered mail, newest first"
                dense
                rows={d.problems}
                rowKey={(m) => m.id}
                columns={[
                  {
                    key: "to",
                    header: "Recipient",
                    cell: (m: MailDeliveryProblem) => (
                      <CellText secondary={`Written ${formatDateTime(m.createdAt)}`}>{m.to}</CellText>
                    ),
                  },
                  {
                    key: "template",
                    header: "Mail",
                    cell: (m) => <CellText secondary={m.template}>{m.subject}</CellText>,
                  },
                  {
                    key: "state",
                    header: "State",
                    cell: (m) => (
                      <CellText
                        secondary={
                          m.state === "dead"
                            ? `${m.attempts} attempts`
                            : `Attempt ${m.attempts}; next ${m.nextAttemptAt ? formatDateTime(m.nextAttemptAt) : "soon"}`
                        }
                      >
                        <StatusPill tone={m.state === "dead" ? "danger" : "warning"}>
                          {m.state === "dead" ? "Dead letter" : "Retrying"}
                        </StatusPill>
                      </CellText>
                    ),
                  },
                  {
                    key: "error",
                    header: "Last error",
                    cell: (m) => <span className="td-text-small">{m.lastError}</span>,
                  },
                  {
                    key: "action",
                    header: <VisuallyHidden>Action</VisuallyHidden>,
                    cell: (m) => (
                      <Button
                        size="sm"
                        variant={m.state === "dead" ? "primary" : "secondary"}
                        icon={<Icon name="refresh" size={14} />}
                        aria-label={`Retry "${m.subject}" to ${m.to}`}
                        disabled={retry.isPending}
                        onClick={() => retry.mutate({ mailId: m.id })}
                      >
                        {m.state === "dead" ? "Retry" : "Retry now"}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </QueryView>
        </Card>
      </div>
    </>
  );
}
