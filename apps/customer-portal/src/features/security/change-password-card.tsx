import { useMutation } from "@tanstack/react-query";
import { toFailedSubmit } from "@trustdesk/client";
import { ChangePasswordInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  clearedErrors,
  clientErrors,
  FormErrorBlock,
  NO_FORM_ERRORS,
  PasswordField,
  parseWith,
  readForm,
  submitErrors,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";

const ORDER = ["currentPassword", "newPassword", "confirmPassword"];

export function ChangePasswordCard() {
  const trpc = useTRPC();
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const change = useMutation(
    trpc.customer.auth.changePassword.mutationOptions({
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    const form = event.currentTarget;
    const values = readForm(form);
    const parsed = parseWith(ChangePasswordInput, values);
    const fields = parsed.ok ? {} : { ...parsed.fields };
    if (!fields.newPassword && values.newPassword !== values.confirmPassword) {
      fields.confirmPassword = "The two new passwords don't match";
    }
    if (!parsed.ok || Object.keys(fields).length > 0) {
      setErrors((prev) => clientErrors(prev, fields));
      return;
    }
    setErrors((prev) => clearedErrors(prev));
    change.mutate(parsed.data, { onSuccess: () => form.reset() });
  };

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
        <PasswordField
          id="change-password-newPassword"
          name="newPassword"
          label="New password"
          autoComplete="new-password"
          required
          error={errors.fields.newPassword}
        />
        <PasswordField
          id="change-password-confirmPassword"
          name="confirmPassword"
          label="Confirm new password"
          autoComplete="new-password"
          required
          error={errors.fields.confirmPassword}
        />
        <div className="td-form__actions">
          <Button type="submit" loading={change.isPending} loadingLabel="Changing password…">
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
