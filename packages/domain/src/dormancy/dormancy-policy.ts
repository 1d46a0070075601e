import { z } from "zod";
import { AccountPlan } from "../account/account.ts";

/**
 * The dormancy policy: after how many idle days an account of each plan is deactivated, when its
 * owner is warned before that, and the least notice anyone gets. Pure: the scan
 * (`@trustdesk/services` `src/dormancy/`) evaluates the same rule in set-based SQL, and its tests
 * compare the two account by account.
 *
 * Why these defaults (published policies of mail and cloud providers run from 90 days for free tiers
 * to 2 years for paid accounts):
 * - **free: 90 days.** A free account costs nothing to keep, and an idle one with a verified sender
 *   is what spammers buy or take over: the short end of the published range. Three months also
 *   covers a seasonal sender's quiet quarter only if they sign in once, which the warnings ask for.
 * - **essentials: 365 days, pro: 730 days.** A paid plan with an active subscription is a customer
 *   who pays to keep the account; a year (two for pro) covers annual sends (tax season, yearly
 *   renewals) and is the long end of the published range.
 * - **premier: never.** Contracted accounts with an account manager: inactivity is a conversation,
 *   not an automatic deactivation.
 * - **Warnings 30, 7 and 1 day(s) before**: a month to notice, a week's reminder, a last call.
 * - **At least 7 days' notice**: an account never warned (the first run over old accounts, or a
 *   shortened period) is warned first and deactivated no sooner than a week after that warning.
 *
 * A plan is treated as an active subscription when it is not `free`: the accounts table holds the
 * plan only (no billing state yet); when billing lands, a lapsed subscription should be scanned with
 * the free plan's period.
 */
export const DormancyPolicy = z
  .strictObject({
    /** Idle days before deactivation per plan; `null`: never deactivated for dormancy. */
    periodDays: z.record(
      AccountPlan,
      z
        .int("Dormancy periods are whole days")
        .min(30, "A dormancy period is at least 30 days")
        .max(3650, "A dormancy period is at most 3650 days")
        .nullable(),
    ),
    /** Days before deactivation at which the owner is warned, each once per idle period. */
    warningLeadDays: z
      .array(z.int("Lead times are whole days").min(1, "A lead time is at least 1 day").max(365))
      .min(1, "Give at least one warning lead time")
      .max(5, "At most 5 warning lead times")
      .refine((l) => new Set(l).size === l.length, "Lead times must differ"),
    /** Least days between the first warning of an idle period and the deactivation. */
    minimumNoticeDays: z.int("Notice is whole days").min(1, "Give at least 1 day of notice").max(365),
  })
  .superRefine((p, ctx) => {
    const longest = Math.max(...p.warningLeadDays);
    if (p.minimumNoticeDays > longest) {
      ctx.addIssue({
        code: "custom",
        path: ["minimumNoticeDays"],
        message: `The minimum notice (${p.minimumNoticeDays} days) cannot exceed the longest lead time (${longest} days)`,
      });
    }
    for (const plan of AccountPlan.options) {
      const period = p.periodDays[plan];
      if (period !== null && period <= longest) {
        ctx.addIssue({
          code: "custom",
          path: ["periodDays", plan],
          message: `The ${plan} period (${period} days) must be longer than the longest lead time (${longest} days)`,
        });
      }
    }
  });
export type DormancyPolicy = z.infer<typeof DormancyPolicy>;

export const DEFAULT_DORMANCY_POLICY: DormancyPolicy = {
  periodDays: { free: 90, essentials: 365, pro: 730, premier: null },
  warningLeadDays: [30, 7, 1],
  minimumNoticeDays: 7,
};

/** What the scan knows of one account on the scan's day. Days are ISO dates (UTC). */
export interface DormancyFacts {
  plan: AccountPlan;
  closed: boolean;
  /** Any active enforcement (a dormant account's own, or another reason's restriction). */
  restricted: boolean;
  /** Last day with mail sent, an API call or a sign-in of one of its users; null: never. */
  lastActivityDay: string | null;
  createdDay: string;
  /** The last day a dormancy deactivation of this account was lifted, if ever. */
  lastReactivationDay: string | null;
  /** Warnings already sent for the current idle period (see `idleSince`). */
  warningsSent: ReadonlyArray<{ leadDays: number; sentOn: string }>;
}

export type DormancyAction =
  | { kind: "exempt"; why: "closed" | "restricted" | "plan" }
  | { kind: "active"; idleSince: string; deactivateOn: string }
  | { kind: "warn"; idleSince: string; deactivateOn: string; leadDays: number }
  /** Due and warned, but this period's warning for this lead time was already sent. */
  | { kind: "warned"; idleSince: string; deactivateOn: string }
  | { kind: "deactivate"; idleSince: string; deactivateOn: string };

const DAY_MS = 86_400_000;
export const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The idle period starts at the last activity, the account's creation or its last reactivation,
 * whichever is latest: a reactivated account is not deactivated again the next morning. Activity
 * moves it, so warnings of an earlier period no longer count: activity cancels them.
 */
export function idleSince(f: Pick<DormancyFacts, "lastActivityDay" | "createdDay" | "lastReactivationDay">) {
  return [f.lastActivityDay, f.createdDay, f.lastReactivationDay]
    .filter((d): d is string => d !== null)
    .toSorted()
    .at(-1) as string;
}

/** What the scan does to one account on `asOfDay`. */
export function dormancyAction(policy: DormancyPolicy, f: DormancyFacts, asOfDay: string): DormancyAction {
  if (f.closed) return { kind: "exempt", why: "closed" };
  if (f.restricted) return { kind: "exempt", why: "restricted" };
  const period = policy.periodDays[f.plan];
  if (period === null) return { kind: "exempt", why: "plan" };
  const since = idleSince(f);
  const asOf = dayNumber(asOfDay);
  const due = dayNumber(since) + period;
  // The first warning of this period (or today's, if none yet) starts the minimum notice.
  const firstWarned = f.warningsSent.length
    ? Math.min(...f.warningsSent.map((w) => dayNumber(w.sentOn)))
    : asOf;
  const deactivateOnNumber = Math.max(due, firstWarned + policy.minimumNoticeDays);
  const deactivateOn = dayString(deactivateOnNumber);
  const daysLeft = deactivateOnNumber - asOf;
  if (f.warningsSent.length > 0 && daysLeft <= 0)
    return { kind: "deactivate", idleSince: since, deactivateOn };
  // The most urgent lead time that has come: 25 days left with leads 30/7/1 is the 30-day warning.
  const lead = warningLeadFor(policy, daysLeft);
  if (lead === null) return { kind: "active", idleSince: since, deactivateOn };
  if (f.warningsSent.some((w) => w.leadDays === lead))
    return { kind: "warned", idleSince: since, deactivateOn };
  return { kind: "warn", idleSince: since, deactivateOn, leadDays: lead };
}

/** The smallest lead time at least `daysLeft`; null when no warning is due yet. */
export function warningLeadFor(policy: DormancyPolicy, daysLeft: number): number | null {
  const due = policy.warningLeadDays.filter((l) => l >= daysLeft);
  return due.length ? Math.min(...due) : null;
}
