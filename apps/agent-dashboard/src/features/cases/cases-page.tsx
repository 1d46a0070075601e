import { useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import { ENFORCEMENT_REASON_LABELS, EnforcementReason } from "@trustdesk/domain";
import {
  Card,
  CellText,
  DataTable,
  EmptyState,
  PageHeader,
  SelectField,
  StatusPill,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link } from "react-router";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import { type CaseListRow, useTRPC } from "../../lib/trpc.ts";
import { accountColumn } from "../accounts/account-link.tsx";
import { KeysetPager } from "../audit/keyset-pager.tsx";
import { useUrlFilters } from "../audit/use-url-filters.ts";
import { RefreshButton } from "../layout/refresh-button.tsx";
import "../audit/audit.css";

const STATUSES = { open: "Open", resolved: "Resolved", all: "Any status" } as const;
type StatusFilter = keyof typeof STATUSES;

/** Every case, newest first: open by default, by reason; the filters and the page live in the URL. */
export function CasesPage() {
  useDocumentTitle("Cases");
  const trpc = useTRPC();
  const { params, apply: set, cursor } = useUrlFilters();
  const status: StatusFilter =
    (params.get("status") as StatusFilter) in STATUSES ? (params.get("status") as StatusFilter) : "open";
  const reason = EnforcementReason.safeParse(params.get("reason")).data;
  const cases = useQuery(
    trpc.staff.cases.list.queryOptions({
      status,
      ...(reason ? { reason } : {}),
      ...(cursor ? { cursor } : {}),
    }),
  );

  return (
    <>
      <PageHeader
        title="Cases"
        description="A case gathers one restriction of an account: its enforcements, tickets, compromise reports and exposed keys, with a timeline from the audit log."
        actions={<RefreshButton query={cases} />}
      />
      <div className="td-stack">
        <Card>
          <form className="audit-filters" aria-label="Filter cases" onSubmit={(e) => e.preventDefault()}>
            <SelectField
              id="cases-status"
              label="Status"
              value={status}
              onChange={(e) => set({ status: e.target.value === "open" ? undefined : e.target.value })}
            >
              {Object.entries(STATUSES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="cases-reason"
              label="Reason"
              value={reason ?? ""}
              onChange={(e) => set({ reason: e.target.value || undefined })}
            >
              <option value="">Any reason</option>
              {EnforcementReason.options.map((r) => (
                <option key={r} value={r}>
                  {ENFORCEMENT_REASON_LABELS[r]}
                </option>
              ))}
            </SelectField>
          </form>
        </Card>
        <Card flush={Boolean(cases.data?.cases.length)}>
          <QueryView
            query={cases}
            loadingLabel="Loading cases…"
            errorTitle="We couldn't load the cases"
            isEmpty={(page) => page.cases.length === 0}
            empty={
              <EmptyState
                icon="briefcase"
                title={cursor ? "No older cases" : "No cases match"}
                description={
                  cursor
                    ? "You reached the end of the list."
                    : "Takeover reports, exposed keys and restrictions that need follow-up open cases."
                }
              />
            }
          >
            {(page) => (
              <>
                <CasesTable rows={page.cases} status={status} />
                <KeysetPager
                  cursor={cursor}
                  nextCursor={page.nextCursor}
                  onCursor={(c) => set({ cursor: c })}
                  olderLabel="Older cases"
                />
              </>
            )}
          </QueryView>
        </Card>
      </div>
    </>
  );
}

function CasesTable({ rows, status }: { rows: readonly CaseListRow[]; status: StatusFilter }) {
  return (
    <DataTable
      caption={`${STATUSES[status]} cases, newest first`}
      captionHidden
      dense
      rows={rows}
      rowKey={(c) => c.id}
      columns={[
        {
          key: "case",
          header: "Case",
          rowHeader: true,
          cell: (c) => (
            <CellText secondary={c.summary}>
              <Link to={`/cases/${c.number}`} className="account-link">
                {c.number}
              </Link>
            </CellText>
          ),
        },
        accountColumn((c: CaseListRow) => ({
          id: c.account_id,
          name: c.account_name,
          secondary: ENFORCEMENT_REASON_LABELS[c.reason],
        })),
        {
          key: "status",
          header: "Status",
          cell: (c) => (
            <CellText
              secondary={
                c.status === "open" && c.active_enforcements > 0
                  ? `${c.active_enforcements} active enforcement${c.active_enforcements === 1 ? "" : "s"}`
                  : null
              }
            >
              <StatusPill tone={c.status === "open" ? "warning" : "success"}>
                {c.status === "open" ? "Open" : "Resolved"}
              </StatusPill>
            </CellText>
          ),
        },
        {
          key: "age",
          header: "Age",
          nowrap: true,
          cell: (c) => (
            <CellText secondary={`Opened ${formatDateTime(c.created_at)}`}>
              {c.resolved_at
                ? `Resolved after ${formatDuration(c.created_at, c.resolved_at)}`
                : formatDuration(c.created_at)}
            </CellText>
          ),
        },
        { key: "opened-by", header: "Opened by", cell: (c) => c.openedBy },
      ]}
    />
  );
}
