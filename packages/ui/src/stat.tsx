import type { ReactNode } from "react";
import { cx } from "./cx.ts";

export interface StatProps {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  className?: string;
}

/** A single headline number with its label. */
export function Stat({ label, value, hint, className }: StatProps) {
  return (
    <div className={cx("td-stat", className)}>
      <p className="td-stat__label">{label}</p>
      <p className="td-stat__value">{value}</p>
      {hint ? <p className="td-stat__hint">{hint}</p> : null}
    </div>
  );
}
