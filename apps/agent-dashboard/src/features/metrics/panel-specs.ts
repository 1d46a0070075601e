import { ENFORCEMENT_REASON_LABELS, EnforcementReason, TicketCategory } from "@trustdesk/domain";
import type { TeamMetrics } from "../../lib/trpc.ts";
import { CATEGORY_LABELS } from "../queue/queue-labels.ts";
import type { MetricColumn } from "./metric-table.ts";

type Tickets = TeamMetrics["tickets"];
type Enforcements = TeamMetrics["enforcements"];
type Vetting = TeamMetrics["vetting"];

/** A panel's numbers: the rows the chart draws, and the columns its table and CSV show. */
export interface PanelSpec<T> {
  id: string;
  title: string;
  rows: readonly T[];
  columns: ReadonlyArray<MetricColumn<T>>;
  rowKey: (row: T) => string;
}

const dayColumn = <T extends { day: string }>(): MetricColumn<T> => ({
  key: "day",
  header: "Day (UTC)",
  kind: "day",
  value: (r) => r.day,
});

export function backlogSpec(t: Tickets): PanelSpec<Tickets["backlog"][number]> {
  return {
    id: "backlog",
    title: "Backlog per category",
    rows: t.backlog,
    rowKey: (r) => r.day,
    columns: [
      dayColumn(),
      ...TicketCategory.options.map((c) => ({
        key: c,
        header: CATEGORY_LABELS[c],
        kind: "count" as const,
        value: (r: Tickets["backlog"][number]) => r.byCategory[c],
      })),
      { key: "total", header: "Total", kind: "count", value: (r) => r.total },
    ],
  };
}

export function flowSpec(t: Tickets): PanelSpec<Tickets["flow"][number]> {
  return {
    id: "opened-resolved",
    title: "Tickets opened and resolved",
    rows: t.flow,
    rowKey: (r) => r.day,
    columns: [
      dayColumn(),
      { key: "opened", header: "Opened", kind: "count", value: (r) => r.opened },
      { key: "resolved", header: "Resolved", kind: "count", value: (r) => r.resolved },
    ],
  };
}

export function firstResponseSpec(t: Tickets): PanelSpec<Tickets["firstResponse"]["days"][number]> {
  return {
    id: "first-response",
    title: "First response time (team time)",
    rows: t.firstResponse.days,
    rowKey: (r) => r.day,
    columns: [
      dayColumn(),
      { key: "opened", header: "Opened", kind: "count", value: (r) => r.opened },
      { key: "answered", header: "Answered", kind: "count", value: (r) => r.answered },
      { key: "waiting", header: "Still waiting", kind: "count", value: (r) => r.waiting },
      { key: "median", header: "Median (hours)", kind: "hours", value: (r) => r.medianMs },
      { key: "p90", header: "p90 (hours)", kind: "hours", value: (r) => r.p90Ms },
      { key: "over24", header: "Past 24 h", kind: "count", value: (r) => r.over24h },
      { key: "share24", header: "Past 24 h (%)", kind: "share", value: (r) => r.share24h },
      { key: "over48", header: "Past 48 h", kind: "count", value: (r) => r.over48h },
      { key: "share48", header: "Past 48 h (%)", kind: "share", value: (r) => r.share48h },
    ],
  };
}

export function resolutionSpec(t: Tickets): PanelSpec<Tickets["resolution"]["days"][number]> {
  return {
    id: "resolution",
    title: "Resolution time",
    rows: t.resolution.days,
    rowKey: (r) => r.day,
    columns: [
      dayColumn(),
      { key: "resolved", header: "Resolved", kind: "count", value: (r) => r.resolved },
      { key: "median", header: "Median (hours)", kind: "hours", value: (r) => r.medianMs },
      { key: "p90", header: "p90 (hours)", kind: "hours", value: (r) => r.p90Ms },
    ],
  };
}

