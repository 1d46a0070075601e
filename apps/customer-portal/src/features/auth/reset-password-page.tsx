import { parseWith, useFormMutation } from "@trustdesk/client";
import { ResetPasswordInput } from "@trustdesk/domain";
import {
  Button,
  buttonClassName,
  checkPasswordConfirmation,
  EmptyState,
  FormErrorBlock,
  NewPasswordFields,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";

export function ResetPasswordPage() {
  useDocumentTitle("Choose a new password");
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const reset = useFormMutation(
    trpc.customer.auth.resetPassword.mutationOptions({
      onSuccess: () => navigate("/sign-in", { replace: true, state: { notice: "password_reset" } }),
    }),
  );
  const { errors } = reset;

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

  const onSubmit = reset.handleSubmit((values) => {
    const parsed = checkPasswordConfirmation(
      parseWith(ResetPasswordInput, { token, newPassword: values.newPassword ?? "" }),
      values,
      "The two passwords don't match",
    );
    if (parsed.ok) return parsed;
    // A malformed token is not something the customer can fix in this form.
    const { token: tokenError, ...fields } = parsed.fields;
    return { ok: false, fields, message: tokenError ? `${tokenError}.` : null };
  });

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
        <NewPasswordFields idPrefix="reset" errors={errors} />
        <Button type="submit" size="lg" block loading={reset.isPending} loadingLabel="Saving…">
          Save new password
        </Button>
      </form>
    </AuthPage>
  );
}
