import { type ComponentPropsWithRef, type ReactNode, useId, useState } from "react";
import { cx } from "./cx.ts";
import { Icon } from "./icons.tsx";

/** What every field takes besides its control's own attributes. */
interface FieldProps {
  id?: string | undefined;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the control; sets aria-invalid and is referenced by aria-describedby. */
  error?: string | null | undefined;
  /** Marks the label "(optional)"; fields are required unless said otherwise. */
  optional?: boolean | undefined;
  fieldClassName?: string | undefined;
}

/** The attributes that tie a control to its label, hint and error. */
interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

function useControlProps(id: string | undefined, hint: ReactNode, error: string | null | undefined) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const describedBy = [error && `${controlId}-error`, hint && `${controlId}-hint`].filter(Boolean).join(" ");
  return {
    id: controlId,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } satisfies ControlProps;
}

/** The error (first, so it is read first) and the hint under a control. */
function FieldMessages({
  id,
  hint,
  error,
}: {
  id: string;
  hint: ReactNode;
  error: string | null | undefined;
}) {
  return (
    <>
      {error ? (
        <p className="td-field__error" id={`${id}-error`}>
          <Icon name="x-circle" size={14} />
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <p className="td-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </>
  );
}

/** Separates the field's own props from the ones meant for its control. */
function splitFieldProps<P extends FieldProps>({
  id,
  label,
  hint,
  error,
  optional,
  fieldClassName,
  ...rest
}: P) {
  return [{ id, label, hint, error, optional, fieldClassName }, rest] as const;
}

/** Label, control, error and hint, wired together. */
function Field({ field, children }: { field: FieldProps; children: (control: ControlProps) => ReactNode }) {
  const control = useControlProps(field.id, field.hint, field.error);
  return (
    <div className={cx("td-field", field.error && "td-field--invalid", field.fieldClassName)}>
      <label className="td-field__label" htmlFor={control.id}>
        {field.label}
        {field.optional ? <span className="td-field__optional"> (optional)</span> : null}
      </label>
      {children(control)}
      <FieldMessages id={control.id} hint={field.hint} error={field.error} />
    </div>
  );
}

export interface TextFieldProps extends FieldProps, Omit<ComponentPropsWithRef<"input">, "children" | "id"> {
  label: ReactNode;
  hint?: ReactNode;
}

export function TextField({ className, ...props }: TextFieldProps) {
  const [field, inputProps] = splitFieldProps(props);
  return (
    <Field field={field}>
      {(control) => <input {...control} className={cx("td-input", className)} {...inputProps} />}
    </Field>
  );
}

/**
 * An email address field: the keyboard, no spell-check and `required`, the same everywhere.
 * `autoComplete` defaults to "email"; a sign-in form passes "username", an invitation "off".
 */
export function EmailField({ autoComplete = "email", ...props }: Omit<TextFieldProps, "type">) {
  return (
    <TextField
      type="email"
      inputMode="email"
      spellCheck={false}
      required
      autoComplete={autoComplete}
      {...props}
    />
  );
}

export interface PasswordFieldProps extends Omit<TextFieldProps, "type"> {}

/** A password input with a show/hide toggle (the toggle is a real button, aria-pressed). */
export function PasswordField({
  className,
  autoComplete = "current-password",
  ...props
}: PasswordFieldProps) {
  const [field, inputProps] = splitFieldProps(props);
  const [visible, setVisible] = useState(false);
  return (
    <Field field={field}>
      {(control) => (
        <div className="td-input-group">
          <input
            {...control}
            type={visible ? "text" : "password"}
            className={cx("td-input", "td-input--with-action", className)}
            autoComplete={autoComplete}
            spellCheck={false}
            autoCapitalize="off"
            {...inputProps}
          />
          <button
            type="button"
            className="td-input-group__action"
            aria-controls={control.id}
            aria-pressed={visible}
            onClick={() => setVisible((v) => !v)}
          >
            <Icon name={visible ? "eye-off" : "eye"} size={16} />
            <span className="td-visually-hidden">Show password</span>
          </button>
        </div>
      )}
    </Field>
  );
}

export interface SelectFieldProps extends FieldProps, Omit<ComponentPropsWithRef<"select">, "id"> {
  label: ReactNode;
  hint?: ReactNode;
}

export function SelectField({ className, children, ...props }: SelectFieldProps) {
  const [field, selectProps] = splitFieldProps(props);
  return (
    <Field field={field}>
      {(control) => (
        <select {...control} className={cx("td-input", "td-select", className)} {...selectProps}>
          {children}
        </select>
      )}
    </Field>
  );
}

export interface CheckboxProps extends Omit<ComponentPropsWithRef<"input">, "type"> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
}

export function Checkbox({ id, label, hint, error, className, ...inputProps }: CheckboxProps) {
  const control = useControlProps(id, hint, error);
  return (
    <div className={cx("td-checkbox", error && "td-field--invalid", className)}>
      <input {...control} type="checkbox" className="td-checkbox__input" {...inputProps} />
      <div>
        <label htmlFor={control.id} className="td-checkbox__label">
          {label}
        </label>
        <FieldMessages id={control.id} hint={hint} error={error} />
      </div>
    </div>
  );
}

export interface TextAreaFieldProps extends FieldProps, Omit<ComponentPropsWithRef<"textarea">, "id"> {
  label: ReactNode;
  hint?: ReactNode;
}

export function TextAreaField({ className, rows = 4, ...props }: TextAreaFieldProps) {
  const [field, textareaProps] = splitFieldProps(props);
  return (
    <Field field={field}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          className={cx("td-input", "td-textarea", className)}
          {...textareaProps}
        />
      )}
    </Field>
  );
}

export interface RadioOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export interface RadioGroupProps {
  /** The group's id; each option's input is `${id}-${value}` and the error summary links to the first. */
  id: string;
  name: string;
  legend: ReactNode;
  options: readonly RadioOption[];
  defaultValue?: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  className?: string;
}

/** A fieldset of radio buttons with a legend, a hint and an error read with the group. */
export function RadioGroup({
  id,
  name,
  legend,
  options,
  defaultValue,
  error,
  hint,
  className,
}: RadioGroupProps) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return (
    <fieldset
      className={cx("td-field", "td-radio-group", error && "td-field--invalid", className)}
      aria-describedby={describedBy || undefined}
    >
      <legend className="td-field__label">{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="td-radio-group__options">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <label key={option.value} className="td-radio" htmlFor={optionId}>
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                defaultChecked={defaultValue === option.value}
                className="td-radio__input"
                aria-invalid={error ? true : undefined}
              />
              <span className="td-radio__text">
                <span className="td-radio__label">{option.label}</span>
                {option.hint ? <span className="td-radio__hint">{option.hint}</span> : null}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
