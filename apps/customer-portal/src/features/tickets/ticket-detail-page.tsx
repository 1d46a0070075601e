import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { QueryError, toDialogError, useFormMutation } from "@trustdesk/client";
import { CustomerReplyInput, parseFields, TICKET_CATEGORY_LABELS } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  ConfirmDialog,
  clearedErrors,
  clientErrors,
  DescriptionList,
  EmptyState,
  FormErrorBlock,
  LoadingState,
  PageHeader,
  StatusPill,
  TextAreaField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { formatBytes, formatDateTime, newSubmitKey } from "../../lib/format.ts";
import { type CustomerTicketDetail, useTRPC } from "../../lib/trpc.ts";
import { AttachmentPicker, readAttachments } from "./attachment-picker.tsx";
import { responsePromise } from "./response-promise.tsx";
import { ticketStatusPresentation } from "./ticket-status.ts";

const REPLY_ID = "ticket-reply";
const REPLY_FIELDS = ["body", "attachments"];

export function TicketDetailPage() {
  const { ticketId = "" } = useParams();
  const trpc = useTRPC();
  const ticket = useQuery(trpc.customer.tickets.get.queryOptions({ ticketId }));
  useDocumentTitle(ticket.data ? `#${ticket.data.number} ${ticket.data.subject}` : "Ticket");

  return (
    <>
      <p className="ticket-detail__back">
        <Link to="/tickets" className="td-link">
          ← All tickets
        </Link>
      </p>
      {ticket.isPending ? (
        <>
          <PageHeader title="Ticket" />
          <LoadingState label="Loading the ticket…" />
        </>
      ) : ticket.isError ? (
        <>
          <PageHeader title="Ticket" />
          <Card>
            <QueryError title="We couldn't load this ticket" query={ticket} />
          </Card>
        </>
      ) : (
        <TicketDetail ticket={ticket.data} />
      )}
    </>
  );
}

type Message = CustomerTicketDetail["messages"][number];

function authorLabel(m: Message): string {
  return m.author.kind === "staff" ? `${m.author.name}, Consumer Trust team` : m.author.name;
}

