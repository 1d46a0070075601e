import { useQueryClient } from "@tanstack/react-query";
import { useSecondFactorForm } from "@trustdesk/client";
import { SecondFactorForm, useDocumentTitle } from "@trustdesk/ui";
import { useTRPC } from "../../lib/trpc.ts";
import { AuthPage } from "./auth-page.tsx";
import { useStartOver } from "./use-start-over.ts";

export function VerifyStep() {
  useDocumentTitle("Two-step verification");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const startOver = useStartOver();
  const secondFactor = useSecondFactorForm(
    trpc.staff.auth.verifySecondFactor.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staff.auth.session.queryKey() }),
    }),
  );

  return (
    <AuthPage
      title="Two-step verification"
      description={
        secondFactor.mode === "code"
          ? "Enter the 6-digit code from your authenticator app."
          : "Enter one of the recovery codes you saved when you set up two-step verification."
      }
    >
      <SecondFactorForm
        {...secondFactor.formProps}
        idPrefix="staff-verify"
        submitLabel="Verify and continue"
        codeHint="The code changes every 30 seconds."
        recoveryCodeHint="Looks like abcde-12345. Each code works once."
        onStartOver={() => startOver.mutate()}
        startingOver={startOver.isPending}
      />
    </AuthPage>
  );
}
