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

/** The current password first: a session left open on someone's desk is not enough to change it. */
export function ChangePasswordCard() {
  const trpc = useTRPC();
  const change = useFormMutation(trpc.staff.me.changePassword.mutationOptions());
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
      description="At least 12 characters; a few unrelated words make a strong one. Changing it signs you out everywhere else."
    >
      <form className="td-form settings-form" noValidate onSubmit={onSubmit} aria-label="Change password">
        {change.isSuccess ? (
          <Alert tone="success" live="polite">
            Your password was changed. Your other sessions were signed out.
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
