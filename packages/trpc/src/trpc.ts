import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { isDatabaseUnavailable } from "@trustdesk/db";
import {
  DOMAIN_ERROR_STATUS,
  DomainError,
  type DomainErrorCode,
  describeFieldErrors,
  fieldErrorsOf,
  RECOVERY_ONLY_MESSAGE,
  type SessionRealm,
  type StaffPermission,
  staffCan,
} from "@trustdesk/domain";
import {
  type ActiveSession,
  resolveCustomerActor,
  resolveSession,
  resolveStaffActor,
} from "@trustdesk/services";
import type { TrpcContext } from "./context.ts";

/** The one place where domain error codes become tRPC codes (and so HTTP statuses). */
const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  SECOND_FACTOR_REQUIRED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  CSRF_REJECTED: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  ACCOUNT_LOCKED: "TOO_MANY_REQUESTS",
  VALIDATION: "BAD_REQUEST",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};
// Keep the two tables honest: every domain code has a status and a tRPC code.
void (DOMAIN_ERROR_STATUS satisfies Record<keyof typeof TRPC_CODE, number>);

const t = initTRPC.context<TrpcContext>().create({
  // Never a stack trace, SQL or internal message to a client: unknown errors become a generic
  // message with the request id (the host logs the real error under that id).
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const domain = error.cause instanceof DomainError ? error.cause : null;
    const fieldErrors = domain?.fields ?? (error.code === "BAD_REQUEST" ? fieldErrorsOf(error.cause) : null);
    const requestId = ctx?.meta.requestId ?? null;
    let message = shape.message;
    if (error.code === "INTERNAL_SERVER_ERROR") {
      message = `Something went wrong on our side. If it keeps happening, quote request id ${requestId ?? "unknown"}.`;
    } else if (!domain && fieldErrors) {
      message = `Check the highlighted fields: ${describeFieldErrors(fieldErrors)}`;
    }
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        requestId,
        domainCode: domain?.code ?? null,
        fieldErrors,
        retryAfterSeconds: domain?.retryAfterSeconds ?? null,
        details: domain?.details ?? null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns DomainErrors thrown by services into TRPCErrors with the mapped code, and the database
 * being away for a moment (a restart, a failover) into 503 "try again": not a bug of ours or the
 * caller's, and nothing was changed (the transaction did not commit).
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "Trustdesk is briefly unavailable. Nothing was changed; try again in a moment.",
      cause: result.error.cause,
    });
  }
  return result;
});

/** Every state change needs the CSRF defence, whoever is (or is not) signed in. */
const csrf = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && !ctx.csrfOk) {
    throw new DomainError(
      "CSRF_REJECTED",
      "This request was refused as a possible cross-site request. Reload the page and try again.",
    );
  }
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(csrf);

async function sessionOf(ctx: TrpcContext, realm: SessionRealm): Promise<ActiveSession | null> {
  return resolveSession(ctx.deps, realm, ctx.cookies.read(realm));
}

const SIGN_IN_AGAIN = "Your session has ended. Sign in again.";

/** A customer session at any stage (used by the sign-in flow itself). */
export const customerSessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await sessionOf(ctx, "customer");
  if (!session) throw new DomainError("UNAUTHENTICATED", SIGN_IN_AGAIN);
  return next({ ctx: { session } });
});

/**
 * A signed-in customer, scoped to one account: the account id comes from the session, never from
 * input, so no procedure can be pointed at another tenant. Admits a full session or a takeover
 * *recovery* session (`ctx.customer.recovery`); only the recovery steps use this directly.
 */
export const customerRecoveryProcedure = customerSessionProcedure.use(async ({ ctx, next }) => {
  const customer = await resolveCustomerActor(ctx.deps, ctx.session);
  return next({ ctx: { customer } });
});

/** A fully signed-in customer. A takeover-recovery session is told what it can do instead. */
export const customerProcedure = customerRecoveryProcedure.use(({ ctx, next }) => {
  if (ctx.customer.recovery) throw new DomainError("FORBIDDEN", RECOVERY_ONLY_MESSAGE);
  return next();
});

/** A staff session at any stage (sign-in, enrolment). A customer session here is refused as 403. */
export const staffSessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await sessionOf(ctx, "staff");
  if (!session) {
    if (await sessionOf(ctx, "customer"))
      throw new DomainError("FORBIDDEN", "This is for Trustdesk staff only.");
    throw new DomainError("UNAUTHENTICATED", SIGN_IN_AGAIN);
  }
  return next({ ctx: { session } });
});

/** A fully signed-in staff member, read again on every request (a disabled member is signed out). */
const fullStaff = staffSessionProcedure.use(async ({ ctx, next }) => {
  const staff = await resolveStaffActor(ctx.deps, ctx.session);
  return next({ ctx: { staff } });
});

/** Any fully signed-in staff member, whatever the role: their own account's settings. */
export const anyStaffProcedure = fullStaff;

/** Staff with a permission from the domain's role table (STAFF_PERMISSIONS). */
export function staffProcedure(permission: StaffPermission) {
  return fullStaff.use(async ({ ctx, next }) => {
    if (!staffCan(ctx.staff.role, permission)) {
      throw new DomainError("FORBIDDEN", "Your role does not allow this. Ask a lead or an admin.");
    }
    return next();
  });
}
