import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@trustdesk/client";
import {
  Alert,
  buttonClassName,
  Card,
  DescriptionList,
  Icon,
  LoadingState,
  PageHeader,
  StatusPill,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link } from "react-router";
import { formatDate, planLabel } from "../../lib/format.ts";
import { type AccountOverview, useTRPC } from "../../lib/trpc.ts";
import { useCurrentSession } from "../session/session-context.tsx";
import { accountStatePresentation } from "./account-state.ts";
import { RestrictionBanner } from "./restriction-banner.tsx";

export function OverviewPage() {
  useDocumentTitle("Overview");
  const trpc = useTRPC();
  const session = useCurrentSession();
  const overview = useQuery(trpc.customer.account.overview.queryOptions());

  return (
    <>
      <PageHeader
        eyebrow={session.account.name}
        title={`Welcome, ${session.user.name.split(" ")[0] || session.user.name}`}
        description="Your account's status, anything that needs your attention, and how to reach us."
      />
      {overview.isPending ? (
        <LoadingState label="Loading your account status…" />
      ) : overview.isError ? (
        <Card>
          <QueryError title="We couldn't load your account status" query={overview} />
        </Card>
      ) : (
        <OverviewContent data={overview.data} totpEnabled={session.totpEnabled} />
      )}
    </>
  );
}

function OverviewContent({ data, totpEnabled }: { data: AccountOverview; totpEnabled: boolean }) {
  const { account, restrictions } = data;
  const state = accountStatePresentation(account.state);
  return (
    <div className="td-stack">
      {restrictions.length > 0 ? (
        <section aria-label="Restrictions on your account" className="td-stack td-stack--md">
          {restrictions.map((r) => (
            <RestrictionBanner key={r.id} restriction={r} />
          ))}
        </section>
      ) : account.state === "closed" ? (
        <Alert tone="info" title="This account is closed">
          Sending and API access are off. Open a ticket if you think this is a mistake.
        </Alert>
      ) : (
        <Alert tone="success" title="Your account is in good standing">
          Sending and API access are working normally. Nothing needs your attention.
        </Alert>
      )}

      <div className="td-grid td-grid--sidebar">
        <Card title="Account" description="The details we hold for this account.">
          <DescriptionList
            items={[
              { term: "Account name", description: account.name },
              { term: "Status", description: <StatusPill tone={state.tone}>{state.label}</StatusPill> },
              { term: "Plan", description: planLabel(account.plan) },
              { term: "Customer since", description: formatDate(account.createdAt) },
              { term: "Account ID", description: <code className="td-code">{account.id}</code> },
              {
                term: "Restrictions",
                description: restrictions.length === 0 ? "None" : `${restrictions.length} active`,
              },
            ]}
          />
        </Card>

        <div className="td-stack">
          <Card
            title="Two-step verification"
            headingLevel={2}
            actions={
              <StatusPill tone={totpEnabled ? "success" : "warning"}>{totpEnabled ? "On" : "Off"}</StatusPill>
            }
          >
            <p className="td-text-muted td-text-small">
              {totpEnabled
                ? "A code from your authenticator app is needed every time you sign in."
                : "Add a second step to sign-in so a stolen password is not enough to get in."}
            </p>
            <p className="overview-card-link">
              <Link to="/settings/security" className="td-link">
                {totpEnabled ? "Manage security settings" : "Turn on two-step verification"}{" "}
                <Icon name="arrow-right" size={14} />
              </Link>
            </p>
          </Card>

          <Card title="Need help?">
            <p className="td-text-muted td-text-small">
              Our Consumer Trust team answers by ticket only: there is no live chat. Expect a first response
              within 24–48 hours.
            </p>
            <p className="overview-card-link">
              <span className="overview-card-actions">
                <Link to="/tickets/new" className={buttonClassName({ variant: "primary", size: "sm" })}>
                  New ticket
                </Link>
                <Link to="/tickets" className={buttonClassName({ variant: "secondary", size: "sm" })}>
                  View your tickets
                </Link>
              </span>
            </p>
          </Card>
        </div>
      </div>
    </div>
  );
}
