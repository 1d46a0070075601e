import { useMutation } from "@tanstack/react-query";
import { toApiError } from "@trustdesk/client";
import { ConfirmDialog } from "@trustdesk/ui";
import { type LiftOutcome, useTRPC } from "../../lib/trpc.ts";
import type { EnforcementActionDialogProps } from "./dialog-props.ts";
import { unmetRequirementsOf } from "./requirements.ts";
import { UnmetRequirements } from "./unmet-requirements.tsx";
import { useTrustActionDone } from "./use-refresh-trust-views.ts";

/** The lead's half of an account-takeover lift: a confirmation, because it restores access at once. */
export function ApproveLiftDialog({
  enforcementId,
  accountName,
  requestedBy,
  onClose,
  onDone,
}: EnforcementActionDialogProps & { requestedBy: string }) {
  const trpc = useTRPC();
  const onSuccess = useTrustActionDone(onDone, (outcome: LiftOutcome) =>
    outcome.status === "lifted"
      ? {
          tone: "success",
          title: "Lift approved",
          body: outcome.accountRestored
            ? `The takeover suspension of ${accountName} is lifted: sending and API access are restored.`
            : `The takeover suspension of ${accountName} is lifted; other restrictions still hold the account.`,
          outcome: "enforcement_lifted",
        }
      : { tone: "info", title: "Already lifted", body: "Someone approved this lift a moment ago." },
  );
  const approve = useMutation(trpc.staff.enforcements.approveLift.mutationOptions({ onSuccess }));
  const api = approve.isError ? toApiError(approve.error) : null;
  const unmet = unmetRequirementsOf(approve.error);

  return (
    <ConfirmDialog
      title={`Approve lifting the takeover suspension of ${accountName}?`}
      tone="danger"
      confirmLabel="Approve lift"
      confirmingLabel="Approving…"
      confirming={approve.isPending}
      onConfirm={() => approve.mutate({ enforcementId })}
      onCancel={onClose}
      error={
        api
          ? {
              message: unmet.length > 0 ? "Not every requirement is met any more" : api.message,
              requestId: api.kind === "unexpected" ? api.requestId : null,
              details: unmet.length > 0 ? <UnmetRequirements requirements={unmet} /> : null,
            }
          : null
      }
    >
      <p>
        Requested by <strong>{requestedBy}</strong>. Approving restores sending and API access as soon as no
        other restriction remains, and resolves the case.
      </p>
      <p>You are the second person: check the recovery checklist before you approve.</p>
    </ConfirmDialog>
  );
}
