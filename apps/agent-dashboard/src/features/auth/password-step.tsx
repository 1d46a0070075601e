import { useQueryClient } from "@tanstack/react-query";
import { parseWith, useFormMutation } from "@trustdesk/client";
import { SignInInput } from "@trustdesk/domain";
import { SignInForm, SuccessNotice, useDocumentTitle } from "@trustdesk/ui";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";

export function PasswordStep({ notice }: { notice: string | null }) {
  useDocumentTitle("Staff sign in");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signIn = useFormMutation(
    trpc.staff.auth.signIn.mutationOptions({
      // The session now says which second step is owed; the page follows it.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staff.auth.session.queryKey() }),
    }),
  );

  return (
    <AuthPage
      title="Staff sign in"
      description="For the Consumer Trust, Fraud and Security teams. Two-step verification is required."
      notice={<SuccessNotice>{notice}</SuccessNotice>}
      footer={
        <p>
          Lost access to your authenticator and recovery codes? Ask an admin to reset your two-step
          verification.
        </p>
      }
    >
      <SignInForm
        label="Staff sign in"
        idPrefix="staff-sign-in"
        emailLabel="Work email"
        submitLabel="Continue"
        errors={signIn.errors}
        onSubmit={signIn.handleSubmit((values) => parseWith(SignInInput, values))}
        submitting={signIn.isPending}
      />
    </AuthPage>
  );
}
