import { Alert, Button, type Tone } from "@trustdesk/ui";
import { type ReactNode, useEffect, useRef } from "react";

export interface ActionResult {
  tone: Tone;
  title: string;
  body?: ReactNode;
}

/**
 * What the last action did, at the top of the page: announced, and focused when it appears (the
 * button that opened the dialog is often gone once the action is done).
 */
export function ActionNotice({ result, onDismiss }: { result: ActionResult | null; onDismiss: () => void }) {
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
          <Button variant="secondary" size="sm" onClick={onDismiss}>
            Dismiss
          </Button>
        }
      >
        {result.body}
      </Alert>
    </div>
  );
}
