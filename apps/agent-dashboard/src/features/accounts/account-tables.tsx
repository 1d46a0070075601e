import { ENFORCEMENT_REASON_LABELS } from "@trustdesk/domain";
import { Badge, Card, CellText, StatusPill } from "@trustdesk/ui";
import { Link } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import type {
  AccountApiKey,
  AccountAuditEvent,
  AccountCase,
  AccountExposure,
  AccountTicket,
  AccountUser,
  AccountVettingDecision,
} from "../../lib/trpc.ts";
import { auditWhatColumn, auditWhenColumn } from "../audit/audit-columns.tsx";
import { exposureSourceColumn, exposureWhereColumn } from "../enforcements/exposure-columns.tsx";
import { staffRoleLabel } from "../layout/staff-role.ts";
import { ticketColumn, ticketStatusColumn } from "../tickets/ticket-columns.tsx";
import { FiredRulesTable, firedRulesOf } from "../vetting/fired-rules.tsx";
import { vettingOutcome } from "./account-labels.ts";
import { EmptySection, SectionTable } from "./section-table.tsx";
import "../audit/audit.css";

export function CasesTable({ cases }: { cases: readonly AccountCase[] }) {
  return (
    <SectionTable
      caption="Cases on this account, newest first"
      rows={cases}
      rowKey={(c) => c.id}
      empty={{
        icon: "briefcase",
        title: "No cases",
        description: "Takeover and exposure enforcements open a case.",
      }}
      columns={[
        {
          key: "case",
          header: "Case",
          rowHeader: true,
          cell: (c) => (
            <CellText secondary={c.hotline_number ? `${c.summary} · hotline ${c.hotline_number}` : c.summary}>
              <Link to={`/cases/${c.number}`}>{c.number}</Link> · {ENFORCEMENT_REASON_LABELS[c.reason]}
            </CellText>
          ),
        },
        {
          key: "status",
          header: "Status",
          cell: (c) => (
            <StatusPill tone={c.status === "open" ? "warning" : "success"}>
              {c.status === "open" ? "Open" : "Resolved"}
            </StatusPill>
          ),
        },
        { key: "opened", header: "Opened", nowrap: true, cell: (c) => formatDateTime(c.created_at) },
        {
          key: "resolved",
          header: "Resolved",
          nowrap: true,
          cell: (c) => (c.resolved_at ? formatDateTime(c.resolved_at) : "—"),
        },
      ]}
    />
  );
}

export function VettingDecisions({ decisions }: { decisions: readonly AccountVettingDecision[] }) {
  if (decisions.length === 0) {
    return (
      <EmptySection
        icon="user"
        title="No vetting decisions"
        description="Sign-ups are vetted when the account is created."
      />
    );
  }
  return (
    <ol className="vetting-decisions">
      {decisions.map((d) => {
        const outcome = vettingOutcome(d.outcome);
        const rules = firedRulesOf(d.fired_rules);
        const byPolicy = d.decided_by === "policy";
        return (
          <li key={d.id}>
            <Card
              headingLevel={3}
              flush={byPolicy && rules.length > 0}
              title={
                <>
                  {byPolicy ? `Policy version ${d.policy_version ?? "?"}` : "Staff decision"}:{" "}
                  <Badge tone={outcome.tone}>{outcome.label}</Badge>
                </>
              }
              description={`${formatDateTime(d.created_at)}${byPolicy ? ` · score ${d.score}${d.review_threshold !== null && d.reject_threshold !== null ? ` (review at ${d.review_threshold}, reject at ${d.reject_threshold})` : ""}` : ""}`}
            >
              {byPolicy ? (
                <FiredRulesTable
                  rules={rules}
                  caption={`Rules fired by policy version ${d.policy_version ?? "?"}`}
                />
              ) : (
                <p className="td-text-small">
                  {d.decidedBy ? `By ${staffDecider(d.decidedBy)}. ` : null}
                  {d.note ? <>Note: “{d.note}”</> : "No note."}
                </p>
              )}
            </Card>
          </li>
        );
      })}
    </ol>
  );
}

function keyState(k: AccountApiKey): {
  label: string;
  tone: "success" | "warning" | "danger";
  when: string | null;
} {
  if (k.revokedAt) return { label: "Revoked", tone: "danger", when: k.revokedAt };
  if (k.disabledAt) return { label: "Disabled", tone: "warning", when: k.disabledAt };
  return { label: "Active", tone: "success", when: null };
}

