import { useMutation } from "@tanstack/react-query";
import { toFailedSubmit } from "@trustdesk/client";
import { ResetPasswordInput } from "@trustdesk/domain";
import {
  Button,
  buttonClassName,
  clearedErrors,
  clientErrors,
  EmptyState,
  FormErrorBlock,
  NO_FORM_ERRORS,
  PasswordField,
  parseWith,
  readForm,
  submitErrors,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";

export function ResetPasswordPage() {
  useDocumentTitle("Choose a new password");
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const reset = useMutation(
    trpc.customer.auth.resetPassword.mutationOptions({
      onSuccess: () => navigate("/sign-in", { replace: true, state: { notice: "password_reset" } }),
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );

  if (!token) {
    return (
      <AuthPage title="This link is incomplete">
        <EmptyState
          icon="key"
          title="No reset token in this link"
          description="Open the link from the email again, or copy the whole address into your browser. You can also ask for a new link."
          action={
            <Link className={buttonClassName({ variant: "primary" })} to="/forgot-password">
              Request a new link
            </Link>
          }
        />
      </AuthPage>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reset.isPending) return;
    const values = readForm(event.currentTarget);
    const parsed = parseWith(ResetPasswordInput, { token, newPassword: values.newPassword ?? "" });
    const fields = parsed.ok ? {} : { ...parsed.fields };
    if (!fields.newPassword && values.confirmPassword !== values.newPassword) {
      fields.confirmPassword = "The two passwords don't match";
    }
    if (!parsed.ok || Object.keys(fields).length > 0) {
      // A malformed token is not something the customer can fix in this form.
      const message = fields.token ? `${fields.token}.` : null;
      delete fields.token;
      setErrors((prev) => ({ ...clientErrors(prev, fields), message }));
      return;
    }
    setErrors((prev) => clearedErrors(prev));
    reset.mutate(parsed.data);
  };

  return (
    <AuthPage
      title="Choose a new password"
      description="Use at least 12 characters. Once it is changed, sign in again with the new password."
      footer={
        <p>
          Link expired? <Link to="/forgot-password">Request a new one</Link>
        </p>
      }
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Choose a new password">
        <FormErrorBlock errors={errors} idPrefix="reset" order={["newPassword", "confirmPassword"]} />
        <PasswordField
          id="reset-newPassword"
          name="newPassword"
          label="New password"
          autoComplete="new-password"
          required
          error={errors.fields.newPassword}
        />
        <PasswordField
          id="reset-confirmPassword"
          name="confirmPassword"
          label="Confirm new password"
          autoComplete="new-password"
          required
          error={errors.fields.confirmPassword}
        />
        <Button type="submit" size="lg" block loading={reset.isPending} loadingLabel="Saving…">
          Save new password
        </Button>
      </form>
    </AuthPage>
  );
}
