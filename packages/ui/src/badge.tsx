import type { ReactNode } from "react";
import { cx } from "./cx.ts";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "accent";

export interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
  title?: string;
}

export function Badge({ tone = "neutral", children, className, title }: BadgeProps) {
  return (
    <span className={cx("td-badge", `td-badge--${tone}`, className)} title={title}>
      {children}
    </span>
  );
}

/** A badge with a status dot, for states (Active, Restricted, Open, Waiting for you…). */
export function StatusPill({ tone = "neutral", children, className, title }: BadgeProps) {
  return (
    <span className={cx("td-badge", "td-status-pill", `td-badge--${tone}`, className)} title={title}>
      <span className="td-status-pill__dot" aria-hidden="true" />
      {children}
    </span>
  );
}
