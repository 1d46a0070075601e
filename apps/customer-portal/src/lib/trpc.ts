import { createTRPCContext, type inferOutput, type TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@trustdesk/trpc";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type Api = TRPCOptionsProxy<AppRouter>;
export type CustomerSession = NonNullable<inferOutput<Api["customer"]["auth"]["session"]>>;
export type AccountOverview = inferOutput<Api["customer"]["account"]["overview"]>;
export type CustomerTicket = inferOutput<Api["customer"]["tickets"]["list"]>[number];
export type CustomerTicketDetail = inferOutput<Api["customer"]["tickets"]["get"]>;
export type CustomerApiKey = inferOutput<Api["customer"]["apiKeys"]["list"]>[number];
export type CreatedApiKey = inferOutput<Api["customer"]["apiKeys"]["create"]>;
export type CustomerSessionRow = inferOutput<Api["customer"]["sessions"]["list"]>[number];
export type AccountUsers = inferOutput<Api["customer"]["users"]["list"]>;
export type AccountUser = AccountUsers["users"][number];
export type AccountInvitation = AccountUsers["invitations"][number];
export type TotpEnrolment = inferOutput<Api["customer"]["auth"]["beginTotpEnrolment"]>;

/** tRPC query keys start with the procedure path; a prefix match covers every input. */
export const SESSION_QUERY_KEY = [["customer", "auth", "session"]] as const;
