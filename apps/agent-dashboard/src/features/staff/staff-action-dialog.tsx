import { useQueryClient } from "@tanstack/react-query";
import { parseWith, toDialogError, useFormMutation } from "@trustdesk/client";
import { ChangeStaffRoleInput, StaffRole } from "@trustdesk/domain";
import { ConfirmDialog, FormDialog, SelectField } from "@trustdesk/ui";
import type { ReactNode } from "react";
import { type StaffInvitation, type StaffMember, useTRPC } from "../../lib/trpc.ts";
import { staffRoleLabel } from "../layout/staff-role.ts";
import { ROLE_HINTS } from "./staff-labels.ts";

export type StaffAction =
  | { kind: "changeRole" | "deactivate" | "reactivate" | "resetTwoFactor"; member: StaffMember }
  | { kind: "revokeInvitation"; invitation: StaffInvitation };

interface Props {
  action: StaffAction;
  onCancel: () => void;
  /** Called with the sentence to show once the change is made. */
  onDone: (notice: string) => void;
}

/** Every change to a colleague goes through a dialog that says what will happen, in words. */
export function StaffActionDialog({ action, onCancel, onDone }: Props) {
  if (action.kind === "changeRole")
    return <ChangeRoleDialog member={action.member} onCancel={onCancel} onDone={onDone} />;
  return <ConfirmActionDialog action={action} onCancel={onCancel} onDone={onDone} />;
}

function useInvalidateRoster() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.staff.staffAdmin.list.queryKey() });
}

function ChangeRoleDialog({
  member,
  onCancel,
  onDone,
}: {
  member: StaffMember;
  onCancel: () => void;
  onDone: (n: string) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRoster();
  const change = useFormMutation(trpc.staff.staffAdmin.changeRole.mutationOptions());
  const onSubmit = change.handleSubmit(
    (values) => parseWith(ChangeStaffRoleInput, { staffId: member.id, role: values.role }),
    (input) => ({
      onSuccess: async (result) => {
        await invalidate();
        onDone(
          result.changed
            ? `${member.name} is now ${staffRoleLabel(input.role).toLowerCase()}. It applies from their next click.`
            : `${member.name} already had that role; nothing changed.`,
        );
      },
    }),
  );
  return (
    <FormDialog
      title={`Change ${member.name}'s role`}
      description={`Currently ${staffRoleLabel(member.role).toLowerCase()}. What they can see and do changes at their next request; they are mailed about it.`}
      onClose={onCancel}
      formLabel={`Change ${member.name}'s role`}
      onSubmit={onSubmit}
      submitting={change.isPending}
      submitLabel="Change role"
      submittingLabel="Changing role…"
      errors={change.errors}
      idPrefix="change-role"
      errorOrder={["role"]}
    >
      <SelectField
        id="change-role-role"
        name="role"
        label="New role"
        defaultValue={member.role}
        error={change.errors.fields.role}
      >
        {StaffRole.options.map((role) => (
          <option key={role} value={role}>
            {ROLE_HINTS[role]}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}

function ConfirmActionDialog({
  action,
  onCancel,
  onDone,
}: {
  action: Exclude<StaffAction, { kind: "changeRole" }>;
  onCancel: () => void;
  onDone: (n: string) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRoster();
  const options = { onSuccess: () => invalidate() };
  const deactivate = useFormMutation(trpc.staff.staffAdmin.deactivate.mutationOptions(options));
  const reactivate = useFormMutation(trpc.staff.staffAdmin.reactivate.mutationOptions(options));
  const reset = useFormMutation(trpc.staff.staffAdmin.resetTwoFactor.mutationOptions(options));
  const revoke = useFormMutation(trpc.staff.staffAdmin.revokeInvitation.mutationOptions(options));

  let title: string;
  let body: ReactNode;
  let confirmLabel: string;
  let confirmingLabel: string;
  let tone: "danger" | "default" = "danger";
  let mutation: { isPending: boolean; isError: boolean; error: unknown };
  let run: () => void;

  if (action.kind === "revokeInvitation") {
    const { invitation } = action;
    title = `Revoke the invitation to ${invitation.email}?`;
    body = <p>The link in their email stops working at once. You can invite them again later.</p>;
    confirmLabel = "Revoke invitation";
    confirmingLabel = "Revoking…";
    mutation = revoke;
    run = () =>
      revoke.mutate(
        { invitationId: invitation.id },
        {
          onSuccess: () =>
            onDone(`The invitation to ${invitation.email} was revoked; its link no longer works.`),
        },
      );
  } else {
    const { member } = action;
    const you = member.isYou;
    if (action.kind === "deactivate") {
      title = you ? "Deactivate your own account?" : `Deactivate ${member.name}?`;
      body = (
        <p>
          {you ? "You are" : `${member.name} (${staffRoleLabel(member.role)}) is`} signed out everywhere at
          once and can't sign in until an admin reactivates the account. Their history — tickets, notes,
          decisions — stays, under their name. Invitations they sent that nobody accepted yet stop working.
        </p>
      );
      confirmLabel = "Deactivate";
      confirmingLabel = "Deactivating…";
      mutation = deactivate;
      run = () =>
        deactivate.mutate(
          { staffId: member.id },
          { onSuccess: () => onDone(`${member.name} was deactivated and signed out everywhere.`) },
        );
    } else if (action.kind === "reactivate") {
      title = `Reactivate ${member.name}?`;
      body = (
        <p>
          {member.name} can sign in again as {staffRoleLabel(member.role).toLowerCase()}, with their password
          and authenticator as before. If their device may be gone, reset their 2FA afterwards.
        </p>
      );
      confirmLabel = "Reactivate";
      confirmingLabel = "Reactivating…";
      tone = "default";
      mutation = reactivate;
      run = () =>
        reactivate.mutate(
          { staffId: member.id },
          { onSuccess: () => onDone(`${member.name} can sign in again.`) },
        );
    } else {
      title = you ? "Reset your own two-step verification?" : `Reset ${member.name}'s two-step verification?`;
      body = (
        <p>
          Their authenticator and recovery codes stop working and they are signed out everywhere at once. At
          their next sign-in, after the password, they set up an authenticator again. Do this only when you
          know it is them asking — say, on a call you placed.
        </p>
      );
      confirmLabel = "Reset 2FA";
      confirmingLabel = "Resetting…";
      mutation = reset;
      run = () =>
        reset.mutate(
          { staffId: member.id },
          {
            onSuccess: () =>
              onDone(
                `${member.name}'s two-step verification was reset; they set it up again at next sign-in.`,
              ),
          },
        );
    }
  }
  return (
    <ConfirmDialog
      title={title}
      tone={tone}
      confirmLabel={confirmLabel}
      confirmingLabel={confirmingLabel}
      confirming={mutation.isPending}
      onConfirm={run}
      onCancel={onCancel}
      error={toDialogError(mutation.error)}
    >
      {body}
    </ConfirmDialog>
  );
}
