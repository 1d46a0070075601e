import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { customerAccountRouter } from "./routers/customer/account-router.ts";
import { customerAccountUsersRouter } from "./routers/customer/account-users-router.ts";
import { customerApiKeysRouter } from "./routers/customer/api-keys-router.ts";
import { customerAuthRouter } from "./routers/customer/auth-router.ts";
import { customerSessionsRouter } from "./routers/customer/sessions-router.ts";
import { customerTicketsRouter } from "./routers/customer/tickets-router.ts";
import { staffAccountsRouter } from "./routers/staff/accounts-router.ts";
import { staffAuditRouter } from "./routers/staff/audit-router.ts";
import { staffAuthRouter } from "./routers/staff/auth-router.ts";
import { staffCasesRouter } from "./routers/staff/cases-router.ts";
import { staffEnforcementsRouter } from "./routers/staff/enforcements-router.ts";
import { staffMailRouter } from "./routers/staff/mail-router.ts";
import { staffMetricsRouter } from "./routers/staff/metrics-router.ts";
import { staffQueueRouter } from "./routers/staff/queue-router.ts";
import { staffAdminRouter } from "./routers/staff/staff-admin-router.ts";
import { staffInvitationRouter } from "./routers/staff/staff-invitation-router.ts";
import { staffMeRouter } from "./routers/staff/staff-me-router.ts";
import { staffTicketsRouter } from "./routers/staff/tickets-router.ts";
import { staffVettingPolicyRouter } from "./routers/staff/vetting-policy-router.ts";
import { createCallerFactory, router } from "./trpc.ts";

/** One router for both apps; each realm under its own key, each with its own session cookie. */
export const appRouter = router({
  customer: router({
    auth: customerAuthRouter,
    account: customerAccountRouter,
    tickets: customerTicketsRouter,
    apiKeys: customerApiKeysRouter,
    sessions: customerSessionsRouter,
    users: customerAccountUsersRouter,
  }),
  staff: router({
    auth: staffAuthRouter,
    queue: staffQueueRouter,
    tickets: staffTicketsRouter,
    accounts: staffAccountsRouter,
    enforcements: staffEnforcementsRouter,
    cases: staffCasesRouter,
    audit: staffAuditRouter,
    staffAdmin: staffAdminRouter,
    invitation: staffInvitationRouter,
    me: staffMeRouter,
    mail: staffMailRouter,
    vettingPolicy: staffVettingPolicyRouter,
    metrics: staffMetricsRouter,
  }),
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
