import { Badge, Icon } from "@trustdesk/ui";
import { useId } from "react";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import type { StaffTicketMessage } from "../../lib/trpc.ts";
import { staffRoleLabel } from "../layout/staff-role.ts";

/**
 * The whole conversation, oldest first: the customer's messages, public replies and internal notes.
 * Notes stand apart (amber, labelled) because they never reach the customer — nobody should take one
 * for a reply, or the other way round.
 */
export function Conversation({ messages }: { messages: readonly StaffTicketMessage[] }) {
  if (messages.length === 0) return <p className="td-text-muted">No messages yet.</p>;
  return (
    <ol className="ticket-conversation" aria-label="Messages, oldest first">
      {messages.map((m) => (
        <li key={m.id}>
          <Message message={m} />
        </li>
      ))}
    </ol>
  );
}

function Message({ message: m }: { message: StaffTicketMessage }) {
  const headingId = useId();
  const internal = m.visibility === "internal";
  const fromCustomer = m.author.kind === "customer";
  const kind = internal ? "Internal note" : fromCustomer ? "Customer message" : "Public reply";
  const variant = internal ? "internal" : fromCustomer ? "customer" : "reply";
  return (
    <article className={`ticket-message ticket-message--${variant}`} aria-labelledby={headingId}>
      <header className="ticket-message__header">
        <p id={headingId} className="ticket-message__author">
          {/* The accessible name says what the message is and who wrote it, when. */}
          <span className="td-visually-hidden">{kind} by </span>
          <strong>{m.author.name}</strong>
          <span className="td-visually-hidden">, {formatDateTime(m.createdAt)}</span>
        </p>
        <span className="ticket-message__role">
          {fromCustomer ? "Customer" : staffRoleLabel(m.author.role ?? "")}
        </span>
        {internal ? (
          <Badge tone="warning" className="ticket-message__label">
            <Icon name="lock" size={12} /> Internal note · not visible to the customer
          </Badge>
        ) : fromCustomer ? null : (
          <Badge tone="info" className="ticket-message__label">
            Public reply
          </Badge>
        )}
        <time className="ticket-message__time" dateTime={m.createdAt} title={formatDateTime(m.createdAt)}>
          {formatDateTime(m.createdAt)} · {formatDuration(m.createdAt)} ago
        </time>
      </header>
      <div className="ticket-message__body">{m.body}</div>
      {m.redactedKeyCount > 0 ? (
        <p className="ticket-message__redacted">
          <Icon name="key" size={14} />
          {m.redactedKeyCount === 1 ? "1 key redacted" : `${m.redactedKeyCount} keys redacted`}: an API key
          pasted here was removed before the message was stored.
        </p>
      ) : null}
    </article>
  );
}
