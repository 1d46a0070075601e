import type { MacroOutcome } from "@trustdesk/domain";
import { Alert, Button, type Tone } from "@trustdesk/ui";
import { type ReactNode, useEffect, useRef } from "react";

export interface ActionResult {
  tone: Tone;
  title: string;
  body?: ReactNode;
  /** What the action achieved, when a ticket about it can now be answered (the matching macro). */
  outcome?: MacroOutcome;
}

/**
 * What the last action did, at the top of the page: announced, and focused when it appears (the
 * button that opened the dialog is often gone once the action is done).
 */
export function ActionNotice({
  result,
  onDismiss,
  actions,
}: {
  result: ActionResult | null;
  onDismiss: () => void;
  /** Further actions beside Dismiss (e.g. answering the ticket the action was about). */
  actions?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  if (!result) return null;
  return (
    <div ref={ref} tabIndex={-1} className="action-notice">
      <Alert
        tone={result.tone}
        live="polite"
        title={result.title}
        actions={
          <>
            {actions}
            <Button variant="secondary" size="sm" onClick={onDismiss}>
              Dismiss
            </Button>
          </>
        }
      >
        {result.body}
      </Alert>
    </div>
  );
}
