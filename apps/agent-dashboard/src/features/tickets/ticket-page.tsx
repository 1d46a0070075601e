import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ApiError, QueryError, toApiError } from "@trustdesk/client";
import { macroForOutcome, renderMacro, TicketNumber } from "@trustdesk/domain";
import {
  Alert,
  Badge,
  Button,
  buttonClassName,
  Card,
  Icon,
  LoadingState,
  PageHeader,
  StatusPill,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import { type StaffAccount, type StaffTicket, useTRPC } from "../../lib/trpc.ts";
import { ManualEnforcementDialog } from "../accounts/manual-enforcement-dialog.tsx";
import { ReportCompromiseDialog } from "../accounts/report-compromise-dialog.tsx";
import { TrustSections, useTrustSections } from "../accounts/trust-sections.tsx";
import { ActionNotice, type ActionResult } from "../enforcements/action-notice.tsx";
import { RecordLoadFailure } from "../layout/record-load-failure.tsx";
import { CATEGORY_LABELS, PRIORITY_PRESENTATION, statusPresentation } from "../queue/queue-labels.ts";
import { useCan } from "../session/permissions.ts";
import { Composer, type Draft, emptyDraft } from "./composer.tsx";
import { Conversation } from "./conversation.tsx";
import { MergeDialog } from "./merge-dialog.tsx";
import { TicketFormFields } from "./ticket-form-fields.tsx";
import { macroContext, statusLabel } from "./ticket-labels.ts";
import { TicketSidePanel } from "./ticket-side-panel.tsx";
import { isConflict, type TicketWorkspace, TicketWorkspaceContext } from "./ticket-workspace-context.ts";
import { TitledCard } from "./titled-card.tsx";

const TRUST_ID = "trust-picture";

/** `/tickets/:number`: one ticket worked end to end, with the account's trust picture beside it. */
export function TicketPage() {
  const { number = "" } = useParams();
  const parsed = TicketNumber.safeParse(number);
  const trpc = useTRPC();
  const ticket = useQuery(
    trpc.staff.tickets.get.queryOptions(
      { number: parsed.success ? parsed.data : 0 },
      // The agent's view is what their changes are based on: it changes when they ask (or act), so a
      // colleague's change shows up as a conflict to review, never silently under their cursor.
      { enabled: parsed.success, refetchOnWindowFocus: false, staleTime: Number.POSITIVE_INFINITY },
    ),
  );
  useDocumentTitle(ticket.data ? `#${ticket.data.number} ${ticket.data.subject}` : "Ticket");
  const back = (
    <Link to="/queue" className="back-link">
      ← Queue
    </Link>
  );

  if (parsed.success && ticket.isPending) {
    return (
      <>
        <PageHeader eyebrow={back} title={`Ticket #${number}`} />
        <LoadingState label="Loading the ticket…" />
      </>
    );
  }
  if (!parsed.success || ticket.isError || !ticket.data) {
    return (
      <RecordLoadFailure
        back={back}
        missing={!parsed.success || toApiError(ticket.error).code === "NOT_FOUND"}
        title={`Ticket #${number}`}
        notFound={{
          pageTitle: "Ticket not found",
          title: `There is no ticket #${number}`,
          description: "Check the number, or find the ticket in the queue.",
          to: "/queue",
          action: "Open the queue",
        }}
        errorTitle="We couldn't load this ticket"
        query={ticket}
      />
    );
  }
  // Keyed by ticket: another ticket starts with its own draft.
  return (
    <TicketWorkspaceView
      key={ticket.data.id}
      ticket={ticket.data}
      back={back}
      refetch={async () => {
        await ticket.refetch();
      }}
      refreshing={ticket.isFetching}
    />
  );
}

function TicketWorkspaceView({
  ticket,
  back,
  refetch,
  refreshing,
}: {
  ticket: StaffTicket;
  back: ReactNode;
  refetch: () => Promise<void>;
  refreshing: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(ticket.status));
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<ActionResult | null>(null);
  const [dialog, setDialog] = useState<"merge" | "manual" | "compromise" | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const account = useQuery(trpc.staff.accounts.get.queryOptions({ accountId: ticket.account.id }));

  const workspace = useMemo<TicketWorkspace>(
    () => ({
      ticket,
      refresh: async () => {
        await Promise.all([
          refetch(),
          queryClient.invalidateQueries({ queryKey: trpc.staff.accounts.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.staff.queue.pathKey() }),
        ]);
      },
      reportConflict: (error) => {
        const api = toApiError(error);
        if (!isConflict(api)) return false;
        setConflict(api);
        return true;
      },
    }),
    [ticket, refetch, queryClient, trpc],
  );

  const reload = async () => {
    await workspace.refresh();
    setConflict(null);
  };

  // An action in the trust picture: say what it did and, when it settles what the ticket asked,
  // offer the answer — a lifted enforcement must not leave its ticket open and forgotten.
  const trustActionDone = (result: ActionResult) => {
    setDialog(null);
    setNotice(result);
    void refetch();
  };
  const offer = notice?.outcome ? macroForOutcome(ticket.category, notice.outcome) : null;
  const closed = ticket.status === "closed";
  const answerWithMacro = () => {
    if (!offer || !notice?.outcome) return;
    const solve = notice.outcome !== "lift_requested";
    const target = solve ? "solved" : offer.status;
    const status = target === ticket.status ? "" : target;
    setDraft({
      mode: "public",
      body: renderMacro(offer.body, macroContext(ticket, account.data)),
      status,
      prefilledWith: `The reply holds the macro “${offer.title}” and the status ${statusLabel(target)}.`,
    });
    setNotice(null);
    requestAnimationFrame(() => {
      textareaRef.current?.scrollIntoView({ block: "center" });
      textareaRef.current?.focus();
    });
  };

  const status = statusPresentation(ticket.status);
  const priority = PRIORITY_PRESENTATION[ticket.priority];

  return (
    <TicketWorkspaceContext.Provider value={workspace}>
      <PageHeader
        eyebrow={back}
        title={ticket.subject}
        description={
          <span className="ticket-header__facts">
            <StatusPill tone={status.tone}>{status.label}</StatusPill>
            <Badge tone={priority.tone}>{priority.label} priority</Badge>
            {ticket.escalatedAt ? <Badge tone="danger">Escalated</Badge> : null}
            <span>
              #{ticket.number} · {CATEGORY_LABELS[ticket.category]} · opened{" "}
              {formatDateTime(ticket.createdAt)}
              {ticket.openedBy ? ` by ${ticket.openedBy.name}` : ""} ·{" "}
              <Link to={`/accounts/${encodeURIComponent(ticket.account.id)}`}>{ticket.account.name}</Link>
            </span>
          </span>
        }
        actions={
          <>
            <Button
              variant="ghost"
              size="sm"
              icon={<Icon name="refresh" size={14} />}
              loading={refreshing}
              loadingLabel="Refreshing…"
              onClick={() => void reload()}
            >
              Refresh
            </Button>
            {!closed ? (
              <Button variant="secondary" size="sm" onClick={() => setDialog("merge")}>
                Merge into…
              </Button>
            ) : null}
          </>
        }
      />

      <div className="td-stack">
        {conflict ? <ConflictAlert conflict={conflict} reloading={refreshing} onReload={reload} /> : null}
        <ActionNotice
          result={notice}
          onDismiss={() => setNotice(null)}
          actions={
            offer && !closed ? (
              <Button size="sm" onClick={answerWithMacro}>
                {notice?.outcome === "lift_requested"
                  ? "Reply with the matching macro"
                  : "Reply with the matching macro and solve the ticket"}
              </Button>
            ) : null
          }
        />
        {ticket.mergedInto ? (
          <Alert tone="info" title={`Merged into #${ticket.mergedInto.number}`}>
            This ticket is closed; the conversation continues on{" "}
            <Link to={`/tickets/${ticket.mergedInto.number}`}>ticket #{ticket.mergedInto.number}</Link>.
          </Alert>
        ) : null}

        <div className="ticket-workspace">
          <div className="ticket-workspace__main td-stack">
            <TitledCard title="Conversation" headingLevel={2} className="ticket-conversation-card">
              <div className="td-stack td-stack--md">
                <TicketFormSummary ticket={ticket} />
                <Conversation messages={ticket.messages} />
              </div>
            </TitledCard>
            <TitledCard title={closed ? "Closed" : "Reply"} headingLevel={2} className="ticket-composer-card">
              {closed ? (
                <p className="td-text-muted">
                  This ticket is closed
                  {ticket.closedAt ? ` since ${formatDateTime(ticket.closedAt)}` : ""}: nobody can write on it
                  any more. A customer who writes again opens a new ticket.
                </p>
              ) : (
                <Composer
                  draft={draft}
                  onDraftChange={setDraft}
                  account={account.data}
                  textareaRef={textareaRef}
                />
              )}
            </TitledCard>
          </div>
          <aside className="ticket-workspace__aside" aria-label="Ticket details">
            <TicketSidePanel trustPictureId={TRUST_ID} />
          </aside>
        </div>

        <section id={TRUST_ID} aria-labelledby={`${TRUST_ID}-title`} className="ticket-trust td-stack">
          <div className="ticket-trust__header">
            <div>
              <h2 id={`${TRUST_ID}-title`} className="ticket-trust__title">
                Trust picture of {ticket.account.name}
              </h2>
              <p className="td-text-muted td-text-small">
                The account page's sections, with their actions. After lifting an enforcement or deciding a
                sign-up here, answer the ticket from the notice at the top.
              </p>
            </div>
            <div className="ticket-trust__actions">
              <Link
                to={`/accounts/${encodeURIComponent(ticket.account.id)}`}
                className={buttonClassName({ variant: "ghost", size: "sm" })}
              >
                Open the account page
              </Link>
              {can("enforcement.open") ? (
                <Button variant="secondary" size="sm" onClick={() => setDialog("manual")}>
                  Open manual enforcement
                </Button>
              ) : null}
              {can("compromise.report") ? (
                <Button variant="secondary" size="sm" onClick={() => setDialog("compromise")}>
                  Report compromise
                </Button>
              ) : null}
            </div>
          </div>
          {account.isPending ? (
            <LoadingState label="Loading the account…" />
          ) : account.isError ? (
            <Card>
              <QueryError title="We couldn't load the account" query={account} />
            </Card>
          ) : (
            <TicketTrustPicture data={account.data} ticketId={ticket.id} onDone={trustActionDone} />
          )}
        </section>
      </div>

      {dialog === "merge" ? (
        <MergeDialog
          onClose={() => setDialog(null)}
          onMerged={(into) => {
            setDialog(null);
            setNotice({
              tone: "success",
              title: `Merged into #${into.number}`,
              body: "This ticket is closed; both customers were told where the conversation continues.",
            });
            void workspace.refresh();
          }}
        />
      ) : null}
      {dialog === "manual" ? (
        <ManualEnforcementDialog
          accountId={ticket.account.id}
          accountName={ticket.account.name}
          onClose={() => setDialog(null)}
          onDone={trustActionDone}
        />
      ) : null}
      {dialog === "compromise" ? (
        <ReportCompromiseDialog
          accountId={ticket.account.id}
          accountName={ticket.account.name}
          onClose={() => setDialog(null)}
          onDone={trustActionDone}
        />
      ) : null}
    </TicketWorkspaceContext.Provider>
  );
}

/** The account page's sections for the ticket's account, acting in place. */
function TicketTrustPicture({
  data,
  ticketId,
  onDone,
}: {
  data: StaffAccount;
  ticketId: string;
  onDone: (result: ActionResult) => void;
}) {
  const sections = useTrustSections(data, { onDone, idPrefix: "trust-", ticketId });
  return <TrustSections sections={sections} navLabel={`Trust picture of ${data.account.name}`} />;
}

function TicketFormSummary({ ticket }: { ticket: StaffTicket }) {
  if (typeof ticket.form !== "object" || !ticket.form || Object.keys(ticket.form).length === 0) return null;
  return (
    <section className="ticket-form-summary" aria-labelledby="ticket-form-title">
      <h3 id="ticket-form-title" className="ticket-form-summary__title">
        What the customer entered in the form
      </h3>
      <TicketFormFields form={ticket.form} />
    </section>
  );
}

/**
 * Someone changed the ticket after it was loaded: the server refused the change and said who did
 * what. The draft is kept; reloading shows the ticket as it is now.
 */
function ConflictAlert({
  conflict,
  reloading,
  onReload,
}: {
  conflict: ApiError;
  reloading: boolean;
  onReload: () => Promise<void>;
}) {
  const last = conflict.details?.lastChange as { by?: string; at?: string } | null | undefined;
  // The refused change was made further down (the composer, the panel): bring the reason into view.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!conflict) return;
    ref.current?.scrollIntoView({ block: "nearest" });
    ref.current?.focus({ preventScroll: true });
  }, [conflict]);
  return (
    <div ref={ref} tabIndex={-1} className="action-notice">
      <Alert
        tone="warning"
        live="assertive"
        title="Someone else changed this ticket"
        className="ticket-conflict"
        actions={
          <Button size="sm" loading={reloading} loadingLabel="Reloading…" onClick={() => void onReload()}>
            Reload the ticket
          </Button>
        }
      >
        <p>{conflict.message}</p>
        {last?.at ? (
          <p className="td-text-small">
            Last change {last.by ? `by ${last.by} ` : ""}at {formatDateTime(last.at)}. Anything you were
            writing is kept.
          </p>
        ) : (
          <p className="td-text-small">Anything you were writing is kept.</p>
        )}
      </Alert>
    </div>
  );
}
