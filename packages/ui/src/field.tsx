import { type ComponentPropsWithRef, type ReactNode, useId, useState } from "react";
import { cx } from "./cx.ts";
import { Icon } from "./icons.tsx";

interface FieldChromeProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | null | undefined;
  optional?: boolean | undefined;
  className?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldChrome({ id, label, hint, error, optional, className, children }: FieldChromeProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("td-field", error && "td-field--invalid", className)}>
      <label className="td-field__label" htmlFor={id}>
        {label}
        {optional ? <span className="td-field__optional"> (optional)</span> : null}
      </label>
      {children(describedBy)}
      {error ? (
        <p className="td-field__error" id={errorId}>
          <Icon name="x-circle" size={14} />
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <p className="td-field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends Omit<ComponentPropsWithRef<"input">, "children"> {
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the input; sets aria-invalid and is referenced by aria-describedby. */
  error?: string | null | undefined;
  /** Marks the label "(optional)"; fields are required unless said otherwise. */
  optional?: boolean;
  fieldClassName?: string;
}

export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  fieldClassName,
  className,
  ...inputProps
}: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  return (
    <FieldChrome
      id={inputId}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={fieldClassName}
    >
      {(describedBy) => (
        <input
          id={inputId}
          className={cx("td-input", className)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...inputProps}
        />
      )}
    </FieldChrome>
  );
}

export interface PasswordFieldProps extends Omit<TextFieldProps, "type"> {}

/** A password input with a show/hide toggle (the toggle is a real button, aria-pressed). */
export function PasswordField({
  id,
  label,
  hint,
  error,
  optional,
  fieldClassName,
  className,
  autoComplete = "current-password",
  ...inputProps
}: PasswordFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const [visible, setVisible] = useState(false);
  return (
    <FieldChrome
      id={inputId}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={fieldClassName}
    >
      {(describedBy) => (
        <div className="td-input-group">
          <input
            id={inputId}
            type={visible ? "text" : "password"}
            className={cx("td-input", "td-input--with-action", className)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            autoComplete={autoComplete}
            spellCheck={false}
            autoCapitalize="off"
            {...inputProps}
          />
          <button
            type="button"
            className="td-input-group__action"
            aria-controls={inputId}
            aria-pressed={visible}
            onClick={() => setVisible((v) => !v)}
          >
            <Icon name={visible ? "eye-off" : "eye"} size={16} />
            <span className="td-visually-hidden">Show password</span>
          </button>
        </div>
      )}
    </FieldChrome>
  );
}

export interface SelectFieldProps extends ComponentPropsWithRef<"select"> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  optional?: boolean;
  fieldClassName?: string;
}

export function SelectField({
  id,
  label,
  hint,
  error,
  optional,
  fieldClassName,
  className,
  children,
  ...selectProps
}: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  return (
    <FieldChrome
      id={selectId}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={fieldClassName}
    >
      {(describedBy) => (
        <select
          id={selectId}
          className={cx("td-input", "td-select", className)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...selectProps}
        >
          {children}
        </select>
      )}
    </FieldChrome>
  );
}

export interface CheckboxProps extends Omit<ComponentPropsWithRef<"input">, "type"> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
}

export function Checkbox({ id, label, hint, error, className, ...inputProps }: CheckboxProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("td-checkbox", error && "td-field--invalid", className)}>
      <input
        id={inputId}
        type="checkbox"
        className="td-checkbox__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      <div>
        <label htmlFor={inputId} className="td-checkbox__label">
          {label}
        </label>
        {error ? (
          <p className="td-field__error" id={errorId}>
            <Icon name="x-circle" size={14} />
            <span>{error}</span>
          </p>
        ) : null}
        {hint ? (
          <p className="td-field__hint" id={hintId}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
