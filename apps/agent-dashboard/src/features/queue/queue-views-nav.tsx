import { QUEUE_VIEW_LABELS, type QueueView, TicketCategory } from "@trustdesk/domain";
import { cx } from "@trustdesk/ui";
import type { QueueCounts } from "../../lib/trpc.ts";
import { CATEGORY_LABELS } from "./queue-labels.ts";

const GROUPS: ReadonlyArray<{ label: string; views: QueueView[] }> = [
  { label: "Work", views: ["open", "mine", "unassigned", "escalated", "breaching", "breached"] },
  { label: "By category", views: TicketCategory.options.map((c) => `category:${c}` as const) },
  { label: "Waiting and done", views: ["pending_customer", "on_hold", "solved", "all"] },
];

export function viewLabel(view: QueueView): string {
  if (view.startsWith("category:")) {
    const c = view.slice("category:".length) as TicketCategory;
    return CATEGORY_LABELS[c] ?? c;
  }
  return QUEUE_VIEW_LABELS[view as keyof typeof QUEUE_VIEW_LABELS] ?? view;
}

const WARN: Partial<Record<QueueView, "warning" | "danger">> = { breaching: "warning", breached: "danger" };

/** The views as a list of buttons with their counts; the current one is marked for assistive tech. */
export function QueueViewsNav({
  current,
  counts,
  onSelect,
}: {
  current: QueueView | null;
  counts: QueueCounts | undefined;
  onSelect: (view: QueueView) => void;
}) {
  return (
    <nav className="queue-views" aria-label="Queue views">
      {GROUPS.map((group) => (
        <div key={group.label} className="queue-views__group">
          <h2 className="queue-views__heading">{group.label}</h2>
          <ul>
            {group.views.map((view) => {
              const n = counts?.views[view];
              const atLeast = view === "all" && counts?.allIsAtLeast;
              const tone = n ? WARN[view] : undefined;
              return (
                <li key={view}>
                  <button
                    type="button"
                    className={cx("queue-views__item", view === current && "queue-views__item--current")}
                    aria-current={view === current ? "page" : undefined}
                    onClick={() => onSelect(view)}
                    data-view={view}
                  >
                    <span>{viewLabel(view)}</span>
                    <span className={cx("queue-views__count", tone && `queue-views__count--${tone}`)}>
                      {n === undefined ? "…" : `${n.toLocaleString()}${atLeast ? "+" : ""}`}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
