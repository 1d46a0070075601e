import { useMutation } from "@tanstack/react-query";
import {
  macrosFor,
  renderMacro,
  type TicketMacro,
  type TicketStatus,
  unfilledPlaceholders,
} from "@trustdesk/domain";
import { Alert, Button, Icon, SelectField, TextAreaField } from "@trustdesk/ui";
import { type FormEvent, type KeyboardEvent, type RefObject, useId, useRef, useState } from "react";
import type { StaffAccount } from "../../lib/trpc.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { macroContext, REPLY_STATUSES, reachableStatuses, statusLabel } from "./ticket-labels.ts";
import { changeError, useTicketWorkspace } from "./ticket-workspace-context.ts";

export type ComposerMode = "public" | "internal";
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** The agent's message being written; it lives in the page, so a conflict or a reload keeps it. */
export interface Draft {
  mode: ComposerMode;
  body: string;
  /** The status applied with the message; "" leaves it as it is. */
  status: ReplyStatus | "";
  /** Said once after the page filled the draft in (e.g. with the macro for a lifted enforcement). */
  prefilledWith: string | null;
}

/** A public reply waits on the customer by default; a note changes nothing unless asked. */
export function defaultStatus(mode: ComposerMode, current: TicketStatus): ReplyStatus | "" {
  if (mode === "internal") return "";
  return reachableStatuses(current, ["pending_customer"]).length > 0 ? "pending_customer" : "";
}

export function emptyDraft(current: TicketStatus): Draft {
  return { mode: "public", body: "", status: defaultStatus("public", current), prefilledWith: null };
}

/** One key per message: a double submit (or a retry after a lost answer) writes it once. */
function newSubmitKey(): string {
  return crypto.randomUUID();
}

const MODES: ReadonlyArray<{ value: ComposerMode; label: string; hint: string }> = [
  { value: "public", label: "Public reply", hint: "The customer sees it and is emailed" },
  { value: "internal", label: "Internal note", hint: "Agents only: never shown or emailed" },
];

/**
 * Writing on the ticket: a public reply or an internal note, a macro to start from, and the status
 * to apply with it. Ctrl+Enter (⌘+Enter) sends. Placeholders a macro could not fill must be replaced
 * before sending: a customer never gets "{{case.number}}".
 */
