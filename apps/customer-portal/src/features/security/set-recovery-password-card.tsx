import { parseWith, useFormMutation } from "@trustdesk/client";
import { SetRecoveryPasswordInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  Card,
  checkPasswordConfirmation,
  FormErrorBlock,
  NewPasswordFields,
} from "@trustdesk/ui";
import { useTRPC } from "../../lib/trpc.ts";

/** In a takeover recovery the current password is not asked: the recovery code proved who you are. */
export function SetRecoveryPasswordCard() {
  const trpc = useTRPC();
  const set = useFormMutation(trpc.customer.auth.setRecoveryPassword.mutationOptions());
  const { errors } = set;
  const onSubmit = set.handleSubmit(
    (values) =>
      checkPasswordConfirmation(
        parseWith(SetRecoveryPasswordInput, values),
        values,
        "The two new passwords don't match",
      ),
    (_input, form) => ({ onSuccess: () => form.reset() }),
  );
  return (
    <Card
      title="Set a new password"
      description="Whoever took over the account may know your old password. Choose a new one you don't use anywhere else: at least 12 characters."
    >
      <form className="td-form security-form" noValidate onSubmit={onSubmit} aria-label="Set a new password">
        {set.isSuccess ? (
          <Alert tone="success" live="polite">
            Your new password is set. Every other session of yours was signed out.
          </Alert>
        ) : null}
        <FormErrorBlock
          errors={errors}
          idPrefix="recovery-password"
          order={["newPassword", "confirmPassword"]}
        />
        <NewPasswordFields idPrefix="recovery-password" errors={errors} />
        <div className="td-form__actions">
          <Button type="submit" loading={set.isPending} loadingLabel="Setting password…">
            Set new password
          </Button>
        </div>
      </form>
    </Card>
  );
}
