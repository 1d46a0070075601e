import { cx } from "./cx.ts";

export interface MeterProps {
  value: number;
  max: number;
  /** Positions (same unit as value) drawn as thin marks, e.g. [24] on a 48-hour scale. */
  marks?: readonly number[];
  tone?: "success" | "warning" | "danger" | "neutral";
  className?: string;
}

/**
 * A thin bar of value against max. Decorative: always show the value as text beside it,
 * because colour and length alone must not carry the meaning.
 */
export function Meter({ value, max, marks = [], tone = "success", className }: MeterProps) {
  const pct = (n: number) => `${Math.max(0, Math.min(100, (n / max) * 100))}%`;
  return (
    <div className={cx("td-meter", className)} aria-hidden="true">
      <div
        className={cx("td-meter__fill", tone !== "success" && `td-meter__fill--${tone}`)}
        style={{ width: pct(value) }}
      />
      {marks.map((m) => (
        <div key={m} className="td-meter__mark" style={{ left: pct(m) }} />
      ))}
    </div>
  );
}
