import {
  CreatePolicyDraftInput,
  PolicyDraftRef,
  PolicyVersionNumber,
  ReplayPolicyDraftInput,
  UpdatePolicyDraftInput,
} from "@trustdesk/domain";
import {
  createPolicyDraft,
  discardPolicyDraft,
  getPolicyVersion,
  listPolicyVersions,
  publishPolicyVersion,
  replayPolicyDraft,
  updatePolicyDraft,
} from "@trustdesk/services";
import { z } from "zod";
import { staffActor } from "../../staff-actor.ts";
import { router, staffProcedure } from "../../trpc.ts";

/**
 * The vetting policy's versions. Reading is open to everyone who reviews sign-ups (`vetting.review`):
 * an agent deciding a sign-up in review needs the weights and thresholds behind its score, and
 * nothing in the policy is secret from the team. Changing it (draft, edit, replay, publish) is
 * `vetting.policy.manage` (admins): a weight moves every future sign-up.
 */
export const staffVettingPolicyRouter = router({
  versions: staffProcedure("vetting.review").query(({ ctx }) => listPolicyVersions(ctx.deps)),

  /** One version with its rules; without a version, the active one. */
  version: staffProcedure("vetting.review")
    .input(z.object({ version: PolicyVersionNumber.optional() }))
    .query(({ ctx, input }) => getPolicyVersion(ctx.deps, input.version ?? "active")),

  createDraft: staffProcedure("vetting.policy.manage")
    .input(CreatePolicyDraftInput)
    .mutation(({ ctx, input }) => createPolicyDraft(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  updateDraft: staffProcedure("vetting.policy.manage")
    .input(UpdatePolicyDraftInput)
    .mutation(({ ctx, input }) => updatePolicyDraft(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  discardDraft: staffProcedure("vetting.policy.manage")
    .input(PolicyDraftRef)
    .mutation(({ ctx, input }) => discardPolicyDraft(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),

  /** A read, but only of use to (and only as costly as it should be for) the people who edit. */
  replay: staffProcedure("vetting.policy.manage")
    .input(ReplayPolicyDraftInput)
    .query(({ ctx, input }) => replayPolicyDraft(ctx.deps, input)),

  publish: staffProcedure("vetting.policy.manage")
    .input(PolicyDraftRef)
    .mutation(({ ctx, input }) => publishPolicyVersion(ctx.deps, staffActor(ctx.staff), ctx.meta, input)),
});
