import { useQuery, useQueryClient } from "@tanstack/react-query";
import { IncompleteInvitationLink, parseWith, QueryError, useFormMutation } from "@trustdesk/client";
import { AcceptStaffInvitationInput } from "@trustdesk/domain";
import {
  Button,
  checkPasswordConfirmation,
  FormErrorBlock,
  LoadingState,
  NewPasswordFields,
  type ParseResult,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { Link, useNavigate, useSearchParams } from "react-router";
import { formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "../auth/auth-page.tsx";
import { staffRoleLabel } from "../layout/staff-role.ts";

const FIELD_ORDER = ["name", "newPassword", "confirmPassword"];

/**
 * The link of a staff invitation (public): who invited whom as what, then name and password. The
 * answer is a session that may only enrol TOTP, so the sign-in page's enrolment step takes over.
 */
export function AcceptInvitationPage() {
  useDocumentTitle("Join the Trustdesk team");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
    return (
      <AuthPage title="This link is incomplete">
        <IncompleteInvitationLink whoToAsk="an admin of your team" />
      </AuthPage>
    );
  }
  return <InvitationForm token={token} />;
}

function InvitationForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const invitation = useQuery({ ...trpc.staff.invitation.describe.queryOptions({ token }), retry: false });
  const accept = useFormMutation(
    trpc.staff.invitation.accept.mutationOptions({
      onSuccess: async () => {
        // A new session: forget whatever the browser knew about a previous one.
        queryClient.removeQueries();
        await queryClient.fetchQuery(trpc.staff.auth.session.queryOptions());
        // The sign-in page resumes at the session's stage: setting up the authenticator.
        navigate("/sign-in", { replace: true });
      },
    }),
  );
  const { errors } = accept;

  if (invitation.isPending) return <LoadingState fullPage label="Opening your invitation…" />;
  if (invitation.isError) {
    return (
      <AuthPage title="This invitation can't be used">
        <QueryError title="We couldn't open this invitation" query={invitation} />
        <p className="td-text-muted">
          <Link to="/sign-in">Go to sign-in</Link> if you already set up your account.
        </p>
      </AuthPage>
    );
  }

  const onSubmit = accept.handleSubmit((values): ParseResult<AcceptStaffInvitationInput> => {
    const parsed = parseWith(AcceptStaffInvitationInput, {
      token,
      name: values.name ?? "",
      password: values.newPassword ?? "",
    });
    // The schema says `password`; the shared fields say `newPassword`.
    const mapped: ParseResult<AcceptStaffInvitationInput> = parsed.ok
      ? parsed
      : {
          ok: false,
          fields: Object.fromEntries(
            Object.entries(parsed.fields).map(([k, v]) => [k === "password" ? "newPassword" : k, v]),
          ),
        };
    return checkPasswordConfirmation(mapped, values, "The two passwords don't match");
  });

  const { email, role, invitedBy, name, expiresAt } = invitation.data;
  return (
    <AuthPage
      title="Join the Trustdesk team"
      description={`${invitedBy ?? "An administrator"} invited ${email} as ${staffRoleLabel(role).toLowerCase()}. Choose your name and a password of at least 12 characters; next you set up an authenticator app. This link works until ${formatDateTime(String(expiresAt))}.`}
      footer={
        <p>
          Already set up? <Link to="/sign-in">Sign in</Link>
        </p>
      }
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Accept your invitation">
        <FormErrorBlock errors={errors} idPrefix="accept" order={FIELD_ORDER} />
        <TextField
          id="accept-name"
          name="name"
          label="Your name"
          hint="Your colleagues see it beside everything you do."
          autoComplete="name"
          defaultValue={name ?? ""}
          required
          error={errors.fields.name}
        />
        <NewPasswordFields idPrefix="accept" errors={errors} />
        <Button type="submit" size="lg" block loading={accept.isPending} loadingLabel="Setting up…">
          Set password and continue
        </Button>
      </form>
    </AuthPage>
  );
}
