import { PasswordField } from "./field.tsx";
import type { FormErrors } from "./form-state.ts";

const FIELDS = [
  { name: "newPassword", label: "New password" },
  { name: "confirmPassword", label: "Confirm new password" },
] as const;

/**
 * A new password, typed twice (`newPassword`, `confirmPassword`; ids `${idPrefix}-<name>`). Check
 * the second with `checkPasswordConfirmation`.
 */
export function NewPasswordFields({ idPrefix, errors }: { idPrefix: string; errors: FormErrors }) {
  return FIELDS.map(({ name, label }) => (
    <PasswordField
      key={name}
      id={`${idPrefix}-${name}`}
      name={name}
      label={label}
      autoComplete="new-password"
      required
      error={errors.fields[name]}
    />
  ));
}
