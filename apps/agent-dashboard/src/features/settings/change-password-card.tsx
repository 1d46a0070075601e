import { ChangePasswordCard as SharedChangePasswordCard } from "@trustdesk/client";
import { useTRPC } from "../../lib/trpc.ts";

/** A staff member's own password (`staff.me.changePassword`): the other sessions end with it. */
export function ChangePasswordCard() {
  const trpc = useTRPC();
  return (
    <SharedChangePasswordCard
      mutationOptions={trpc.staff.me.changePassword.mutationOptions()}
      description="At least 12 characters; a few unrelated words make a strong one. Changing it signs you out everywhere else."
      changedMessage="Your password was changed. Your other sessions were signed out."
      formClassName="settings-form"
    />
  );
}
