import { ConfirmTotpInput, SecondFactorInput, SignInInput } from "@trustdesk/domain";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  describeStaffSession,
  resolveSession,
  signIn,
  signOut,
  verifySecondFactor,
} from "@trustdesk/services";
import { publicProcedure, router, staffSessionProcedure } from "../../trpc.ts";

export const staffAuthRouter = router({
  session: publicProcedure.query(async ({ ctx }) => {
    const session = await resolveSession(ctx.deps, "staff", ctx.cookies.read("staff"));
    return session ? describeStaffSession(ctx.deps, session) : null;
  }),

  /** Password step; staff always continue with a TOTP code, or enrol one on their first sign-in. */
  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const previous = await resolveSession(ctx.deps, "staff", ctx.cookies.read("staff"));
    const issued = await signIn(ctx.deps, ctx.meta, "staff", input, previous?.id ?? null);
    // Takeover recovery is a customer matter; a staff sign-in always yields a session.
    if (!("token" in issued)) throw new Error("staff sign-in cannot be diverted to takeover recovery");
    ctx.cookies.write("staff", issued.token, issued.expiresAt);
    return { stage: issued.stage as "second_factor" | "totp_enrolment" };
  }),

  beginTotpEnrolment: staffSessionProcedure.mutation(({ ctx }) =>
    beginTotpEnrolment(ctx.deps, ctx.meta, ctx.session),
  ),

  confirmTotpEnrolment: staffSessionProcedure.input(ConfirmTotpInput).mutation(async ({ ctx, input }) => {
    const { recoveryCodes, newSession } = await confirmTotpEnrolment(
      ctx.deps,
      ctx.meta,
      ctx.session,
      input.code,
    );
    if (newSession) ctx.cookies.write("staff", newSession.token, newSession.expiresAt);
    return { recoveryCodes };
  }),

  verifySecondFactor: staffSessionProcedure.input(SecondFactorInput).mutation(async ({ ctx, input }) => {
    const issued = await verifySecondFactor(ctx.deps, ctx.meta, ctx.session, input);
    if (!("token" in issued)) throw new Error("staff sign-in cannot be diverted to takeover recovery");
    ctx.cookies.write("staff", issued.token, issued.expiresAt);
    return { stage: "full" as const };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    const session = await resolveSession(ctx.deps, "staff", ctx.cookies.read("staff"));
    if (session) await signOut(ctx.deps, ctx.meta, session);
    ctx.cookies.clear("staff");
    return { ok: true as const };
  }),
});
