import type { UseMutationOptions } from "@tanstack/react-query";
import { ChangePasswordInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  checkPasswordConfirmation,
  FormErrorBlock,
  NewPasswordFields,
  PasswordField,
} from "@trustdesk/ui";
import { useFormMutation } from "./form-mutation.ts";
import { parseWith } from "./parse-with.ts";

const ORDER = ["currentPassword", "newPassword", "confirmPassword"];

export interface ChangePasswordCardProps<TData, TError, TContext> {
  /** The realm's change-password mutation (customer or staff): both take `ChangePasswordInput`. */
  mutationOptions: UseMutationOptions<TData, TError, ChangePasswordInput, TContext>;
  description: string;
  /** What the person is told once it is changed (what happened to their other sessions). */
  changedMessage: string;
  formClassName: string;
}

/**
 * Changing one's password, in either app: the current password first (a session left open on
 * someone's desk is not enough to change it), then the new one twice.
 */
export function ChangePasswordCard<TData, TError, TContext>({
  mutationOptions,
  description,
  changedMessage,
  formClassName,
}: ChangePasswordCardProps<TData, TError, TContext>) {
  const change = useFormMutation(mutationOptions);
  const { errors } = change;
  const onSubmit = change.handleSubmit(
    (values) =>
      checkPasswordConfirmation(
        parseWith(ChangePasswordInput, values),
        values,
        "The two new passwords don't match",
      ),
    (_input, form) => ({ onSuccess: () => form.reset() }),
  );
  return (
    <Card title="Password" description={description}>
      <form
        className={`td-form ${formClassName}`}
        noValidate
        onSubmit={onSubmit}
        aria-label="Change password"
      >
        {change.isSuccess ? (
          <Alert tone="success" live="polite">
            {changedMessage}
          </Alert>
        ) : null}
        <FormErrorBlock errors={errors} idPrefix="change-password" order={ORDER} />
        <PasswordField
          id="change-password-currentPassword"
          name="currentPassword"
          label="Current password"
          autoComplete="current-password"
          required
          error={errors.fields.currentPassword}
        />
        <NewPasswordFields idPrefix="change-password" errors={errors} />
        <div className="td-form__actions">
          <Button type="submit" loading={change.isPending} loadingLabel="Changing password…">
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
