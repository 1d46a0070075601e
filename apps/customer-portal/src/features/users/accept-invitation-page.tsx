import { useQueryClient } from "@tanstack/react-query";
import { IncompleteInvitationLink, parseWith, useFormMutation } from "@trustdesk/client";
import { AcceptInvitationInput } from "@trustdesk/domain";
import {
  Button,
  FormErrorBlock,
  type ParseResult,
  PasswordField,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "../auth/auth-page.tsx";

const FIELD_ORDER = ["name", "password", "confirmPassword"];

export function AcceptInvitationPage() {
  useDocumentTitle("Accept your invitation");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const accept = useFormMutation(
    trpc.customer.users.acceptInvitation.mutationOptions({
      onSuccess: async () => {
        // A new session: forget whatever the browser knew about a previous one.
        queryClient.removeQueries();
        await queryClient.fetchQuery(trpc.customer.auth.session.queryOptions());
        navigate("/", { replace: true });
      },
    }),
  );
  const { errors } = accept;

  if (!token) {
    return (
      <AuthPage title="This link is incomplete">
        <IncompleteInvitationLink whoToAsk="the person who invited you" />
      </AuthPage>
    );
  }

  const onSubmit = accept.handleSubmit((values): ParseResult<AcceptInvitationInput> => {
    const parsed = parseWith(AcceptInvitationInput, {
      token,
      name: values.name ?? "",
      password: values.password ?? "",
    });
    const fields = parsed.ok ? {} : { ...parsed.fields };
    if (!fields.password && values.confirmPassword !== values.password) {
      fields.confirmPassword = "The two passwords don't match";
    }
    // A malformed token is not something the person can fix in this form.
    const { token: tokenError, ...rest } = fields;
    if (parsed.ok && Object.keys(rest).length === 0) return parsed;
    return { ok: false, fields: rest, message: tokenError ? `${tokenError}.` : null };
  });

  return (
    <AuthPage
      title="Join your team's account"
      description="Choose the name your team will see and a password of at least 12 characters. You'll be signed in straight away."
      footer={
        <p>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </p>
      }
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Accept your invitation">
        <FormErrorBlock errors={errors} idPrefix="accept" order={FIELD_ORDER} />
        <TextField
          id="accept-name"
          name="name"
          label="Your name"
          autoComplete="name"
          required
          error={errors.fields.name}
        />
        <PasswordField
          id="accept-password"
          name="password"
          label="Password"
          autoComplete="new-password"
          hint="At least 12 characters. A few unrelated words make a strong, memorable password."
          required
          error={errors.fields.password}
        />
        <PasswordField
          id="accept-confirmPassword"
          name="confirmPassword"
          label="Confirm password"
          autoComplete="new-password"
          required
          error={errors.fields.confirmPassword}
        />
        <Button type="submit" size="lg" block loading={accept.isPending} loadingLabel="Joining…">
          Join and sign in
        </Button>
      </form>
    </AuthPage>
  );
}
