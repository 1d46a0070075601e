import { useQuery } from "@tanstack/react-query";
import { QueryView } from "@trustdesk/client";
import { ENFORCEMENT_REASON_LABELS, EnforcementReason } from "@trustdesk/domain";
import { Card, CellText, DataTable, EmptyState, SelectField } from "@trustdesk/ui";
import { useState } from "react";
import { formatDate, formatDuration } from "../../lib/format.ts";
import { type RecentlyRestrictedAccount, useTRPC } from "../../lib/trpc.ts";
import { accountColumn } from "./account-link.tsx";

/** Beside account search: the accounts restricted most recently, newest first, by reason. */
export function RecentlyRestricted() {
  const trpc = useTRPC();
  const [reason, setReason] = useState<EnforcementReason | null>(null);
  const list = useQuery(trpc.staff.accounts.recentlyRestricted.queryOptions({ reason }));
  const reasonText = reason ? ENFORCEMENT_REASON_LABELS[reason].toLowerCase() : null;

  return (
    <Card
      className="recently-restricted"
      aria-labelledby="recently-restricted-title"
      title={<span id="recently-restricted-title">Recently restricted</span>}
      description="Active restrictions, newest first."
    >
      <div className="recently-restricted__filter">
        <SelectField
          id="recently-restricted-reason"
          label="Reason"
          value={reason ?? ""}
          onChange={(e) => {
            const parsed = EnforcementReason.safeParse(e.currentTarget.value);
            setReason(parsed.success ? parsed.data : null);
          }}
        >
          <option value="">Every reason</option>
          {EnforcementReason.options.map((r) => (
            <option key={r} value={r}>
              {ENFORCEMENT_REASON_LABELS[r]}
            </option>
          ))}
        </SelectField>
      </div>
      <QueryView
        query={list}
        loadingLabel="Loading the restricted accounts…"
        errorTitle="We couldn't load the restricted accounts"
        empty={
          <EmptyState
            compact
            headingLevel={3}
            icon="shield"
            title={reasonText ? `No account is restricted for ${reasonText}` : "No account is restricted"}
          />
        }
      >
        {(rows) => (
          <DataTable
            caption={`The ${rows.length} most recently restricted accounts${reasonText ? ` (${reasonText})` : ""}, newest first`}
            captionHidden
            dense
            rows={rows}
            rowKey={(r: RecentlyRestrictedAccount) => r.enforcementId}
            columns={[
              accountColumn((r: RecentlyRestrictedAccount) => ({
                id: r.accountId,
                name: r.accountName,
                secondary: r.ownerEmail ?? "no owner",
              })),
              { key: "reason", header: "Reason", cell: (r) => ENFORCEMENT_REASON_LABELS[r.reason] },
              {
                key: "since",
                header: "Restricted",
                nowrap: true,
                cell: (r) => (
                  <CellText secondary={`${formatDuration(r.restrictedAt)} ago`}>
                    {formatDate(r.restrictedAt)}
                  </CellText>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
