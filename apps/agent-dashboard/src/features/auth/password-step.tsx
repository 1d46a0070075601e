import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toFailedSubmit } from "@trustdesk/client";
import { SignInInput } from "@trustdesk/domain";
import {
  Alert,
  Button,
  clearedErrors,
  clientErrors,
  FormErrorBlock,
  NO_FORM_ERRORS,
  PasswordField,
  parseWith,
  readForm,
  submitErrors,
  TextField,
  useDocumentTitle,
} from "@trustdesk/ui";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";

export function PasswordStep({ notice }: { notice: string | null }) {
  useDocumentTitle("Staff sign in");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState(NO_FORM_ERRORS);
  const signIn = useMutation(
    trpc.staff.auth.signIn.mutationOptions({
      // The session now says which second step is owed; the page follows it.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staff.auth.session.queryKey() }),
      onError: (error) => setErrors((prev) => submitErrors(prev, toFailedSubmit(error))),
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const parsed = parseWith(SignInInput, readForm(event.currentTarget));
    if (!parsed.ok) {
      setErrors((prev) => clientErrors(prev, parsed.fields));
      return;
    }
    setErrors(clearedErrors);
    signIn.mutate(parsed.data);
  };

  return (
    <AuthPage
      title="Staff sign in"
      description="For the Consumer Trust, Fraud and Security teams. Two-step verification is required."
      notice={
        notice ? (
          <Alert tone="success" live="polite">
            {notice}
          </Alert>
        ) : null
      }
      footer={
        <p>
          Lost access to your authenticator and recovery codes? Ask an admin to reset your two-step
          verification.
        </p>
      }
    >
      <form className="td-form" noValidate onSubmit={onSubmit} aria-label="Staff sign in">
        <FormErrorBlock errors={errors} idPrefix="staff-sign-in" order={["email", "password"]} />
        <TextField
          id="staff-sign-in-email"
          name="email"
          type="email"
          label="Work email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          error={errors.fields.email}
        />
        <PasswordField
          id="staff-sign-in-password"
          name="password"
          label="Password"
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <Button type="submit" size="lg" block loading={signIn.isPending} loadingLabel="Signing in…">
          Continue
        </Button>
      </form>
    </AuthPage>
  );
}