function TicketDetail({ ticket }: { ticket: CustomerTicketDetail }) {
  const status = ticketStatusPresentation(ticket.status);
  const promise = responsePromise(ticket);
  const closed = ticket.status === "closed" || ticket.mergedInto !== null;
  return (
    <>
      <PageHeader
        eyebrow={`Ticket #${ticket.number}`}
        title={ticket.subject}
        actions={<StatusPill tone={status.tone}>{status.label}</StatusPill>}
      />
      {promise ? (
        <div className="ticket-detail__promise">
          <Alert tone={promise.tone === "neutral" ? "info" : promise.tone} title={promise.short}>
            {promise.long}
          </Alert>
        </div>
      ) : null}
      <div className="td-grid td-grid--sidebar ticket-detail">
        <div className="td-stack">
          {ticket.confirmation ? <ConfirmationCard ticket={ticket} /> : null}
          <Card title="Conversation" headingLevel={2}>
            {ticket.messages.length === 0 ? (
              <EmptyState compact title="No messages yet" />
            ) : (
              <ol className="ticket-messages" aria-label="Messages, oldest first">
                {ticket.messages.map((m) => (
                  <li key={m.id} className={`ticket-message ticket-message--${m.author.kind}`}>
                    <p className="ticket-message__meta">
                      <strong>{authorLabel(m)}</strong>
                      {" · "}
                      <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                    </p>
                    <p className="ticket-message__body">{m.body}</p>
                    {m.attachments.length > 0 ? (
                      <ul className="ticket-attachments" aria-label="Attached files">
                        {m.attachments.map((a) => (
                          <li key={a.id}>
                            <a className="td-link" href={`/attachments/${a.id}`} download={a.filename}>
                              {a.filename}
                            </a>{" "}
                            <span className="td-text-muted">({formatBytes(a.sizeBytes)})</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
          {closed ? (
            <Card>
              <p>
                {ticket.mergedInto
                  ? "This ticket was merged into another one of yours: the conversation goes on there."
                  : "This ticket is closed and takes no more replies."}{" "}
                <Link to="/tickets/new" className="td-link">
                  Open a new ticket
                </Link>
              </p>
            </Card>
          ) : (
            <ReplyCard ticket={ticket} />
          )}
        </div>
        <div className="td-stack">
          <Card title="Details" headingLevel={2}>
            <DescriptionList
              items={[
                {
                  term: "Category",
                  description: TICKET_CATEGORY_LABELS[ticket.category] ?? ticket.category,
                },
                { term: "Status", description: status.label },
                { term: "Opened", description: formatDateTime(ticket.createdAt) },
                { term: "Last update", description: formatDateTime(ticket.updatedAt) },
                {
                  term: "First response",
                  description: !ticket.firstResponseDueBy
                    ? "Answered"
                    : ticket.firstResponseDueBy.late
                      ? "Taking longer than usual"
                      : `Expected by ${formatDateTime(ticket.firstResponseDueBy.expected)}`,
                },
              ]}
            />
          </Card>
          {!closed && ticket.status !== "solved" ? <MarkSolved ticket={ticket} /> : null}
          <Alert tone="info">
            We reply by ticket and email only: there is no live chat. Replies to our emails are not read —
            answer here, signed in.
          </Alert>
        </div>
      </div>
    </>
  );
}

function useRefreshTicket() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.customer.tickets.get.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.customer.tickets.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.customer.account.overview.queryKey() }),
    ]);
  };
}

function ReplyCard({ ticket }: { ticket: CustomerTicketDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshTicket();
  const [submitKey, setSubmitKey] = useState(newSubmitKey);
  const [files, setFiles] = useState<File[]>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const [sent, setSent] = useState<{ redactedKeys: number } | null>(null);
  const reply = useFormMutation(trpc.customer.tickets.reply.mutationOptions());
  const { errors } = reply;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reply.isPending) return;
    const form = event.currentTarget;
    const body = new FormData(form).get("body");
    const read = await readAttachments(files);
    if (!read.ok) {
      reply.setErrors((prev) => clientErrors(prev, { attachments: read.message }));
      return;
    }
    const parsed = parseFields(CustomerReplyInput, {
      ticketId: ticket.id,
      body: typeof body === "string" ? body : "",
      idempotencyKey: submitKey,
      attachments: read.files,
    });
    if (!parsed.ok) {
      reply.setErrors((prev) => clientErrors(prev, onReplyFields(parsed.fields)));
      return;
    }
    reply.setErrors(clearedErrors);
    setSent(null);
    reply.mutate(parsed.data, {
      onSuccess: async (data) => {
        form.reset();
        setFiles([]);
        setPickerKey((k) => k + 1);
        setSubmitKey(newSubmitKey());
        setSent({ redactedKeys: data.redactedKeys });
        await refresh();
      },
    });
  };

  return (
    <Card title={ticket.status === "solved" ? "Reply to reopen" : "Reply"} headingLevel={2}>
      <form className="td-form ticket-reply" noValidate onSubmit={onSubmit} aria-label="Reply on the ticket">
        <FormErrorBlock
          errors={{ ...errors, fields: onReplyFields(errors.fields) }}
          idPrefix={REPLY_ID}
          order={REPLY_FIELDS}
        />
        {sent ? (
          <Alert tone="success" live="polite" title="Reply sent">
            {sent.redactedKeys > 0
              ? `It contained ${sent.redactedKeys === 1 ? "an API key" : `${sent.redactedKeys} API keys`}: we redacted ${sent.redactedKeys === 1 ? "it" : "them"} and revoked ${sent.redactedKeys === 1 ? "it" : "them"} as exposed.`
              : "Our team sees it in the ticket; we'll email you when we answer."}
          </Alert>
        ) : null}
        <TextAreaField
          id={`${REPLY_ID}-body`}
          name="body"
          label="Your message"
          hint="Never paste an API key: we redact keys we find and revoke them as exposed."
          rows={6}
          maxLength={20_000}
          required
          error={onReplyFields(errors.fields).body}
        />
        <AttachmentPicker
          key={pickerKey}
          id={`${REPLY_ID}-attachments`}
          files={files}
          onChange={setFiles}
          error={onReplyFields(errors.fields).attachments}
        />
        <div className="td-form__actions">
          <Button type="submit" loading={reply.isPending} loadingLabel="Sending reply…">
            {ticket.status === "solved" ? "Send and reopen" : "Send reply"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The API names file problems per file ("attachments.0.filename"); the form has one files field. */
function onReplyFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = path.startsWith("attachments") ? "attachments" : path === "body" ? "body" : path;
    out[key] ??= message;
  }
  return out;
}

function MarkSolved({ ticket }: { ticket: CustomerTicketDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshTicket();
  const [asking, setAsking] = useState(false);
  const solve = useMutation(
    trpc.customer.tickets.markSolved.mutationOptions({
      onSuccess: async () => {
        setAsking(false);
        await refresh();
      },
    }),
  );
  return (
    <Card title="All sorted?" headingLevel={2}>
      <p className="td-text-muted ticket-detail__solve-text">
        If you don't need anything more from us, mark the ticket as solved. A later reply reopens it.
      </p>
      <Button variant="secondary" onClick={() => setAsking(true)}>
        Mark as solved
      </Button>
      {asking ? (
        <ConfirmDialog
          title={`Mark ticket #${ticket.number} as solved?`}
          confirmLabel="Mark as solved"
          confirmingLabel="Marking as solved…"
          confirming={solve.isPending}
          onConfirm={() => solve.mutate({ ticketId: ticket.id })}
          onCancel={() => {
            solve.reset();
            setAsking(false);
          }}
          error={toDialogError(solve.error)}
        >
          <p>
            Our team stops working on it. If something is still wrong later, reply on the ticket and it
            reopens.
          </p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}

const CONFIRMATION_TITLE = {
  exposed_credentials_cleanup: "Confirm the clean-up",
  dormant_reactivation: "Confirm your reactivation request",
} as const;

function ConfirmationCard({ ticket }: { ticket: CustomerTicketDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshTicket();
  const [asking, setAsking] = useState(false);
  const confirm = useMutation(
    trpc.customer.tickets.confirm.mutationOptions({
      onSuccess: async () => {
        setAsking(false);
        await refresh();
      },
    }),
  );
  const c = ticket.confirmation;
  if (!c) return null;
  const title = CONFIRMATION_TITLE[c.kind];
  if (c.confirmedAt) {
    return (
      <Alert tone="success" title={`Confirmed on ${formatDateTime(c.confirmedAt)}`}>
        “{c.statement}” Your checklist on the{" "}
        <Link to="/" className="td-link">
          overview
        </Link>{" "}
        shows it as done; our team reviews the rest.
      </Alert>
    );
  }
  return (
    <Card title={title} headingLevel={2}>
      <p>Your checklist asks you to confirm this on your ticket:</p>
      <blockquote className="ticket-confirmation__statement">{c.statement}</blockquote>
      {c.kind === "exposed_credentials_cleanup" ? (
        <p className="td-text-muted">
          Manage your keys on the{" "}
          <Link to="/settings/api-keys" className="td-link">
            API keys
          </Link>{" "}
          page first.
        </p>
      ) : null}
      <div className="td-form__actions">
        <Button onClick={() => setAsking(true)}>{title}</Button>
      </div>
      {asking ? (
        <ConfirmDialog
          title={`${title}?`}
          confirmLabel="Yes, I confirm"
          confirmingLabel="Confirming…"
          confirming={confirm.isPending}
          onConfirm={() => confirm.mutate({ ticketId: ticket.id })}
          onCancel={() => {
            confirm.reset();
            setAsking(false);
          }}
          error={toDialogError(confirm.error)}
        >
          <p>“{c.statement}”</p>
          <p>We add this to the conversation, and our team checks it before lifting the restriction.</p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
