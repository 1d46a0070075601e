import { parseWith, useFormMutation } from "@trustdesk/client";
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
import { useTRPC } from "../../lib/trpc.ts";

const ORDER = ["currentPassword", "newPassword", "confirmPassword"];

export function ChangePasswordCard() {
  const trpc = useTRPC();
  const change = useFormMutation(trpc.customer.auth.changePassword.mutationOptions());
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
    <Card
      title="Password"
      description="Use at least 12 characters. A password you don't use anywhere else keeps this account safe if another site leaks."
    >
      <form className="td-form security-form" noValidate onSubmit={onSubmit} aria-label="Change password">
        {change.isSuccess ? (
          <Alert tone="success" live="polite">
            Your password was changed.
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
