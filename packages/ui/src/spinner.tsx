import { cx } from "./cx.ts";

export interface SpinnerProps {
  size?: "sm" | "md" | "lg";
  className?: string;
}

/** Decorative; pair it with text or use LoadingState, which announces itself. */
export function Spinner({ size = "md", className }: SpinnerProps) {
  return <span className={cx("td-spinner", `td-spinner--${size}`, className)} aria-hidden="true" />;
}

export interface LoadingStateProps {
  /** What is loading, read by screen readers and shown under the spinner. */
  label?: string;
  /** Fill the viewport (for route-level loading before the shell is known). */
  fullPage?: boolean;
  className?: string;
}

export function LoadingState({ label = "Loading…", fullPage = false, className }: LoadingStateProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      className={cx("td-loading-state", fullPage && "td-loading-state--full", className)}
    >
      <Spinner size="lg" />
      <span className="td-loading-state__label">{label}</span>
    </div>
  );
}
