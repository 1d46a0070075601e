import { useQuery } from "@tanstack/react-query";
import { Alert, InPageNav } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { type StaffAccount, useTRPC } from "../../lib/trpc.ts";
import type { ActionResult } from "../enforcements/action-notice.tsx";
import { useCan } from "../session/permissions.ts";
import { AccountSection } from "./account-section.tsx";
import {
  ApiKeysTable,
  AuditTable,
  CasesTable,
  ExposuresTable,
  TicketsTable,
  UsersTable,
  VettingDecisions,
} from "./account-tables.tsx";
import { ActiveEnforcementCard, type LiftRequest } from "./active-enforcement-card.tsx";
import { ActivitySection } from "./activity-section.tsx";
import { PastEnforcements } from "./past-enforcements.tsx";

/** One part of an account's trust picture: a titled region and its entry in the in-page navigation. */
export interface TrustSection {
  id: string;
  title: string;
  count?: number;
  highlight?: boolean;
  description?: ReactNode;
  content: ReactNode;
}

/**
 * The account's trust picture as sections — active enforcements first (with their actions), then
 * everything that explains them. The account page shows it whole; the ticket workspace shows the
 * same sections beside the ticket, so both read (and act on) the account in one way.
 */
export function useTrustSections(
  data: StaffAccount,
  {
    onDone,
    idPrefix = "",
    ticketId,
  }: {
    /** An action in a section succeeded (lift, approve, a sign-up decided…). */
    onDone: (result: ActionResult) => void;
    /** Prefixes the sections' element ids, where the page has ids of its own. */
    idPrefix?: string;
    /** The ticket the picture is shown beside: marked in the ticket list, the appeal a sign-up decision answers. */
    ticketId?: string;
  },
): TrustSection[] {
  const can = useCan();
  const trpc = useTRPC();
  const { account } = data;
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
  const id = (name: string) => `${idPrefix}${name}`;

  return [
    {
      id: id("enforcements"),
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
                ticketId={ticketId}
                onDone={onDone}
              />
            ))}
          </div>
        ),
    },
    {
      id: id("tickets"),
      title: ticketId ? "Tickets of this account" : "Tickets",
      count: data.tickets.length,
      content: <TicketsTable tickets={data.tickets} currentTicketId={ticketId} />,
    },
    { id: id("activity"), title: "Activity", content: <ActivitySection activity={data.activity} /> },
    {
      id: id("history"),
      title: "Past enforcements",
      count: past.length,
      content: <PastEnforcements enforcements={past} />,
    },
    { id: id("cases"), title: "Cases", count: data.cases.length, content: <CasesTable cases={data.cases} /> },
    {
      id: id("exposures"),
      title: "Exposures",
      count: data.exposures.length,
      content: <ExposuresTable exposures={data.exposures} />,
    },
    {
      id: id("vetting"),
      title: "Vetting decisions",
      count: data.vetting.length,
      description: "Every decision on the sign-up, with the rules that fired and their weights.",
      content: <VettingDecisions decisions={data.vetting} />,
    },
    {
      id: id("keys"),
      title: "API keys",
      count: data.apiKeys.length,
      content: <ApiKeysTable keys={data.apiKeys} />,
    },
    { id: id("users"), title: "Users", count: data.users.length, content: <UsersTable users={data.users} /> },
    {
      id: id("audit"),
      title: "Audit trail",
      count: data.audit.length,
      description: can("audit.view") ? (
        <>
          The last 50 events on this account, newest first.{" "}
          <Link to={`/audit?account=${encodeURIComponent(account.id)}`}>Filter them in the audit log</Link>
        </>
      ) : (
        "The last 50 events on this account, newest first."
      ),
      content: <AuditTable events={data.audit} />,
    },
  ];
}

/** The sections with their in-page navigation. */
export function TrustSections({
  sections,
  navLabel,
}: {
  sections: readonly TrustSection[];
  navLabel: string;
}) {
  return (
    <>
      <InPageNav
        label={navLabel}
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
    </>
  );
}
