import {
  CompromiseReportInput,
  DeclineLiftRequestInput,
  DormancyReviewDecision,
  ManualEnforcementInput,
  StaffNote,
  type StaffRef,
  VettingDecisionInput,
  WithdrawLiftRequestInput,
} from "@trustdesk/domain";
import {
  approveEnforcementLift,
  assessEnforcement,
  decideSignupVetting,
  declineLiftRequest,
  liftEnforcement,
  listPendingLiftApprovals,
  listVettingQueue,
  openManualEnforcement,
  reportCompromise,
  type StaffSessionActor,
  withdrawLiftRequest,
} from "@trustdesk/services";
import { z } from "zod";
import { staffActor } from "../../staff-actor.ts";
import { router, staffProcedure } from "../../trpc.ts";

const EnforcementId = z.uuid("Unknown enforcement");

const staffRef = (staff: StaffSessionActor): StaffRef => ({ staffId: staff.staffId, role: staff.role });

export const staffEnforcementsRouter = router({
  /** Where an enforcement stands against its reactivation requirements (agent and customer texts). */
  assess: staffProcedure("accounts.view")
    .input(z.object({ enforcementId: EnforcementId }))
    .query(({ ctx, input }) => assessEnforcement(ctx.deps, input.enforcementId, staffRef(ctx.staff))),

  pendingApprovals: staffProcedure("enforcement.lift").query(({ ctx }) => listPendingLiftApprovals(ctx.deps)),

  vettingQueue: staffProcedure("vetting.review").query(({ ctx }) => listVettingQueue(ctx.deps)),

  openManual: staffProcedure("enforcement.open")
    .input(ManualEnforcementInput)
    .mutation(({ ctx, input }) => openManualEnforcement(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  /** Lifts when the requirements are met; an account-takeover lift is recorded as a request awaiting a lead. */
  lift: staffProcedure("enforcement.lift")
    .input(
      z.object({
        enforcementId: EnforcementId,
        note: StaffNote.optional(),
        dormancyDecision: z.enum(DormancyReviewDecision).optional(),
      }),
    )
    .mutation(({ ctx, input }) => liftEnforcement(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  approveLift: staffProcedure("enforcement.approve_ato_lift")
    .input(z.object({ enforcementId: EnforcementId }))
    .mutation(({ ctx, input }) =>
      approveEnforcementLift(ctx.deps, staffActor(ctx.staff), ctx.meta, input.enforcementId),
    ),

  /** The requester takes their pending account-takeover lift request back. */
  withdrawLiftRequest: staffProcedure("enforcement.lift")
    .input(WithdrawLiftRequestInput)
    .mutation(({ ctx, input }) => withdrawLiftRequest(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  /** A lead turns a pending account-takeover lift request down, with a note for the requester. */
  declineLiftRequest: staffProcedure("enforcement.approve_ato_lift")
    .input(DeclineLiftRequestInput)
    .mutation(({ ctx, input }) => declineLiftRequest(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  reportCompromise: staffProcedure("compromise.report")
    .input(CompromiseReportInput)
    .mutation(({ ctx, input }) => reportCompromise(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  decideVetting: staffProcedure("vetting.review")
    .input(VettingDecisionInput)
    .mutation(({ ctx, input }) => decideSignupVetting(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
});
