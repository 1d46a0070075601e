import { buttonClassName, EmptyState } from "@trustdesk/ui";
import { Link } from "react-router";

/**
 * An invitation link that lost its token (cut by a mail client, half copied): what to do instead,
 * and the way to sign-in. `whoToAsk` names who can send a new invitation.
 */
export function IncompleteInvitationLink({ whoToAsk }: { whoToAsk: string }) {
  return (
    <EmptyState
      icon="key"
      title="No invitation in this link"
      description={`Open the link from the invitation email again, or copy the whole address into your browser. If it still doesn't work, ask ${whoToAsk} for a new invitation.`}
      action={
        <Link className={buttonClassName({ variant: "primary" })} to="/sign-in">
          Go to sign-in
        </Link>
      }
    />
  );
}
