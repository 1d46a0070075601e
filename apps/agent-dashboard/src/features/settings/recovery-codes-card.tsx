import { parseTotpCode, useFormMutation } from "@trustdesk/client";
import { Alert, Button, Card, FormErrorBlock, OneTimeCodes, TextField } from "@trustdesk/ui";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * New recovery codes, after a current code from the authenticator: the codes stand in for the
 * authenticator, so making them asks for proof of holding it (the service explains more).
 */
export function RecoveryCodesCard() {
  const trpc = useTRPC();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const regenerate = useFormMutation(
    trpc.staff.me.regenerateRecoveryCodes.mutationOptions({
      onSuccess: (result) => {
        setSaved(false);
        setCodes(result.recoveryCodes);
      },
    }),
  );
  const onSubmit = regenerate.handleSubmit(parseTotpCode, (_input, form) => ({
    onSuccess: () => form.reset(),
  }));

  return (
    <Card
      title="Recovery codes"
      description="Each code signs you in once if you lose your authenticator. Making new ones ends the old ones."
    >
      {codes ? (
        <OneTimeCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            setSaved(true);
          }}
          doneLabel="I saved them"
          fileName="trustdesk-staff-recovery-codes.txt"
          heading="Trustdesk staff recovery codes"
        />
      ) : (
        <form
          className="td-form settings-form"
          noValidate
          onSubmit={onSubmit}
          aria-label="Make new recovery codes"
        >
          {saved ? (
            <Alert tone="success" live="polite">
              Your new recovery codes are in use; the old ones no longer work.
            </Alert>
          ) : null}
          <FormErrorBlock errors={regenerate.errors} idPrefix="recovery" order={["code"]} />
          <TextField
            id="recovery-code"
            name="code"
            label="Authentication code"
            hint="The 6-digit code your authenticator app shows now."
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            error={regenerate.errors.fields.code}
          />
          <div className="td-form__actions">
            <Button
              type="submit"
              variant="secondary"
              loading={regenerate.isPending}
              loadingLabel="Making codes…"
            >
              Make new recovery codes
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