export function ApiKeysTable({ keys }: { keys: readonly AccountApiKey[] }) {
  return (
    <SectionTable
      caption="API keys, newest first (prefix only; secrets are never stored)"
      rows={keys}
      rowKey={(k) => k.id}
      empty={{ icon: "key", title: "No API keys", description: "The customer has not created an API key." }}
      columns={[
        {
          key: "key",
          header: "Key",
          rowHeader: true,
          cell: (k) => <CellText secondary={<code>{k.prefix}</code>}>{k.name}</CellText>,
        },
        {
          key: "state",
          header: "State",
          cell: (k) => {
            const state = keyState(k);
            const when = state.when
              ? `${formatDateTime(state.when)}${k.revokedReason ? ` · ${k.revokedReason}` : ""}`
              : null;
            return (
              <CellText secondary={when}>
                <StatusPill tone={state.tone}>{state.label}</StatusPill>
              </CellText>
            );
          },
        },
        { key: "created", header: "Created", nowrap: true, cell: (k) => formatDateTime(k.createdAt) },
        {
          key: "used",
          header: "Last used",
          nowrap: true,
          cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"),
        },
      ]}
    />
  );
}

export function ExposuresTable({ exposures }: { exposures: readonly AccountExposure[] }) {
  return (
    <SectionTable
      caption="Keys found in public, newest first"
      rows={exposures}
      rowKey={(x) => x.id}
      empty={{
        icon: "key",
        title: "No exposed keys",
        description: "No key of this account has been found in public.",
      }}
      columns={[
        {
          key: "key",
          header: "Key",
          rowHeader: true,
          cell: (x) => <CellText secondary={<code>{x.keyPrefix}</code>}>{x.key_name}</CellText>,
        },
        exposureWhereColumn(),
        exposureSourceColumn(),
        { key: "when", header: "When", nowrap: true, cell: (x) => formatDateTime(x.found_at) },
      ]}
    />
  );
}

const CUSTOMER_ROLE_LABELS: Record<AccountUser["role"], string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
};

export function UsersTable({ users }: { users: readonly AccountUser[] }) {
  return (
    <SectionTable
      caption="People who can sign in to this account"
      rows={users}
      rowKey={(u) => u.id}
      empty={{ icon: "users", title: "No users", description: "Nobody can sign in." }}
      columns={[
        {
          key: "user",
          header: "User",
          rowHeader: true,
          cell: (u) => <CellText secondary={u.email}>{u.name}</CellText>,
        },
        {
          key: "role",
          header: "Role",
          cell: (u) => (
            <CellText secondary={u.removed_at ? `Removed ${formatDateTime(u.removed_at)}` : null}>
              {CUSTOMER_ROLE_LABELS[u.role] ?? u.role}
            </CellText>
          ),
        },
        {
          key: "2fa",
          header: "Two-step verification",
          cell: (u) => (
            <CellText secondary={u.totp_enabled_at ? `since ${formatDateTime(u.totp_enabled_at)}` : null}>
              <StatusPill tone={u.totpEnabled ? "success" : "warning"}>
                {u.totpEnabled ? "On" : "Off"}
              </StatusPill>
            </CellText>
          ),
        },
        {
          key: "sign-in",
          header: "Last sign-in",
          nowrap: true,
          cell: (u) => (
            <CellText
              secondary={
                u.locked_until && new Date(u.locked_until) > new Date()
                  ? `Locked until ${formatDateTime(u.locked_until)}`
                  : null
              }
            >
              {u.last_sign_in_at ? formatDateTime(u.last_sign_in_at) : "Never"}
            </CellText>
          ),
        },
      ]}
    />
  );
}

export function AuditTable({ events }: { events: readonly AccountAuditEvent[] }) {
  return (
    <SectionTable
      caption="The last 50 audit events, newest first"
      rows={events}
      rowKey={(e) => e.id}
      empty={{ icon: "file-text", title: "No audit events", description: "Nothing has been recorded yet." }}
      columns={[
        auditWhenColumn(),
        auditWhatColumn(),
        { key: "who", header: "Who", cell: (e) => e.actorLabel },
      ]}
    />
  );
}

/** The account's tickets, each linked to its workspace; the one being worked is marked. */
export function TicketsTable({
  tickets,
  currentTicketId,
}: {
  tickets: readonly AccountTicket[];
  currentTicketId?: string | undefined;
}) {
  return (
    <SectionTable
      caption="Tickets of this account, newest first"
      rows={tickets}
      rowKey={(t) => t.id}
      empty={{ icon: "inbox", title: "No tickets", description: "The customer has not opened a ticket." }}
      columns={[
        ticketColumn(currentTicketId),
        ticketStatusColumn(),
        { key: "opened", header: "Opened", nowrap: true, cell: (t) => formatDateTime(t.created_at) },
        {
          key: "first-response",
          header: "First response",
          nowrap: true,
          cell: (t) => (t.first_response_at ? formatDateTime(t.first_response_at) : "Not yet"),
        },
      ]}
    />
  );
}

function staffDecider(s: { name: string; role: string }): string {
  return `${s.name} (${staffRoleLabel(s.role).toLowerCase()})`;
}