export function Composer({
  draft,
  onDraftChange,
  account,
  textareaRef,
}: {
  draft: Draft;
  onDraftChange: (draft: Draft) => void;
  account: StaffAccount | undefined;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { ticket, refresh, reportConflict } = useTicketWorkspace();
  const trpc = useTRPC();
  const id = useId();
  const submitKey = useRef(newSubmitKey());
  const [macroId, setMacroId] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const reply = useMutation(
    trpc.staff.tickets.reply.mutationOptions({
      onError: (error) => reportConflict(error),
      onSuccess: async (_, input) => {
        submitKey.current = newSubmitKey();
        onDraftChange(emptyDraft(ticket.status));
        setSent(input.visibility === "public" ? "Reply sent to the customer." : "Internal note added.");
        await refresh();
      },
    }),
  );
  const refusal = changeError(reply.error);
  const macros = macrosFor(ticket.category);
  const statuses = reachableStatuses(ticket.status, REPLY_STATUSES).filter(
    (s) => s !== ticket.status && !(ticket.status === "new" && s === "open"),
  );
  const internal = draft.mode === "internal";

  const update = (change: Partial<Draft>) => {
    setSent(null);
    setLocalError(null);
    onDraftChange({ ...draft, prefilledWith: null, ...change });
  };

  const insertMacro = (macro: TicketMacro) => {
    const text = renderMacro(macro.body, macroContext(ticket, account));
    const area = textareaRef.current;
    // Into an empty draft as is; into a written one at the cursor, so nothing written is lost.
    const body =
      draft.body.trim() === ""
        ? text
        : area
          ? `${draft.body.slice(0, area.selectionStart)}${text}${draft.body.slice(area.selectionEnd)}`
          : `${draft.body}\n\n${text}`;
    const status = !internal && statuses.includes(macro.status) ? macro.status : draft.status;
    update({ body, status });
    setMacroId("");
    requestAnimationFrame(() => area?.focus());
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (reply.isPending) return;
    const body = draft.body.trim();
    if (!body) {
      setLocalError(internal ? "Write the note first." : "Write the reply first.");
      textareaRef.current?.focus();
      return;
    }
    const unfilled = unfilledPlaceholders(body);
    if (unfilled.length > 0) {
      setLocalError(`Replace ${unfilled.map((p) => `{{${p}}}`).join(", ")} before sending.`);
      textareaRef.current?.focus();
      return;
    }
    setLocalError(null);
    reply.reset();
    reply.mutate({
      ticketId: ticket.id,
      body,
      visibility: draft.mode,
      ...(draft.status ? { status: draft.status } : {}),
      expectedVersion: ticket.version,
      idempotencyKey: submitKey.current,
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  const fieldError = localError ?? refusal?.fieldErrors?.body ?? null;

  return (
    <form
      className={`ticket-composer ticket-composer--${draft.mode}`}
      aria-label={internal ? "Add an internal note" : "Reply to the customer"}
      noValidate
      onSubmit={send}
    >
      <fieldset className="ticket-composer__modes">
        <legend className="td-visually-hidden">Write a</legend>
        {MODES.map((mode) => (
          <label key={mode.value} className="ticket-composer__mode">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode.value}
              checked={draft.mode === mode.value}
              onChange={() => update({ mode: mode.value, status: defaultStatus(mode.value, ticket.status) })}
            />
            <span className="ticket-composer__mode-label">
              {mode.value === "internal" ? <Icon name="lock" size={14} /> : <Icon name="inbox" size={14} />}
              {mode.label}
            </span>
            <span className="ticket-composer__mode-hint">{mode.hint}</span>
          </label>
        ))}
      </fieldset>

      {draft.prefilledWith ? (
        <Alert tone="info" live="polite">
          {draft.prefilledWith} Review it, then send.
        </Alert>
      ) : null}

      <div className="ticket-composer__macros">
        <SelectField
          id={`${id}-macro`}
          label="Macro"
          optional
          value={macroId}
          onChange={(e) => setMacroId(e.target.value)}
          fieldClassName="ticket-composer__macro-field"
        >
          <option value="">Choose a macro…</option>
          {macros.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </SelectField>
        <Button
          variant="secondary"
          disabled={!macroId}
          onClick={() => {
            const macro = macros.find((m) => m.id === macroId);
            if (macro) insertMacro(macro);
          }}
        >
          Insert macro
        </Button>
      </div>

      <TextAreaField
        ref={textareaRef}
        id={`${id}-body`}
        name="body"
        label={internal ? "Internal note (agents only)" : "Reply to the customer"}
        hint="Ctrl+Enter (⌘+Enter on a Mac) sends."
        rows={8}
        value={draft.body}
        onChange={(e) => update({ body: e.target.value })}
        onKeyDown={onKeyDown}
        error={fieldError}
        fieldClassName="ticket-composer__body"
      />

      <div className="ticket-composer__footer">
        <SelectField
          id={`${id}-status`}
          label={internal ? "Status after the note" : "Status after the reply"}
          value={draft.status}
          onChange={(e) => update({ status: e.target.value as ReplyStatus | "" })}
          fieldClassName="ticket-composer__status"
        >
          <option value="">
            {/* A reply to a new ticket makes it open at least. */}
            {ticket.status === "new" ? "Open" : `Leave it ${statusLabel(ticket.status).toLowerCase()}`}
          </option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </SelectField>
        <Button
          type="submit"
          loading={reply.isPending}
          loadingLabel={internal ? "Adding…" : "Sending…"}
          icon={<Icon name={internal ? "lock" : "arrow-right"} size={15} />}
        >
          {internal ? "Add internal note" : "Send reply"}
        </Button>
      </div>

      {refusal && !refusal.fieldErrors?.body ? (
        <Alert tone="danger" live="assertive" title="Not sent">
          {refusal.message} Your text is kept.
          {refusal.requestId ? (
            <p className="td-alert__meta">
              Reference: <code className="td-code">{refusal.requestId}</code>
            </p>
          ) : null}
        </Alert>
      ) : null}
      {sent ? (
        <Alert tone="success" live="polite">
          {sent}
        </Alert>
      ) : null}
    </form>
  );
}
