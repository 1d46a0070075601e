import { type ReactNode, useEffect, useRef } from "react";
import { cx } from "./cx.ts";
import { type FormErrors, hasFormErrors } from "./form-state.ts";
import { Icon } from "./icons.tsx";

export interface FormFieldError {
  /** The id of the input, so the summary can link to it. */
  fieldId: string;
  message: string;
}

export interface FormErrorSummaryProps {
  title?: ReactNode;
  /** The form-level message (e.g. "Email or password is incorrect"). */
  message?: ReactNode;
  errors?: readonly FormFieldError[];
  /** Shown for unexpected errors so the customer can quote it to support. */
  requestId?: string | null | undefined;
  /** Move focus to the summary when it appears (default true). */
  autoFocus?: boolean;
  /** Change it (e.g. a submit counter) to move focus back to the summary after another failed submit. */
  focusKey?: unknown;
  className?: string;
}

/**
 * The summary at the top of a form after a failed submit: role="alert" so it is announced,
 * focused so keyboard users land on it, with links to each invalid field.
 */
export function FormErrorSummary({
  title = "There is a problem",
  message,
  errors = [],
  requestId,
  autoFocus = true,
  focusKey,
  className,
}: FormErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusKey only re-triggers the focus.
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus, focusKey]);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className={cx("td-alert", "td-alert--danger", "td-error-summary", className)}
    >
      <Icon name="x-circle" size={18} className="td-alert__icon" />
      <div className="td-alert__body">
        <p className="td-alert__title">{title}</p>
        {message ? <div className="td-alert__content">{message}</div> : null}
        {errors.length > 0 ? (
          <ul className="td-error-summary__list">
            {errors.map((e) => (
              <li key={e.fieldId}>
                <a
                  href={`#${e.fieldId}`}
                  onClick={(event) => {
                    const target = document.getElementById(e.fieldId);
                    if (target) {
                      event.preventDefault();
                      target.focus();
                    }
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {requestId ? (
          <p className="td-alert__meta">
            Reference: <code className="td-code">{requestId}</code>
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The summary for a form driven by `FormErrors`. Field ids follow `${idPrefix}-${name}`, so each
 * listed error links to its input; `order` lists field names in the order the form shows them.
 */
export function FormErrorBlock({
  errors,
  idPrefix,
  order = [],
}: {
  errors: FormErrors;
  idPrefix: string;
  order?: readonly string[];
}) {
  if (!hasFormErrors(errors)) return null;
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  const fields = Object.entries(errors.fields).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <FormErrorSummary
      title={errors.message ?? "Check the highlighted fields"}
      errors={fields.map(([name, message]) => ({ fieldId: `${idPrefix}-${name}`, message }))}
      requestId={errors.requestId}
      focusKey={errors.attempt}
    />
  );
}
