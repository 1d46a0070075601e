import { useQuery } from "@tanstack/react-query";
import { QueryView, toApiError } from "@trustdesk/client";
import { AUDIT_ACTION_GROUPS } from "@trustdesk/domain";
import {
  Alert,
  Badge,
  Button,
  Card,
  CellText,
  DataTable,
  EmptyState,
  Icon,
  PageHeader,
  SelectField,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { type AuditEvent, useTRPC } from "../../lib/trpc.ts";
import { RefreshButton } from "../layout/refresh-button.tsx";
import { auditWhatColumn, auditWhenColumn } from "./audit-columns.tsx";
import { KeysetPager } from "./keyset-pager.tsx";
import { useUrlFilters } from "./use-url-filters.ts";
import "./audit.css";

const ACTOR_KINDS: ReadonlyArray<[string, string]> = [
  ["staff", "Any staff member"],
  ["customer", "Any customer user"],
  ["service", "Any service"],
  ["system", "System"],
];

/** URL parameter → query field. The URL is the page's state: a filtered view can be shared. */
const FILTERS = ["actor", "account", "action", "from", "to"] as const;

/**
 * The whole audit log, newest first, filtered by actor, account, action and days (UTC). Actors,
 * subjects and changes come worded by the API: people by name and role, never an id.
 */
export function AuditPage() {
  useDocumentTitle("Audit log");
  const trpc = useTRPC();
  const { params, setParams, apply, cursor } = useUrlFilters();
  const value = (k: string) => params.get(k) ?? undefined;
  const input = {
    ...(value("actor") ? { actor: value("actor") } : {}),
    ...(value("account") ? { accountId: value("account") } : {}),
    ...(value("action") ? { action: value("action") } : {}),
    ...(value("from") ? { from: value("from") } : {}),
    ...(value("to") ? { to: value("to") } : {}),
    ...(cursor ? { cursor } : {}),
  };
  // Always the log as it is now (a visit right after a change must show it); bad filters are not retried.
  const events = useQuery({
    ...trpc.staff.audit.list.queryOptions(input),
    retry: false,
    refetchOnMount: "always",
  });
  const actors = useQuery(trpc.staff.audit.actors.queryOptions(undefined, { staleTime: 300_000 }));
  const fieldErrors = events.isError ? (toApiError(events.error).fieldErrors ?? {}) : {};

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const patch: Record<string, string | undefined> = {};
    for (const k of ["actor", "action", "from", "to"])
      patch[k] = String(form.get(k) ?? "").trim() || undefined;
    apply(patch);
  };
  const filtered = FILTERS.some((k) => params.has(k));
  const knownActor =
    (actors.data ?? []).some((a) => a.value === value("actor")) ||
    ACTOR_KINDS.some(([v]) => v === value("actor"));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Everything the product recorded, newest first: who did what, to which account, and what changed. Days are UTC."
        actions={<RefreshButton query={events} />}
      />
      <div className="td-stack">
        <Card>
          <form
            className="audit-filters"
            aria-label="Filter the audit log"
            onSubmit={submit}
            key={params.toString()}
          >
            <SelectField
              id="audit-actor"
              name="actor"
              label="Actor"
              defaultValue={value("actor") ?? ""}
              error={fieldErrors.actor}
            >
              <option value="">Anyone</option>
              <optgroup label="Kinds of actor">
                {ACTOR_KINDS.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Staff">
                {(actors.data ?? []).map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
              {value("actor") && !knownActor ? (
                <option value={value("actor")}>
                  {events.data?.filters.actorLabel ?? "The chosen actor"}
                </option>
              ) : null}
            </SelectField>
            <SelectField
              id="audit-action"
              name="action"
              label="Action"
              defaultValue={value("action") ?? ""}
              error={fieldErrors.action}
            >
              <option value="">Any action</option>
              {Object.values(AUDIT_ACTION_GROUPS).map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {Object.entries(g.actions).map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </SelectField>
            <TextField
              id="audit-from"
              name="from"
              label="From (day)"
              type="date"
              defaultValue={value("from") ?? ""}
              error={fieldErrors.from}
            />
            <TextField
              id="audit-to"
              name="to"
              label="To (day)"
              type="date"
              defaultValue={value("to") ?? ""}
              error={fieldErrors.to}
            />
            <div className="audit-filters__actions">
              <Button type="submit" icon={<Icon name="search" size={16} />}>
                Apply
              </Button>
              {filtered ? (
                <Button variant="ghost" onClick={() => setParams({})}>
                  Clear
                </Button>
              ) : null}
            </div>
          </form>
          {value("account") ? (
            <div className="audit-active-filters">
              <span>
                Account:{" "}
                {events.data?.filters.accountName ? (
                  <Link to={`/accounts/${encodeURIComponent(value("account") ?? "")}`}>
                    {events.data.filters.accountName}
                  </Link>
                ) : (
                  "…"
                )}
              </span>
              <Button variant="ghost" size="sm" onClick={() => apply({ account: undefined })}>
                Show every account
              </Button>
            </div>
          ) : null}
        </Card>

        <Card flush={Boolean(events.data?.events.length)}>
          {events.isError && Object.keys(fieldErrors).length > 0 ? (
            <Alert tone="danger" title="Check the filters" live="assertive">
              {Object.values(fieldErrors).join(" ")}
            </Alert>
          ) : (
            <QueryView
              query={events}
              loadingLabel="Loading the audit log…"
              errorTitle="We couldn't load the audit log"
              isEmpty={(page) => page.events.length === 0}
              empty={
                <EmptyState
                  icon="file-text"
                  title={cursor ? "No older events" : "Nothing matches these filters"}
                  description={
                    cursor ? "You reached the start of the log." : "Widen the dates or clear a filter."
                  }
                />
              }
            >
              {(page) => (
                <>
                  <EventsTable events={page.events} onAccount={(id) => apply({ account: id })} />
                  <KeysetPager
                    cursor={cursor}
                    nextCursor={page.nextCursor}
                    onCursor={(c) => apply({ cursor: c })}
                    olderLabel="Older events"
                  />
                </>
              )}
            </QueryView>
          )}
        </Card>
      </div>
    </>
  );
}

function EventsTable({
  events,
  onAccount,
}: {
  events: readonly AuditEvent[];
  onAccount: (accountId: string) => void;
}) {
  return (
    <DataTable
      caption="Audit events, newest first"
      captionHidden
      dense
      rows={events}
      rowKey={(e) => e.id}
      columns={[
        auditWhenColumn(),
        auditWhatColumn(),
        {
          key: "who",
          header: "Who",
          cell: (e) => (
            <CellText secondary={e.ip ? `from ${e.ip}` : null}>
              {e.actorLabel}{" "}
              <Badge tone="neutral">{e.actor.type === "customer" ? "customer" : e.actor.type}</Badge>
            </CellText>
          ),
        },
        {
          key: "account",
          header: "Account",
          cell: (e) =>
            e.account ? (
              <CellText
                secondary={
                  <button
                    type="button"
                    className="td-link-button"
                    onClick={() => onAccount(e.account?.id ?? "")}
                  >
                    Only this account
                  </button>
                }
              >
                <Link to={`/accounts/${encodeURIComponent(e.account.id)}`}>{e.account.name}</Link>
              </CellText>
            ) : (
              <span className="td-text-muted">—</span>
            ),
        },
      ]}
    />
  );
}
