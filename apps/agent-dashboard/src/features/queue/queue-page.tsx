import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { QueryError } from "@trustdesk/client";
import type { QueueFilters, QueueSort, QueueView } from "@trustdesk/domain";
import {
  Button,
  Card,
  EmptyState,
  LoadingState,
  PageHeader,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { formatTime } from "../../lib/format.ts";
import { type QueueTicket, type TicketSearchRow, useTRPC } from "../../lib/trpc.ts";
import { QueueFilterBar } from "./queue-filters.tsx";
import { readQueueState, writeQueueState } from "./queue-params.ts";
import { ShortcutsDialog, useQueueKeys } from "./queue-shortcuts.tsx";
import { QueueTable } from "./queue-table.tsx";
import { QueueViewsNav, viewLabel } from "./queue-views-nav.tsx";
import "./queue.css";

/** Ages move on their own: refresh the counts and the first page every minute while the page is open. */
const REFRESH_MS = 60_000;

const MATCH_LABELS: Record<string, string> = {
  ticket_number: "ticket number",
  case_number: "case number",
  account_id: "account id",
  customer_email: "customer email",
  api_key: "API key id",
  full_text: "words in subjects and messages",
};

export function QueuePage() {
  useDocumentTitle("Queue");
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readQueueState(params), [params]);
  const searching = state.query.length > 0;
  const update = (patch: Partial<typeof state>) =>
    setParams(writeQueueState({ ...state, ...patch }), { replace: false });

  const counts = useQuery(trpc.staff.queue.counts.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  const list = useInfiniteQuery(
    trpc.staff.queue.list.infiniteQueryOptions(
      { view: state.view, sort: state.sort, filters: state.filters },
      { enabled: !searching, getNextPageParam: (page) => page.nextCursor, refetchInterval: REFRESH_MS },
    ),
  );
  const search = useInfiniteQuery(
    trpc.staff.queue.search.infiniteQueryOptions(
      { query: state.query },
      { enabled: searching, getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const active = searching ? search : list;
  const rows: (QueueTicket & { snippet?: TicketSearchRow["snippet"] })[] = useMemo(
    () => (active.data?.pages ?? []).flatMap((p) => p.rows),
    [active.data],
  );
  const matchedBy = searching ? search.data?.pages[0]?.matchedBy : undefined;

  // The current row: j/k move it, o/Enter/r open it.
  const [current, setCurrent] = useState(0);
  const rowEls = useRef<(HTMLTableRowElement | null)[]>([]);
  const listKey = JSON.stringify([state, searching]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list starts at its first row
  useEffect(() => setCurrent(0), [listKey]);
  const rowRef = useCallback(
    (i: number) => (el: HTMLTableRowElement | null) => {
      rowEls.current[i] = el;
    },
    [],
  );
  const [help, setHelp] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const open = (reply: boolean) => {
    const t = rows[current];
    if (t) navigate(`/tickets/${t.number}${reply ? "?reply=1" : ""}`);
  };
  useQueueKeys(
    {
      move: (by) => {
        if (rows.length === 0) return;
        const next = Math.max(0, Math.min(rows.length - 1, current + by));
        setCurrent(next);
        rowEls.current[next]?.focus();
        if (by === 1 && next === rows.length - 1 && active.hasNextPage && !active.isFetchingNextPage)
          void active.fetchNextPage();
      },
      open,
      search: () => searchInput.current?.focus(),
      help: () => setHelp(true),
    },
    !help,
  );

  const [draft, setDraft] = useState(state.query);
  useEffect(() => setDraft(state.query), [state.query]);
  const caption = searching
    ? `Search results for “${state.query}”`
    : `${viewLabel(state.view)} tickets${state.sort === "needs_answer" ? ", escalated first, then most team time" : ""}`;

  return (
    <>
      <PageHeader
        title="Queue"
        description="Escalated tickets first, then the ones that have waited longest on us. We promise a first response within 24 hours of team time, 48 at the latest."
        actions={
          <div className="queue-actions">
            {list.dataUpdatedAt && !searching ? (
              <span className="td-text-small td-text-muted">
                Updated {formatTime(new Date(list.dataUpdatedAt))}
              </span>
            ) : null}
            <Button variant="secondary" size="sm" onClick={() => setHelp(true)} aria-keyshortcuts="?">
              Keyboard shortcuts
            </Button>
          </div>
        }
      />
      <search>
        <form
          aria-label="Ticket search"
          className="queue-search"
          onSubmit={(event) => {
            event.preventDefault();
            update({ query: draft.trim() });
          }}
        >
          <TextField
            ref={searchInput}
            label="Search tickets"
            hint="Words, a ticket or case number, an account id, a customer email or an API key id (SG.…)"
            type="search"
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            aria-keyshortcuts="/"
          />
          <Button type="submit">Search</Button>
          {searching ? (
            <Button type="button" variant="ghost" onClick={() => update({ query: "" })}>
              Clear search
            </Button>
          ) : null}
        </form>
      </search>

      <div className="queue-layout">
        <QueueViewsNav
          current={searching ? null : state.view}
          counts={counts.data}
          onSelect={(view: QueueView) => update({ view, query: "" })}
        />
        <div className="queue-main">
          {searching ? null : (
            <QueueFilterBar
              filters={state.filters}
              sort={state.sort}
              onChange={(next: { filters?: QueueFilters; sort?: QueueSort }) => update(next)}
            />
          )}
          <Card flush>
            {searching && matchedBy ? (
              <p className="queue-matched td-text-small td-text-muted" aria-live="polite">
                {rows.length === 0 ? "Nothing found" : `${rows.length}${active.hasNextPage ? "+" : ""} found`}{" "}
                by {MATCH_LABELS[matchedBy] ?? matchedBy}
              </p>
            ) : null}
            {active.isPending ? (
              <LoadingState label={searching ? "Searching…" : "Loading the queue…"} />
            ) : active.isError ? (
              <QueryError
                title={searching ? "We couldn't search" : "We couldn't load the queue"}
                query={active}
              />
            ) : rows.length === 0 ? (
              <EmptyState
                icon={searching ? "search" : "check-circle"}
                title={searching ? "No tickets match" : `No tickets in ${viewLabel(state.view)}`}
                description={
                  searching
                    ? "Try other words, or a ticket number, case number, customer email or key id."
                    : "Nothing here right now. This page refreshes every minute."
                }
              />
            ) : (
              <>
                <QueueTable
                  rows={rows}
                  caption={caption}
                  current={current}
                  onCurrent={setCurrent}
                  rowRef={rowRef}
                />
                <div className="queue-more">
                  <span className="td-text-small td-text-muted">
                    {rows.length.toLocaleString()} shown
                    {!searching && counts.data
                      ? ` of ${(counts.data.views[state.view] ?? 0).toLocaleString()} in the view`
                      : ""}
                  </span>
                  {active.hasNextPage ? (
                    <Button
                      variant="secondary"
                      size="sm"
                      loading={active.isFetchingNextPage}
                      onClick={() => void active.fetchNextPage()}
                    >
                      Show more
                    </Button>
                  ) : null}
                </div>
              </>
            )}
          </Card>
        </div>
      </div>
      {help ? <ShortcutsDialog onClose={() => setHelp(false)} /> : null}
    </>
  );
}
