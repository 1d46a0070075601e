import { ChangePasswordCard as SharedChangePasswordCard } from "@trustdesk/client";
import { useTRPC } from "../../lib/trpc.ts";

/** A customer's own password (`customer.auth.changePassword`). */
export function ChangePasswordCard() {
  const trpc = useTRPC();
  return (
    <SharedChangePasswordCard
      mutationOptions={trpc.customer.auth.changePassword.mutationOptions()}
      description="Use at least 12 characters. A password you don't use anywhere else keeps this account safe if another site leaks."
      changedMessage="Your password was changed."
      formClassName="security-form"
    />
  );
}
