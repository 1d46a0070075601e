import { useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import {
  Badge,
  Button,
  Card,
  DescriptionList,
  EmptyState,
  Icon,
  PageHeader,
  useDocumentTitle,
} from "@trustdesk/ui";
import { useId, useState } from "react";
import { Link } from "react-router";
import { formatDateTime, formatDuration } from "../../lib/format.ts";
import { useTRPC, type VettingQueueEntry } from "../../lib/trpc.ts";
import { AccountLink } from "../accounts/account-link.tsx";
import { ActionNotice, type ActionResult } from "../enforcements/action-notice.tsx";
import { RefreshButton } from "../layout/refresh-button.tsx";
import { thresholdsText } from "../vetting-policy/policy-labels.ts";
import "../vetting-policy/vetting-policy.css";
import { FiredRulesTable } from "./fired-rules.tsx";
import { VettingDecisionDialog, type VettingOutcomeChoice } from "./vetting-decision-dialog.tsx";

/** Sign-ups the policy sent to review (or rejected), oldest first, each with the rules that fired. */
export function VettingPage() {
  useDocumentTitle("Vetting");
  const trpc = useTRPC();
  const queue = useQuery(trpc.staff.enforcements.vettingQueue.queryOptions());
  const [notice, setNotice] = useState<ActionResult | null>(null);

  return (
    <>
      <PageHeader
        title="Vetting"
        description="New sign-ups the vetting policy could not approve on its own. Approving lifts the restriction at once; rejecting keeps it, and the customer may appeal."
        actions={<RefreshButton query={queue} />}
      />
      <div className="td-stack">
        <ActionNotice result={notice} onDismiss={() => setNotice(null)} />
        <QueryView
          query={queue}
          loadingLabel="Loading the sign-ups in review…"
          errorTitle="We couldn't load the vetting queue"
          empty={
            <Card>
              <EmptyState
                icon="check-circle"
                title="No sign-ups waiting for review"
                description="Every new account has been decided. Sign-ups the policy sends to review appear here."
              />
            </Card>
          }
        >
          {(entries) => (
            <section aria-label="Sign-ups in review" className="td-stack td-stack--md">
              <p className="td-text-muted td-text-small">
                {entries.length} sign-up{entries.length === 1 ? "" : "s"} waiting, oldest first.
              </p>
              <ol className="vetting-queue">
                {entries.map((entry) => (
                  <li key={entry.enforcementId}>
                    <SignUpCard entry={entry} onDone={setNotice} />
                  </li>
                ))}
              </ol>
            </section>
          )}
        </QueryView>
      </div>
    </>
  );
}

function SignUpCard({ entry, onDone }: { entry: VettingQueueEntry; onDone: (result: ActionResult) => void }) {
  const titleId = useId();
  const [deciding, setDeciding] = useState<VettingOutcomeChoice | null>(null);
  const rejected = entry.outcome === "reject";
  return (
    <Card
      aria-labelledby={titleId}
      headingLevel={2}
      className="signup-card"
      title={<AccountLink linkId={titleId} id={entry.accountId} name={entry.accountName} strong />}
      description={`Waiting ${formatDuration(entry.since)} · since ${formatDateTime(entry.since)}`}
      actions={
        <span className="signup-card__score">
          <span className="signup-card__score-label">Score</span>
          <Badge tone={rejected ? "danger" : "warning"}>
            {entry.score ?? "—"}
            {entry.outcome ? ` · ${rejected ? "rejected" : "review"}` : null}
          </Badge>
          {thresholdsText(entry.reviewThreshold, entry.rejectThreshold) ? (
            <span className="decision-thresholds">
              ({thresholdsText(entry.reviewThreshold, entry.rejectThreshold)})
            </span>
          ) : null}
        </span>
      }
      footer={
        <div className="signup-card__actions">
          <Button icon={<Icon name="check" size={15} />} onClick={() => setDeciding("approve")}>
            Approve
          </Button>
          <Button
            variant="secondary"
            icon={<Icon name="x" size={15} />}
            onClick={() => setDeciding("reject")}
          >
            Reject
          </Button>
          <span className="td-text-small">A note is required either way; it stays internal.</span>
        </div>
      }
    >
      <div className="signup-card__body">
        <DescriptionList
          columns={1}
          items={[
            { term: "Owner email", description: entry.email ?? "—" },
            {
              term: "Website",
              description: entry.website ? (
                <a href={entry.website} target="_blank" rel="noreferrer noopener">
                  {entry.website}
                  <span className="td-visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : (
                "—"
              ),
            },
            { term: "Country", description: entry.country ?? "—" },
            {
              term: "Policy",
              description: entry.policyVersion ? (
                <Link to={`/vetting-policy?version=${entry.policyVersion}`}>
                  Version {entry.policyVersion}
                </Link>
              ) : (
                "—"
              ),
            },
          ]}
        />
        <div className="signup-card__rules">
          <h3 className="signup-card__subtitle">Rules that fired</h3>
          <FiredRulesTable rules={entry.firedRules} caption={`Rules that fired for ${entry.accountName}`} />
        </div>
      </div>
      {deciding ? (
        <VettingDecisionDialog
          accountId={entry.accountId}
          accountName={entry.accountName}
          outcome={deciding}
          appeal={rejected}
          onClose={() => setDeciding(null)}
          onDone={(result) => {
            setDeciding(null);
            onDone(result);
          }}
        />
      ) : null}
    </Card>
  );
}
