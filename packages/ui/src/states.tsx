import type { ReactNode } from "react";
import { Button } from "./button.tsx";
import { cx } from "./cx.ts";
import { Icon, type IconName } from "./icons.tsx";

export interface ErrorStateProps {
  title?: ReactNode;
  message?: ReactNode;
  /** Shown so the person can quote it to support. */
  requestId?: string | null | undefined;
  onRetry?: () => void;
  retrying?: boolean;
  /** "lock" for a refusal (no access) rather than a failure. */
  icon?: IconName;
  className?: string;
}

export function ErrorState({
  title = "Something went wrong",
  message = "We couldn't load this. Please try again.",
  requestId,
  onRetry,
  retrying = false,
  icon = "alert-triangle",
  className,
}: ErrorStateProps) {
  return (
    <div role="alert" className={cx("td-state", "td-state--error", className)}>
      <div className="td-state__icon">
        <Icon name={icon} size={22} />
      </div>
      <p className="td-state__title">{title}</p>
      <div className="td-state__description">{message}</div>
      {requestId ? (
        <p className="td-state__meta">
          Reference: <code className="td-code">{requestId}</code>
        </p>
      ) : null}
      {onRetry ? (
        <div className="td-state__actions">
          <Button
            variant="secondary"
            icon={<Icon name="refresh" />}
            loading={retrying}
            loadingLabel="Retrying…"
            onClick={onRetry}
          >
            Try again
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** When nothing else can be shown (e.g. the session itself cannot be read): an ErrorState centered on the page. */
export function FullPageError(props: ErrorStateProps) {
  return (
    <main id="main" className="td-auth">
      <div className="td-auth__main td-auth__main--narrow">
        <div className="td-auth__card">
          <ErrorState {...props} />
        </div>
      </div>
    </main>
  );
}

export interface EmptyStateProps {
  icon?: IconName;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  /** A smaller, left-aligned variant for an empty section inside a longer page. */
  compact?: boolean;
  className?: string;
}

export function EmptyState({
  icon = "inbox",
  title,
  description,
  action,
  headingLevel = 2,
  compact = false,
  className,
}: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  if (compact) {
    return (
      <div className={cx("td-state", "td-state--empty", "td-state--compact", className)}>
        <div className="td-state__icon">
          <Icon name={icon} size={18} />
        </div>
        <div className="td-state__text">
          <Heading className="td-state__title">{title}</Heading>
          {description ? <div className="td-state__description">{description}</div> : null}
        </div>
        {action ? <div className="td-state__actions">{action}</div> : null}
      </div>
    );
  }
  return (
    <div className={cx("td-state", "td-state--empty", className)}>
      <div className="td-state__icon">
        <Icon name={icon} size={22} />
      </div>
      <Heading className="td-state__title">{title}</Heading>
      {description ? <div className="td-state__description">{description}</div> : null}
      {action ? <div className="td-state__actions">{action}</div> : null}
    </div>
  );
}
