import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { Alert } from "./alert.tsx";
import { Button, type ButtonVariant } from "./button.tsx";
import { cx } from "./cx.ts";
import { FormErrorBlock } from "./form-error-summary.tsx";
import type { FormErrors } from "./form-state.ts";
import { Icon } from "./icons.tsx";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  /** The dialog's heading (an h2) and accessible name. */
  title: ReactNode;
  /** A sentence under the title, read as the dialog's description. */
  description?: ReactNode;
  children: ReactNode;
  /** Escape, the close button and the Cancel buttons of the content call it. */
  onClose: () => void;
  /** While a call runs, Escape and the close button do nothing (the outcome would be lost). */
  busy?: boolean;
  size?: "sm" | "md" | "lg";
  /** "danger" marks a destructive dialog with a coloured top edge and icon. */
  tone?: "default" | "danger";
  className?: string;
}

/**
 * A modal dialog on the native `<dialog>` (`showModal`: the page behind is inert, the top layer
 * keeps it above everything). Mount it to open it and unmount it to close it: focus moves into the
 * dialog (an element marked `data-autofocus`, else the first field, else the first button), Tab and
 * Shift+Tab cycle inside it, Escape closes it, and focus returns to what had it before (normally
 * the button that opened it).
 */
export function Dialog({
  title,
  description,
  children,
  onClose,
  busy = false,
  size = "md",
  tone = "default",
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // The latest callbacks without re-running the open/close effect.
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>("[data-autofocus]") ??
      dialog.querySelector<HTMLElement>(".td-dialog__body :is(input, select, textarea)") ??
      dialog.querySelector<HTMLElement>(".td-dialog__body button, .td-dialog__body a[href]") ??
      dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const requestClose = () => {
    if (!busyRef.current) onCloseRef.current();
  };

  // Native dialogs let Tab leave for the browser's own UI; keep it inside, as a modal promises.
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab" || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.offsetParent !== null || el === document.activeElement,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={cx("td-dialog", `td-dialog--${size}`, tone === "danger" && "td-dialog--danger", className)}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-busy={busy || undefined}
      onCancel={(event) => {
        // Escape: React state decides whether the dialog stays mounted.
        event.preventDefault();
        requestClose();
      }}
      onKeyDown={trapTab}
    >
      <div className="td-dialog__header">
        {tone === "danger" ? (
          <span className="td-dialog__icon">
            <Icon name="alert-triangle" size={18} />
          </span>
        ) : null}
        <div className="td-dialog__heading">
          <h2 id={titleId} className="td-dialog__title">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="td-dialog__description">
              {description}
            </div>
          ) : null}
        </div>
        <button
          type="button"
          className="td-dialog__close"
          onClick={requestClose}
          aria-disabled={busy || undefined}
        >
          <Icon name="x" size={18} />
          <span className="td-visually-hidden">Close</span>
        </button>
      </div>
      <div className="td-dialog__body">{children}</div>
    </dialog>
  );
}

/** The row of buttons at the end of a dialog's content (primary action first, Cancel after it). */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="td-dialog__actions">{children}</div>;
}

export interface ConfirmDialogProps {
  title: ReactNode;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the call runs. */
  confirmingLabel?: string;
  confirmVariant?: ButtonVariant;
  tone?: "default" | "danger";
  onConfirm: () => void;
  onCancel: () => void;
  confirming?: boolean;
  /** The refusal of the last attempt, shown in the dialog (announced). */
  error?: { message: ReactNode; requestId?: string | null | undefined; details?: ReactNode } | null;
}

/** "Are you sure?" for one action without fields: what happens, the action, and Cancel. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  confirmingLabel,
  confirmVariant,
  tone = "default",
  onConfirm,
  onCancel,
  confirming = false,
  error,
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel} busy={confirming} tone={tone} size="sm">
      <div className="td-stack td-stack--md">
        <div className="td-dialog__text">{children}</div>
        {error ? (
          <Alert tone="danger" live="assertive" title={error.message}>
            {error.details}
            {error.requestId ? (
              <p className="td-alert__meta">
                Reference: <code className="td-code">{error.requestId}</code>
              </p>
            ) : null}
          </Alert>
        ) : null}
        <DialogActions>
          <Button
            variant={confirmVariant ?? (tone === "danger" ? "danger" : "primary")}
            loading={confirming}
            loadingLabel={confirmingLabel}
            onClick={onConfirm}
          >
            {confirmLabel}
          </Button>
          {/* A destructive confirmation starts on Cancel, so Enter alone never does the damage. */}
          <Button
            variant="ghost"
            onClick={onCancel}
            disabled={confirming}
            data-autofocus={tone === "danger" || undefined}
          >
            Cancel
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}

export interface FormDialogProps {
  title: ReactNode;
  description?: ReactNode;
  tone?: "default" | "danger";
  size?: "sm" | "md" | "lg";
  onClose: () => void;
  /** The form's accessible name. */
  formLabel: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  submitLabel: string;
  submittingLabel?: string;
  submitVariant?: ButtonVariant;
  /** The form's errors: the summary at the top links to fields `${idPrefix}-${name}` in `errorOrder`. */
  errors: FormErrors;
  idPrefix: string;
  errorOrder?: readonly string[];
  /** The fields (and anything shown between the error summary and them). */
  children: ReactNode;
}

/** A dialog around one form: error summary, fields, then the submit button and Cancel. */
export function FormDialog({
  title,
  description,
  tone,
  size,
  onClose,
  formLabel,
  onSubmit,
  submitting,
  submitLabel,
  submittingLabel,
  submitVariant,
  errors,
  idPrefix,
  errorOrder,
  children,
}: FormDialogProps) {
  return (
    <Dialog
      title={title}
      description={description}
      tone={tone}
      size={size}
      onClose={onClose}
      busy={submitting}
    >
      <form className="td-form" noValidate aria-label={formLabel} onSubmit={onSubmit}>
        <FormErrorBlock errors={errors} idPrefix={idPrefix} order={errorOrder} />
        {children}
        <DialogActions>
          <Button
            type="submit"
            variant={submitVariant ?? (tone === "danger" ? "danger" : "primary")}
            loading={submitting}
            loadingLabel={submittingLabel}
          >
            {submitLabel}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
