import type { ActionResult } from "./action-notice.tsx";

/** What every enforcement action dialog is told by the page that opens it. */
export interface ActionDialogProps {
  accountName: string;
  onClose: () => void;
  /** The action succeeded: the page closes the dialog and shows the result. */
  onDone: (result: ActionResult) => void;
}

/** An action on one account (restrict it, report its compromise, decide its sign-up). */
export interface AccountActionDialogProps extends ActionDialogProps {
  accountId: string;
}

/** An action on one enforcement (lift it, approve its lift). */
export interface EnforcementActionDialogProps extends ActionDialogProps {
  enforcementId: string;
}
