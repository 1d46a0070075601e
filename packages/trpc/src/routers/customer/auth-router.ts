import {
  ChangePasswordInput,
  ConfirmSignUpInput,
  ConfirmTotpInput,
  CustomerSignUpInput,
  DisableTotpInput,
  RequestPasswordResetInput,
  RequestTakeoverRecoveryInput,
  ResetPasswordInput,
  SecondFactorInput,
  SetRecoveryPasswordInput,
  SignInInput,
  VerifyTakeoverRecoveryInput,
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
  requestTakeoverRecovery,
  resetPassword,
  resolveSession,
  setRecoveryPassword,
  signIn,
  signOut,
  verifySecondFactor,
  verifyTakeoverRecovery,
} from "@trustdesk/services";
import {
  customerProcedure,
  customerRecoveryProcedure,
  customerSessionProcedure,
  publicProcedure,
  router,
} from "../../trpc.ts";

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
    // Suspended for takeover: no session from a password; the owner continues with the emailed code.
    if (!("token" in issued)) return { status: "takeover_recovery" as const, codeSentTo: issued.codeSentTo };
    ctx.cookies.write("customer", issued.token, issued.expiresAt);
    return issued.stage === "full"
      ? { status: "signed_in" as const }
      : { status: "second_factor_required" as const };
  }),

  verifySecondFactor: customerSessionProcedure.input(SecondFactorInput).mutation(async ({ ctx, input }) => {
    const issued = await verifySecondFactor(ctx.deps, ctx.meta, ctx.session, input);
    if (!("token" in issued)) {
      ctx.cookies.clear("customer");
      return { status: "takeover_recovery" as const, codeSentTo: issued.codeSentTo };
    }
    ctx.cookies.write("customer", issued.token, issued.expiresAt);
    return { status: "signed_in" as const };
  }),

  /** "My account was taken over": the same answer for every address; the work runs after it. */
  requestTakeoverRecovery: publicProcedure
    .input(RequestTakeoverRecoveryInput)
    .mutation(async ({ ctx, input }) => {
      const { settled } = await requestTakeoverRecovery(ctx.deps, ctx.meta, input);
      settled.catch((error) => ctx.reportBackgroundError?.(error, "takeover recovery request failed"));
      return { ok: true as const };
    }),

  verifyTakeoverRecovery: publicProcedure
    .input(VerifyTakeoverRecoveryInput)
    .mutation(async ({ ctx, input }) => {
      const previous = await resolveSession(ctx.deps, "customer", ctx.cookies.read("customer"));
      const issued = await verifyTakeoverRecovery(ctx.deps, ctx.meta, input, previous?.id ?? null);
      ctx.cookies.write("customer", issued.token, issued.expiresAt);
      return { status: "recovery" as const };
    }),

  /** Recovery sessions only: a new password without the old one. */
  setRecoveryPassword: customerRecoveryProcedure
    .input(SetRecoveryPasswordInput)
    .mutation(async ({ ctx, input }) => {
      await setRecoveryPassword(ctx.deps, ctx.meta, ctx.session, ctx.customer.accountId, input);
      return { ok: true as const };
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

  beginTotpEnrolment: customerRecoveryProcedure.mutation(({ ctx }) =>
    beginTotpEnrolment(ctx.deps, ctx.meta, ctx.session),
  ),

  confirmTotpEnrolment: customerRecoveryProcedure.input(ConfirmTotpInput).mutation(async ({ ctx, input }) => {
    const { recoveryCodes } = await confirmTotpEnrolment(ctx.deps, ctx.meta, ctx.session, input.code);
    return { recoveryCodes };
  }),

  disableTotp: customerProcedure.input(DisableTotpInput).mutation(async ({ ctx, input }) => {
    await disableTotp(ctx.deps, ctx.meta, ctx.session, input);
    return { ok: true as const };
  }),
});
