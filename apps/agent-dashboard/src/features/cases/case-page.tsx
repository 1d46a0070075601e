import { useQuery } from "@tanstack/react-query";
import { toApiError } from "@trustdesk/client";
import { ENFORCEMENT_REASON_LABELS } from "@trustdesk/domain";
import {
  Card,
  CellText,
  DescriptionList,
  EmptyState,
  LoadingState,
  PageHeader,
  StatusPill,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link, useParams } from "react-router";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import { type StaffCase, useTRPC } from "../../lib/trpc.ts";
import { AccountSection } from "../accounts/account-section.tsx";
import { SectionTable } from "../accounts/section-table.tsx";
import { exposureSourceColumn, exposureWhereColumn } from "../enforcements/exposure-columns.tsx";
import { RecordLoadFailure } from "../layout/record-load-failure.tsx";
import { RefreshButton } from "../layout/refresh-button.tsx";
import { useCan } from "../session/permissions.ts";
import { ticketColumn, ticketStatusColumn } from "../tickets/ticket-columns.tsx";
import { CaseTimeline } from "./case-timeline.tsx";
import "../audit/audit.css";

/** One case by its number: what it is about, everything it gathers, and its timeline. */
export function CasePage() {
  const { number = "" } = useParams();
  const trpc = useTRPC();
  // The timeline is read again on every visit: a change made on a ticket a moment ago belongs in it.
  const kase = useQuery({ ...trpc.staff.cases.get.queryOptions({ number }), refetchOnMount: "always" });
  useDocumentTitle(kase.data ? `Case ${kase.data.case.number}` : "Case");
  const back = (
    <Link to="/cases" className="back-link">
      ← Cases
    </Link>
  );
  if (kase.isPending) {
    return (
      <>
        <PageHeader eyebrow={back} title={`Case ${number}`} />
        <LoadingState label="Loading the case…" />
      </>
    );
  }
  if (kase.isError) {
    return (
      <RecordLoadFailure
        back={back}
        missing={toApiError(kase.error).code === "NOT_FOUND"}
        title={`Case ${number}`}
        notFound={{
          pageTitle: "Case not found",
          title: `No case numbered ${number}`,
          description:
            "Case numbers look like TD-2026-001042. Find the case in the list, or from the account.",
          to: "/cases",
          action: "All cases",
        }}
        errorTitle="We couldn't load this case"
        query={kase}
      />
    );
  }
  return <CaseView data={kase.data} back={back} refresh={<RefreshButton query={kase} variant="ghost" />} />;
}

function CaseView({
  data,
  back,
  refresh,
}: {
  data: StaffCase;
  back: React.ReactNode;
  refresh: React.ReactNode;
}) {
  const can = useCan();
  const c = data.case;
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={`Case ${c.number}`}
        description={
          <span className="case-header__facts">
            <StatusPill tone={c.status === "open" ? "warning" : "success"}>
              {c.status === "open" ? "Open" : "Resolved"}
            </StatusPill>
            <span>
              {c.reasonLabel} ·{" "}
              <Link to={`/accounts/${encodeURIComponent(data.account.id)}`}>{data.account.name}</Link> ·{" "}
              {c.status === "open"
                ? `open for ${formatDuration(c.createdAt)}`
                : `resolved after ${formatDuration(c.createdAt, c.resolvedAt ?? undefined)}`}
            </span>
          </span>
        }
        actions={refresh}
      />
      <div className="td-stack">
        <Card title="About this case" headingLevel={2}>
          <DescriptionList
            columns={3}
            items={[
              { term: "Summary", description: <span className="pre-wrap">{c.summary}</span> },
              { term: "Opened", description: `${formatDateTime(c.createdAt)} by ${c.openedBy}` },
              { term: "Resolved", description: c.resolvedAt ? formatDateTime(c.resolvedAt) : "Not yet" },
              ...(c.hotlineNumber
                ? [{ term: "Hotline given to the customer", description: c.hotlineNumber }]
                : []),
              {
                term: "Account",
                description: (
                  <Link to={`/accounts/${encodeURIComponent(data.account.id)}`}>{data.account.name}</Link>
                ),
              },
            ]}
          />
        </Card>

        <AccountSection id="case-enforcements" title="Enforcements" count={data.enforcements.length}>
          <Enforcements rows={data.enforcements} />
        </AccountSection>

        <AccountSection id="case-tickets" title="Tickets" count={data.tickets.length}>
          <Tickets rows={data.tickets} />
        </AccountSection>

        {data.compromiseReports.length > 0 || c.reason === "account_takeover" ? (
          <AccountSection id="case-reports" title="Compromise reports" count={data.compromiseReports.length}>
            <Reports rows={data.compromiseReports} />
          </AccountSection>
        ) : null}

        {data.exposures.length > 0 || c.reason === "exposed_credentials" ? (
          <AccountSection id="case-exposures" title="Exposed keys" count={data.exposures.length}>
            <Exposures rows={data.exposures} />
          </AccountSection>
        ) : null}

        <AccountSection id="case-timeline" title="Timeline" count={data.timeline.length}>
          <Card flush={data.timeline.length > 0}>
            {data.timeline.length === 0 ? (
              <EmptyState headingLevel={3} compact icon="file-text" title="Nothing recorded yet" />
            ) : (
              <CaseTimeline events={data.timeline} />
            )}
          </Card>
          {data.timelineTruncated || can("audit.view") ? (
            <p className="td-text-small td-text-muted">
              {data.timelineTruncated ? "The timeline shows the latest 300 events. " : null}
              {can("audit.view") ? (
                <Link to={`/audit?account=${encodeURIComponent(data.account.id)}`}>
                  Everything recorded on {data.account.name} in the audit log
                </Link>
              ) : null}
            </p>
          ) : null}
        </AccountSection>
      </div>
    </>
  );
}

