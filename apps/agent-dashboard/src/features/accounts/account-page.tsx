import { useQuery } from "@tanstack/react-query";
import { toApiError } from "@trustdesk/client";
import {
  Button,
  Card,
  CopyButton,
  DescriptionList,
  Icon,
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
import { RecordLoadFailure } from "../layout/record-load-failure.tsx";
import { useCan } from "../session/permissions.ts";
import { accountState, planName } from "./account-labels.ts";
import { isoDay } from "./activity-section.tsx";
import { ManualEnforcementDialog } from "./manual-enforcement-dialog.tsx";
import { ReportCompromiseDialog } from "./report-compromise-dialog.tsx";
import { TrustSections, useTrustSections } from "./trust-sections.tsx";

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
    return (
      <RecordLoadFailure
        back={back}
        missing={api.code === "NOT_FOUND" || api.code === "BAD_REQUEST"}
        title="Account"
        notFound={{
          pageTitle: "Account not found",
          title: "No account at this link",
          description:
            "The link may be mistyped, or the account was removed. Search by name or owner email instead.",
          to: "/accounts",
          action: "Search accounts",
        }}
        errorTitle="We couldn't load this account"
        query={account}
      />
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
  const [dialog, setDialog] = useState<HeaderDialog>(null);
  const [notice, setNotice] = useState<ActionResult | null>(null);
  const { account } = data;
  const state = accountState(account.state);
  const owner = data.users.find((u) => u.role === "owner");
  // One list drives both the in-page navigation and the page: active enforcements first.
  const sections = useTrustSections(data, { onDone: setNotice });

  const done = (result: ActionResult) => {
    setDialog(null);
    setNotice(result);
  };

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
            {/* The id stays out of the page's prose; other tools may still need it. */}
            <CopyButton value={account.id} label="Copy account id" variant="ghost" />
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

        <TrustSections sections={sections} navLabel="Sections of this account" />
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
