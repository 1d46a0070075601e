import {
  createTRPCContext,
  type inferInput,
  type inferOutput,
  type TRPCOptionsProxy,
} from "@trpc/tanstack-react-query";
import type { AppRouter } from "@trustdesk/trpc";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type Api = TRPCOptionsProxy<AppRouter>;
export type StaffSession = NonNullable<inferOutput<Api["staff"]["auth"]["session"]>>;
export type QueuePage = inferOutput<Api["staff"]["queue"]["list"]>;
export type QueueTicket = QueuePage["rows"][number];
export type QueueCounts = inferOutput<Api["staff"]["queue"]["counts"]>;
export type TicketSearchPage = inferOutput<Api["staff"]["queue"]["search"]>;
export type TicketSearchRow = TicketSearchPage["rows"][number];
export type TotpEnrolment = inferOutput<Api["staff"]["auth"]["beginTotpEnrolment"]>;
export type MailDeliveryProblem = inferOutput<Api["staff"]["mail"]["problems"]>["problems"][number];

/** The metrics page's whole answer for a date range (`staff.metrics.overview`). */
export type TeamMetrics = inferOutput<Api["staff"]["metrics"]["overview"]>;
export type RecentlyRestrictedAccount = inferOutput<Api["staff"]["accounts"]["recentlyRestricted"]>[number];
export type AccountSearchResult = inferOutput<Api["staff"]["accounts"]["search"]>[number];
/** The account's whole trust picture (`staff.accounts.get`). */
export type StaffAccount = inferOutput<Api["staff"]["accounts"]["get"]>;
export type AccountEnforcement = StaffAccount["enforcements"][number];
export type AccountCase = StaffAccount["cases"][number];
export type AccountVettingDecision = StaffAccount["vetting"][number];
export type AccountApiKey = StaffAccount["apiKeys"][number];
export type AccountExposure = StaffAccount["exposures"][number];
export type AccountUser = StaffAccount["users"][number];
export type AccountActivityDay = StaffAccount["activity"][number];
export type AccountAuditEvent = StaffAccount["audit"][number];
export type VettingQueueEntry = inferOutput<Api["staff"]["enforcements"]["vettingQueue"]>[number];
export type PendingApproval = inferOutput<Api["staff"]["enforcements"]["pendingApprovals"]>[number];
/** What `staff.enforcements.lift` accepts, as the router declares it. */
export type LiftInput = inferInput<Api["staff"]["enforcements"]["lift"]>;
export type LiftOutcome = inferOutput<Api["staff"]["enforcements"]["lift"]>;
export type LiftRequestOutcome = inferOutput<Api["staff"]["enforcements"]["withdrawLiftRequest"]>;

/** tRPC query keys start with the procedure path; a prefix match covers every input. */
export const SESSION_QUERY_KEY = [["staff", "auth", "session"]] as const;

/** One ticket as agents work it (`staff.tickets.get`). */
export type StaffTicket = inferOutput<Api["staff"]["tickets"]["get"]>;
export type StaffTicketMessage = StaffTicket["messages"][number];
export type TicketAssignee = inferOutput<Api["staff"]["tickets"]["assignees"]>[number];
export type AccountTicket = StaffAccount["tickets"][number];

/** Cases and the audit log (`staff.cases`, `staff.audit`). */
export type CaseListPage = inferOutput<Api["staff"]["cases"]["list"]>;
export type CaseListRow = CaseListPage["cases"][number];
export type StaffCase = inferOutput<Api["staff"]["cases"]["get"]>;
export type AuditLogPage = inferOutput<Api["staff"]["audit"]["list"]>;
export type AuditEvent = AuditLogPage["events"][number];
/** The Staff page (`staff.staffAdmin.list`): colleagues and open invitations. */
export type StaffRoster = inferOutput<Api["staff"]["staffAdmin"]["list"]>;
export type StaffMember = StaffRoster["members"][number];
export type StaffInvitation = StaffRoster["invitations"][number];
export type OwnSession = inferOutput<Api["staff"]["me"]["sessions"]>[number];
/** The vetting policy's versions (`staff.vettingPolicy`). */
export type PolicyVersionSummary = inferOutput<Api["staff"]["vettingPolicy"]["versions"]>[number];
export type PolicyVersionDetail = inferOutput<Api["staff"]["vettingPolicy"]["version"]>;
export type PolicyReplay = inferOutput<Api["staff"]["vettingPolicy"]["replay"]>;
/** What `staff.vettingPolicy.updateDraft` accepts, as the router declares it. */
export type PolicyDraftUpdate = inferInput<Api["staff"]["vettingPolicy"]["updateDraft"]>;
