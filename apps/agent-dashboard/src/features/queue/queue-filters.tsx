import { useQuery } from "@tanstack/react-query";
import {
  AccountPlan,
  ENFORCEMENT_REASON_LABELS,
  EnforcementReason,
  QUEUE_SORT_LABELS,
  type QueueFilters,
  QueueSort,
  TicketCategory,
  TicketStatus,
} from "@trustdesk/domain";
import { Button, SelectField, TextField } from "@trustdesk/ui";
import { useEffect, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { planName } from "../accounts/account-labels.ts";
import { CATEGORY_LABELS, statusPresentation } from "./queue-labels.ts";
import { hasFilters } from "./queue-params.ts";

/** Filters narrow the current view; the sort orders it. Every change is a new first page. */
export function QueueFilterBar({
  filters,
  sort,
  onChange,
}: {
  filters: QueueFilters;
  sort: QueueSort;
  onChange: (next: { filters?: QueueFilters; sort?: QueueSort }) => void;
}) {
  const trpc = useTRPC();
  const assignees = useQuery(trpc.staff.tickets.assignees.queryOptions(undefined, { staleTime: 300_000 }));
  const [tag, setTag] = useState(filters.tag ?? "");
  useEffect(() => setTag(filters.tag ?? ""), [filters.tag]);
  const set = (patch: Partial<QueueFilters>) => {
    const next: QueueFilters = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof QueueFilters)[]) if (!next[key]) delete next[key];
    onChange({ filters: next });
  };
  return (
    <form
      className="queue-filters"
      aria-label="Filter and sort"
      onSubmit={(event) => {
        event.preventDefault();
        set({ tag: tag.trim() || undefined });
      }}
    >
      <SelectField
        label="Sort"
        value={sort}
        onChange={(e) => onChange({ sort: QueueSort.parse(e.target.value) })}
      >
        {QueueSort.options.map((s) => (
          <option key={s} value={s}>
            {QUEUE_SORT_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Category"
        value={filters.category ?? ""}
        onChange={(e) => set({ category: TicketCategory.safeParse(e.target.value).data })}
      >
        <option value="">Any</option>
        {TicketCategory.options.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Status"
        value={filters.status ?? ""}
        onChange={(e) => set({ status: TicketStatus.safeParse(e.target.value).data })}
      >
        <option value="">Any</option>
        {TicketStatus.options.map((s) => (
          <option key={s} value={s}>
            {statusPresentation(s).label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Assignee"
        value={filters.assignee ?? ""}
        onChange={(e) => set({ assignee: e.target.value || undefined })}
      >
        <option value="">Anyone</option>
        <option value="none">Nobody (unassigned)</option>
        {(assignees.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Enforcement"
        value={filters.enforcementReason ?? ""}
        onChange={(e) => set({ enforcementReason: EnforcementReason.safeParse(e.target.value).data })}
      >
        <option value="">Any</option>
        {EnforcementReason.options.map((r) => (
          <option key={r} value={r}>
            {ENFORCEMENT_REASON_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Plan"
        value={filters.plan ?? ""}
        onChange={(e) => set({ plan: AccountPlan.safeParse(e.target.value).data })}
      >
        <option value="">Any</option>
        {AccountPlan.options.map((p) => (
          <option key={p} value={p}>
            {planName(p)}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Tag"
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        onBlur={() => {
          if (tag.trim() !== (filters.tag ?? "")) set({ tag: tag.trim() || undefined });
        }}
        maxLength={50}
        placeholder="e.g. billing"
      />
      {hasFilters(filters) ? (
        <div className="queue-filters__clear">
          <Button type="button" variant="ghost" size="sm" onClick={() => onChange({ filters: {} })}>
            Clear filters
          </Button>
        </div>
      ) : null}
    </form>
  );
}
