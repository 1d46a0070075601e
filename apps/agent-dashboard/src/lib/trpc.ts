import { createTRPCContext, type inferOutput, type TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@trustdesk/trpc";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type Api = TRPCOptionsProxy<AppRouter>;
export type StaffSession = NonNullable<inferOutput<Api["staff"]["auth"]["session"]>>;
export type QueueTicket = inferOutput<Api["staff"]["queue"]["list"]>[number];
export type TotpEnrolment = inferOutput<Api["staff"]["auth"]["beginTotpEnrolment"]>;

/** tRPC query keys start with the procedure path; a prefix match covers every input. */
export const SESSION_QUERY_KEY = [["staff", "auth", "session"]] as const;
