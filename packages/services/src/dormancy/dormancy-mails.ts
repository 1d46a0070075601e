import type { OutboxMail } from "@trustdesk/db";

/**
 * The dormancy scan's two mails (beside the other templates in `mail/templates.ts`, kept here so
 * the scan is one folder). Plain text, no tracking; dates are UTC days, written out. Without the
 * recipient: the scan's statement joins each account's owner when it writes the outbox rows.
 */
const SIGNATURE =
  "\n\n— The Consumer Trust team\nWe answer tickets within 24–48 hours. We do not offer chat.";

// One formatter for every mail: building one per call costs more than the rest of the mail.
const LONG_DAY = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const longDay = (day: string) => LONG_DAY.format(new Date(`${day}T00:00:00Z`));

const idleText = (lastActivityDay: string | null) =>
  lastActivityDay
    ? `has not sent mail, called the API or been signed in to since ${longDay(lastActivityDay)}`
    : "has not sent mail, called the API or been signed in to since it was created";

export type DormancyMail = Omit<OutboxMail, "to">;

export function dormancyWarningMail(
  account: { name: string; lastActivityDay: string | null; deactivateOn: string; leadDays: number },
  portalUrl: string,
): DormancyMail {
  const when = account.leadDays === 1 ? "tomorrow" : `on ${longDay(account.deactivateOn)}`;
  return {
    template: "dormancy_warning",
    subject: `Your account "${account.name}" will be deactivated ${when} unless it is used`,
    text: `Your account "${account.name}" ${idleText(account.lastActivityDay)}. Idle accounts are deactivated to protect them (an unused account with a verified sender is a target for takeover), and yours will be ${account.leadDays === 1 ? `deactivated tomorrow, ${longDay(account.deactivateOn)}` : `deactivated on ${longDay(account.deactivateOn)}`}.\n\nTo keep it, sign in at ${portalUrl} before then — that is enough. Sending mail or calling the API counts too. If you no longer need the account, you don't need to do anything.${SIGNATURE}`,
  };
}

export function dormancyDeactivatedMail(
  account: { name: string; lastActivityDay: string | null },
  portalUrl: string,
): DormancyMail {
  return {
    template: "dormancy_deactivated",
    subject: `Your account "${account.name}" was deactivated after a long time without use`,
    text: `Your account "${account.name}" ${idleText(account.lastActivityDay)}, so we deactivated it as we told you we would: it cannot send mail or use the API until it is reactivated. Nothing was deleted.\n\nTo reactivate it, sign in at ${portalUrl} (you still can) and open a "Dormant account" ticket: tell us what you will send and to whom, about how many emails a month, and from which domains. An agent reviews the request — they may check your details as for a new sign-up — and answers on the ticket within 24–48 hours.${SIGNATURE}`,
  };
}
