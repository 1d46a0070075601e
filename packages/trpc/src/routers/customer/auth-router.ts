import {
  ChangePasswordInput,
  ConfirmSignUpInput,
  ConfirmTotpInput,
  CustomerSignUpInput,
  DisableTotpInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
  SecondFactorInput,
  SignInInput,
} from "@trustdesk/domain";
import {
  beginTotpEnrolment,
  changePassword,
  confirmSignUp,
  confirmTotpEnrolment,
  describeCustomerSession,
  disableTotp,
  requestPasswordReset,
  requestSignUp,
  resetPassword,
  resolveSession,
  signIn,
  signOut,
  verifySecondFactor,
} from "@trustdesk/services";
import { customerProcedure, customerSessionProcedure, publicProcedure, router } from "../../trpc.ts";

export const customerAuthRouter = router({
  /** The signed-in customer, or null: the SPA's first call. */
  session: publicProcedure.query(async ({ ctx }) => {
    const session = await resolveSession(ctx.deps, "customer", ctx.cookies.read("customer"));
    return session ? describeCustomerSession(ctx.deps, session) : null;
  }),

  /** The same answer for every address: the mail says what comes next (a link, or "you have an account"). */
  signUp: publicProcedure.input(CustomerSignUpInput).mutation(async ({ ctx, input }) => {
    await requestSignUp(ctx.deps, ctx.meta, input);
    return { status: "check_email" as const };
  }),

  /** The emailed link: creates the account and signs its owner in. */
  confirmSignUp: publicProcedure.input(ConfirmSignUpInput).mutation(async ({ ctx, input }) => {
    const previous = await resolveSession(ctx.deps, "customer", ctx.cookies.read("customer"));
    const issued = await confirmSignUp(ctx.deps, ctx.meta, input.token, previous?.id ?? null);
    ctx.cookies.write("customer", issued.token, issued.expiresAt);
    const session = await resolveSession(ctx.deps, "customer", issued.token);
    const described = session ? await describeCustomerSession(ctx.deps, session) : null;
    // Only the customer-safe summary of the vetting reaches the customer (never rules or weights).
    return described ? { ...described, vetting: issued.vetting } : null;
  }),

  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const previous = await resolveSession(ctx.deps, "customer", ctx.cookies.read("customer"));
    const issued = await signIn(ctx.deps, ctx.meta, "customer", input, previous?.id ?? null);
    ctx.cookies.write("customer", issued.token, issued.expiresAt);
    return issued.stage === "full"
      ? { status: "signed_in" as const }
      : { status: "second_factor_required" as const };
  }),

  verifySecondFactor: customerSessionProcedure.input(SecondFactorInput).mutation(async ({ ctx, input }) => {
    const issued = await verifySecondFactor(ctx.deps, ctx.meta, ctx.session, input);
    ctx.cookies.write("customer", issued.token, issued.expiresAt);
    return { status: "signed_in" as const };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    const session = await resolveSession(ctx.deps, "customer", ctx.cookies.read("customer"));
    if (session) await signOut(ctx.deps, ctx.meta, session);
    ctx.cookies.clear("customer");
    return { ok: true as const };
  }),

  requestPasswordReset: publicProcedure.input(RequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx.deps, ctx.meta, input.email);
    return { ok: true as const };
  }),

  resetPassword: publicProcedure.input(ResetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.deps, ctx.meta, input);
    ctx.cookies.clear("customer");
    return { ok: true as const };
  }),

  changePassword: customerProcedure.input(ChangePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.deps, ctx.meta, ctx.session, input);
    return { ok: true as const };
  }),

  beginTotpEnrolment: customerSessionProcedure.mutation(({ ctx }) =>
    beginTotpEnrolment(ctx.deps, ctx.meta, ctx.session),
  ),

  confirmTotpEnrolment: customerSessionProcedure.input(ConfirmTotpInput).mutation(async ({ ctx, input }) => {
    const { recoveryCodes } = await confirmTotpEnrolment(ctx.deps, ctx.meta, ctx.session, input.code);
    return { recoveryCodes };
  }),

  disableTotp: customerProcedure.input(DisableTotpInput).mutation(async ({ ctx, input }) => {
    await disableTotp(ctx.deps, ctx.meta, ctx.session, input);
    return { ok: true as const };
  }),
});
