import { useQueryClient } from "@tanstack/react-query";
import { parseWith, useFormMutation } from "@trustdesk/client";
import { ConfirmSignUpInput } from "@trustdesk/domain";
import { Button, buttonClassName, EmptyState, FormErrorBlock, useDocumentTitle } from "@trustdesk/ui";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";

/**
 * The page the sign-up mail links to. The account is created by pressing the button, never by
 * loading the page: mail scanners open links, and must not create accounts or use the link up.
 */
export function ConfirmSignUpPage() {
  useDocumentTitle("Finish creating your account");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const confirm = useFormMutation(
    trpc.customer.auth.confirmSignUp.mutationOptions({
      onSuccess: async (newSession) => {
        if (newSession) queryClient.setQueryData(trpc.customer.auth.session.queryKey(), newSession);
        else await queryClient.invalidateQueries({ queryKey: trpc.customer.auth.session.queryKey() });
        navigate("/", { replace: true });
      },
    }),
  );

  if (!token) {
    return (
      <AuthPage title="This link is incomplete">
        <EmptyState
          icon="key"
          title="No sign-up token in this link"
          description="Open the link from the email again, or copy the whole address into your browser. You can also sign up again."
          action={
            <Link className={buttonClassName({ variant: "primary" })} to="/sign-up">
              Sign up again
            </Link>
          }
        />
      </AuthPage>
    );
  }

  const onSubmit = confirm.handleSubmit(() => {
    const parsed = parseWith(ConfirmSignUpInput, { token });
    if (parsed.ok) return parsed;
    return { ok: false, fields: {}, message: `${parsed.fields.token ?? "This link is malformed"}.` };
  });

  return (
    <AuthPage
      title="Finish creating your account"
      description="Your email address is confirmed by this link. Create the account and sign in."
      footer={
        <p>
          Already created it? <Link to="/sign-in">Sign in</Link>
        </p>
      }
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Finish creating your account">
        <FormErrorBlock errors={confirm.errors} idPrefix="confirm-sign-up" />
        <Button
          type="submit"
          size="lg"
          block
          loading={confirm.isPending}
          loadingLabel="Creating your account…"
        >
          Create my account
        </Button>
      </form>
    </AuthPage>
  );
}
