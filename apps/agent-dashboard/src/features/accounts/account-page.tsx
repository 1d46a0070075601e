import { useQuery } from "@tanstack/react-query";
import { QueryError, toApiError } from "@trustdesk/client";
import {
  Alert,
  Button,
  buttonClassName,
  Card,
  CopyButton,
  DescriptionList,
  EmptyState,
  Icon,
  InPageNav,
  LoadingState,
  PageHeader,
  StatusPill,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { formatDate, formatDateTime, formatLongDay } from "../../lib/format.ts";
import { type StaffAccount, useTRPC } from "../../lib/trpc.ts";
import { ActionNotice, type ActionResult } from "../enforcements/action-notice.tsx";
import { useCan } from "../session/permissions.ts";
import { accountState, planName } from "./account-labels.ts";
import { AccountSection } from "./account-section.tsx";
import {
  ApiKeysTable,
  AuditTable,
  CasesTable,
  ExposuresTable,
  UsersTable,
  VettingDecisions,
} from "./account-tables.tsx";
import { ActiveEnforcementCard, type LiftRequest } from "./active-enforcement-card.tsx";
import { ActivitySection, isoDay } from "./activity-section.tsx";
import { ManualEnforcementDialog } from "./manual-enforcement-dialog.tsx";
import { PastEnforcements } from "./past-enforcements.tsx";
import { ReportCompromiseDialog } from "./report-compromise-dialog.tsx";

/** The account's whole trust picture: enforcements first, then everything that explains them. */
export function AccountPage() {
  const { accountId = "" } = useParams();
  const trpc = useTRPC();
  const account = useQuery(trpc.staff.accounts.get.queryOptions({ accountId }));
  useDocumentTitle(account.data?.account.name ?? "Account");

  const back = (
    <Link to="/accounts" className="back-link">
      ← Accounts
    </Link>
  );

  if (account.isPending) {
    return (
      <>
        <PageHeader eyebrow={back} title="Account" />
        <LoadingState label="Loading the account…" />
      </>
    );
  }
  if (account.isError) {
    const api = toApiError(account.error);
    const missing = api.code === "NOT_FOUND" || api.code === "BAD_REQUEST";
    return (
      <>
        <PageHeader eyebrow={back} title={missing ? "Account not found" : "Account"} />
        <Card>
          {missing ? (
            <EmptyState
              icon="search"
              title="No account with this id"
              description={
                <>
                  Nothing matches <code className="td-code">{accountId}</code>. Search by name or owner email
                  instead.
                </>
              }
              action={
                <Link to="/accounts" className={buttonClassName({ variant: "secondary" })}>
                  Search accounts
                </Link>
              }
            />
          ) : (
            <QueryError title="We couldn't load this account" query={account} />
          )}
        </Card>
      </>
    );
  }
  return (
    <AccountView
      data={account.data}
      back={back}
      refreshing={account.isFetching}
      onRefresh={() => void account.refetch()}
    />
  );
}

type HeaderDialog = "manual" | "compromise" | null;

function AccountView({
  data,
  back,
  refreshing,
  onRefresh,
}: {
  data: StaffAccount;
  back: ReactNode;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const can = useCan();
  const trpc = useTRPC();
  const [dialog, setDialog] = useState<HeaderDialog>(null);
  const [notice, setNotice] = useState<ActionResult | null>(null);
  const { account } = data;
  const state = accountState(account.state);
  const owner = data.users.find((u) => u.role === "owner");
  const active = data.enforcements.filter((e) => e.status === "active");
  const past = data.enforcements.filter((e) => e.status !== "active");

  // The account view sends the requester's id only; the approvals list has their name.
  const needsRequesters = active.some((e) => e.lift_requested_at) && can("enforcement.lift");
  const approvals = useQuery(
    trpc.staff.enforcements.pendingApprovals.queryOptions(undefined, { enabled: needsRequesters }),
  );
  const liftRequestOf = (enforcementId: string): LiftRequest | null => {
    const pending = approvals.data?.find((a) => a.enforcementId === enforcementId);
    return pending ? { requestedBy: pending.requestedBy, note: pending.note } : null;
  };

  const done = (result: ActionResult) => {
    setDialog(null);
    setNotice(result);
  };

  // One list drives both the in-page navigation and the page: active enforcements first.
  const sections: Array<{
    id: string;
    title: string;
    count?: number;
    highlight?: boolean;
    description?: string;
    content: ReactNode;
  }> = [
    {
      id: "enforcements",
      title: "Active enforcements",
      count: active.length,
      highlight: active.length > 0,
      content:
        active.length === 0 ? (
          <Alert tone="success" title="No active enforcement">
            {account.state === "closed" ? "The account is closed." : "Sending and API access work normally."}
          </Alert>
        ) : (
          <div className="td-stack td-stack--md">
            {active.map((e) => (
              <ActiveEnforcementCard
                key={e.id}
                enforcement={e}
                accountId={account.id}
                accountName={account.name}
                liftRequest={liftRequestOf(e.id)}
                onDone={setNotice}
              />
            ))}
          </div>
        ),
    },
    { id: "activity", title: "Activity", content: <ActivitySection activity={data.activity} /> },
    {
      id: "history",
      title: "Past enforcements",
      count: past.length,
      content: <PastEnforcements enforcements={past} />,
    },
    { id: "cases", title: "Cases", count: data.cases.length, content: <CasesTable cases={data.cases} /> },
    {
      id: "exposures",
      title: "Exposures",
      count: data.exposures.length,
      content: <ExposuresTable exposures={data.exposures} />,
    },
    {
      id: "vetting",
      title: "Vetting decisions",
      count: data.vetting.length,
      description: "Every decision on the sign-up, with the rules that fired and their weights.",
      content: <VettingDecisions decisions={data.vetting} />,
    },
    {
      id: "keys",
      title: "API keys",
      count: data.apiKeys.length,
      content: <ApiKeysTable keys={data.apiKeys} />,
    },
    { id: "users", title: "Users", count: data.users.length, content: <UsersTable users={data.users} /> },
    {
      id: "audit",
      title: "Audit trail",
      count: data.audit.length,
      description: "The last 50 events on this account, newest first.",
      content: <AuditTable events={data.audit} users={data.users} />,
    },
  ];

  return (
    <>
      <PageHeader
        eyebrow={back}
        title={account.name}
        description={
          <span className="account-header__facts">
            <StatusPill tone={state.tone}>{state.label}</StatusPill>
            <span>
              {planName(account.plan)} plan · owned by {owner ? owner.email : "nobody"} · customer since{" "}
              {formatDate(account.created_at)}
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
              onClick={onRefresh}
            >
              Refresh
            </Button>
            {can("enforcement.open") ? (
              <Button
                variant="secondary"
                size="sm"
                icon={<Icon name="lock" size={14} />}
                onClick={() => setDialog("manual")}
              >
                Open manual enforcement
              </Button>
            ) : null}
            {can("compromise.report") ? (
              <Button
                variant="secondary"
                size="sm"
                icon={<Icon name="shield" size={14} />}
                onClick={() => setDialog("compromise")}
              >
                Report compromise
              </Button>
            ) : null}
          </>
        }
      />

      <div className="td-stack">
        <ActionNotice result={notice} onDismiss={() => setNotice(null)} />

        <AccountDetails data={data} />

        <InPageNav
          label="Sections of this account"
          items={sections.map((section) => ({
            targetId: section.id,
            label: section.title,
            count: section.count,
            highlight: section.highlight,
          }))}
        />

        {sections.map((section) => (
          <AccountSection
            key={section.id}
            id={section.id}
            title={section.title}
            count={section.count}
            description={section.description}
          >
            {section.content}
          </AccountSection>
        ))}
      </div>

      {dialog === "manual" ? (
        <ManualEnforcementDialog
          accountId={account.id}
          accountName={account.name}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      ) : null}
      {dialog === "compromise" ? (
        <ReportCompromiseDialog
          accountId={account.id}
          accountName={account.name}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      ) : null}
    </>
  );
}

/** Who and what the account is: the facts an agent checks first, in one strip. */
function AccountDetails({ data }: { data: StaffAccount }) {
  const { account } = data;
  const owner = data.users.find((u) => u.role === "owner");
  const lastDay = data.activity[data.activity.length - 1]?.day;
  return (
    <Card title="Account details" headingLevel={2} className="account-details">
      <DescriptionList
        columns={4}
        items={[
          {
            term: "Account id",
            description: (
              <span className="account-id">
                <code className="td-code">{account.id}</code>
                <CopyButton value={account.id} label="Copy id" variant="ghost" />
              </span>
            ),
          },
          {
            term: "Owner",
            description: owner ? (
              <>
                {owner.name}
                <span className="account-details__secondary">{owner.email}</span>
              </>
            ) : (
              "—"
            ),
          },
          {
            term: "Website",
            description: account.website ? (
              <a href={account.website} target="_blank" rel="noreferrer noopener">
                {account.website.replace(/^https?:\/\//, "")}
                <span className="td-visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              "—"
            ),
          },
          { term: "Plan", description: planName(account.plan) },
          { term: "Country", description: account.country ?? "—" },
          { term: "Sign-up IP", description: account.signup_ip ? <code>{account.signup_ip}</code> : "—" },
          {
            term: account.closed_at ? "Created / closed" : "Created",
            description: account.closed_at
              ? `${formatDate(account.created_at)} / ${formatDate(account.closed_at)}`
              : formatDateTime(account.created_at),
          },
          { term: "Last activity", description: lastDay ? formatLongDay(isoDay(lastDay)) : "Never" },
        ]}
      />
    </Card>
  );
}