export function enforcementDaySpec(
  e: Enforcements,
  which: "opened" | "lifted",
): PanelSpec<Enforcements["perDay"][number]> {
  return {
    id: `restrictions-${which}`,
    title: which === "opened" ? "Restrictions opened per reason" : "Restrictions lifted per reason",
    rows: e.perDay,
    rowKey: (r) => r.day,
    columns: [
      dayColumn(),
      ...EnforcementReason.options.map((reason) => ({
        key: reason,
        header: ENFORCEMENT_REASON_LABELS[reason],
        kind: "count" as const,
        value: (r: Enforcements["perDay"][number]) => r[which][reason],
      })),
    ],
  };
}

type ReasonRow = Enforcements["byReason"][number] | ({ reason: "all" } & Enforcements["allReasons"]);

export function liftTimeSpec(e: Enforcements): PanelSpec<ReasonRow> {
  return {
    id: "time-to-lift",
    title: "Time to lift and reactivation rate per reason",
    rows: [...e.byReason, { reason: "all", ...e.allReasons }],
    rowKey: (r) => r.reason,
    columns: [
      {
        key: "reason",
        header: "Reason",
        kind: "text",
        value: (r) => (r.reason === "all" ? "All reasons" : ENFORCEMENT_REASON_LABELS[r.reason]),
      },
      { key: "lifts", header: "Lifted in the range", kind: "count", value: (r) => r.lifts },
      { key: "median", header: "Median to lift (hours)", kind: "hours", value: (r) => r.medianMs },
      { key: "p90", header: "p90 to lift (hours)", kind: "hours", value: (r) => r.p90Ms },
      { key: "opened", header: "Opened in the range", kind: "count", value: (r) => r.opened },
      { key: "liftedOfOpened", header: "Of those, lifted", kind: "count", value: (r) => r.liftedOfOpened },
      { key: "rate", header: "Reactivation rate (%)", kind: "share", value: (r) => r.reactivationRate },
    ],
  };
}

export function dormancySpec(e: Enforcements): PanelSpec<Enforcements["dormancy"]["days"][number]> {
  return {
    id: "dormancy",
    title: "Dormancy: warnings, deactivations and reactivations",
    rows: e.dormancy.days,
    rowKey: (r) => r.day,
    columns: [
      dayColumn(),
      { key: "warnings", header: "Warnings", kind: "count", value: (r) => r.warnings },
      { key: "deactivations", header: "Deactivations", kind: "count", value: (r) => r.deactivations },
      { key: "reactivations", header: "Reactivations", kind: "count", value: (r) => r.reactivations },
    ],
  };
}

export function vettingSpec(v: Vetting): PanelSpec<Vetting["days"][number]> {
  return {
    id: "vetting",
    title: "Sign-up vetting outcomes",
    rows: v.days,
    rowKey: (r) => r.day,
    columns: [
      dayColumn(),
      { key: "approve", header: "Approved", kind: "count", value: (r) => r.approve },
      { key: "review", header: "Sent to review", kind: "count", value: (r) => r.review },
      { key: "reject", header: "Rejected", kind: "count", value: (r) => r.reject },
    ],
  };
}

type FollowUp = { outcome: string } & Vetting["reviews"];

export function overturnedSpec(v: Vetting): PanelSpec<FollowUp> {
  return {
    id: "vetting-overturned",
    title: "What agents decided on the policy's reviews and rejections",
    rows: [
      { outcome: "Sent to review", ...v.reviews },
      { outcome: "Rejected", ...v.rejections },
    ],
    rowKey: (r) => r.outcome,
    columns: [
      { key: "outcome", header: "The policy's outcome", kind: "text", value: (r) => r.outcome },
      { key: "decisions", header: "Decisions", kind: "count", value: (r) => r.decisions },
      {
        key: "approved",
        header: "Approved by an agent (overturned)",
        kind: "count",
        value: (r) => r.approved,
      },
      { key: "rejected", header: "Rejected by an agent", kind: "count", value: (r) => r.rejected },
      { key: "undecided", header: "Not decided yet", kind: "count", value: (r) => r.undecided },
    ],
  };
}