type Row<K extends keyof StaffCase> = StaffCase[K] extends ReadonlyArray<infer R> ? R : never;

function Enforcements({ rows }: { rows: StaffCase["enforcements"] }) {
  return (
    <SectionTable
      caption="Enforcements of this case, oldest first"
      rows={rows}
      rowKey={(e) => e.id}
      empty={{ icon: "lock", title: "No enforcement", description: "No enforcement belongs to this case." }}
      columns={[
        {
          key: "reason",
          header: "Enforcement",
          rowHeader: true,
          cell: (e: Row<"enforcements">) => (
            <CellText secondary={<code>{e.policyCode}</code>}>{ENFORCEMENT_REASON_LABELS[e.reason]}</CellText>
          ),
        },
        {
          key: "status",
          header: "Status",
          cell: (e) => (
            <CellText
              secondary={
                e.status === "active" && e.liftRequestedBy ? `Lift requested by ${e.liftRequestedBy}` : null
              }
            >
              <StatusPill tone={e.status === "active" ? "danger" : "success"}>
                {e.status === "active" ? "Active" : "Lifted"}
              </StatusPill>
            </CellText>
          ),
        },
        {
          key: "applied",
          header: "Applied",
          cell: (e) => <CellText secondary={`by ${e.createdBy}`}>{formatDateTime(e.createdAt)}</CellText>,
        },
        {
          key: "lifted",
          header: "Lifted",
          cell: (e) =>
            e.liftedAt ? (
              <CellText
                secondary={`by ${e.liftedBy ?? "a former staff member"}${e.liftApprovedBy ? `, approved by ${e.liftApprovedBy}` : ""}`}
              >
                {formatDateTime(e.liftedAt)}
              </CellText>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}

function Tickets({ rows }: { rows: StaffCase["tickets"] }) {
  return (
    <SectionTable
      caption="Tickets about this case, oldest first"
      rows={rows}
      rowKey={(t) => t.id}
      empty={{
        icon: "inbox",
        title: "No tickets",
        description: "The customer has not written about this case.",
      }}
      columns={[
        ticketColumn<Row<"tickets">>(),
        ticketStatusColumn(),
        { key: "assignee", header: "Assignee", cell: (t) => t.assignee ?? "Unassigned" },
        { key: "opened", header: "Opened", nowrap: true, cell: (t) => formatDateTime(t.createdAt) },
      ]}
    />
  );
}

function Reports({ rows }: { rows: StaffCase["compromiseReports"] }) {
  return (
    <SectionTable
      caption="Compromise reports on this case, oldest first"
      rows={rows}
      rowKey={(r) => r.id}
      empty={{
        icon: "shield",
        title: "No compromise report",
        description: "No report is filed on this case.",
      }}
      columns={[
        {
          key: "report",
          header: "Report",
          rowHeader: true,
          cell: (r: Row<"compromiseReports">) => (
            <CellText secondary={r.signals.length > 0 ? `Signals: ${r.signals.join(", ")}` : null}>
              {r.summary}
            </CellText>
          ),
        },
        { key: "reporter", header: "Reported by", cell: (r) => r.reporter },
        {
          key: "reference",
          header: "Their reference",
          cell: (r) => <code className="td-code">{r.reportId}</code>,
        },
        { key: "received", header: "Received", nowrap: true, cell: (r) => formatDateTime(r.receivedAt) },
      ]}
    />
  );
}

function Exposures({ rows }: { rows: StaffCase["exposures"] }) {
  return (
    <SectionTable
      caption="Keys found in public for this case, oldest first"
      rows={rows}
      rowKey={(x) => x.id}
      empty={{
        icon: "key",
        title: "No exposed key",
        description: "No key exposure is recorded on this case.",
      }}
      columns={[
        {
          key: "key",
          header: "Key",
          rowHeader: true,
          cell: (x: Row<"exposures">) => (
            <CellText secondary={<code>{x.keyPrefix}</code>}>{x.keyName}</CellText>
          ),
        },
        {
          key: "state",
          header: "Key state",
          cell: (x) =>
            x.keyRevokedAt ? (
              <CellText secondary={formatDateTime(x.keyRevokedAt)}>
                <StatusPill tone="success">Revoked</StatusPill>
              </CellText>
            ) : (
              <StatusPill tone="danger">Not revoked</StatusPill>
            ),
        },
        exposureWhereColumn(),
        exposureSourceColumn(),
        { key: "when", header: "Found", nowrap: true, cell: (x) => formatDateTime(x.foundAt) },
      ]}
    />
  );
}
