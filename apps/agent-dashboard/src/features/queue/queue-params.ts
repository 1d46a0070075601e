import {
  AccountPlan,
  EnforcementReason,
  QUEUE_BASE_VIEWS,
  type QueueFilters,
  QueueSort,
  type QueueView,
  TicketCategory,
  TicketStatus,
} from "@trustdesk/domain";

/** The queue's state lives in the address: a view, its filters and a search can be shared and reloaded. */
export interface QueueState {
  view: QueueView;
  sort: QueueSort;
  filters: QueueFilters;
  query: string;
}

const VIEWS = new Set<string>([...QUEUE_BASE_VIEWS, ...TicketCategory.options.map((c) => `category:${c}`)]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function pick<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return value && (options as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function readQueueState(params: URLSearchParams): QueueState {
  const view = params.get("view");
  const assignee = params.get("assignee");
  const tag = params.get("tag")?.trim();
  const filters: QueueFilters = {};
  const category = pick(TicketCategory.options, params.get("category"));
  const status = pick(TicketStatus.options, params.get("status"));
  const reason = pick(EnforcementReason.options, params.get("reason"));
  const plan = pick(AccountPlan.options, params.get("plan"));
  if (category) filters.category = category;
  if (status) filters.status = status;
  if (assignee === "none" || (assignee && UUID.test(assignee))) filters.assignee = assignee;
  if (reason) filters.enforcementReason = reason;
  if (plan) filters.plan = plan;
  if (tag) filters.tag = tag.slice(0, 50);
  return {
    view: view && VIEWS.has(view) ? (view as QueueView) : "open",
    sort: pick(QueueSort.options, params.get("sort")) ?? "needs_answer",
    filters,
    query: (params.get("q") ?? "").slice(0, 200),
  };
}

export function writeQueueState(state: QueueState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.view !== "open") p.set("view", state.view);
  if (state.sort !== "needs_answer") p.set("sort", state.sort);
  const f = state.filters;
  if (f.category) p.set("category", f.category);
  if (f.status) p.set("status", f.status);
  if (f.assignee) p.set("assignee", f.assignee);
  if (f.enforcementReason) p.set("reason", f.enforcementReason);
  if (f.plan) p.set("plan", f.plan);
  if (f.tag) p.set("tag", f.tag);
  if (state.query) p.set("q", state.query);
  return p;
}

export function hasFilters(filters: QueueFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined && v !== "");
}
