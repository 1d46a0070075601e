import { randomBytes } from "node:crypto";
import { csrfBinding, issueCsrfToken, verifyCsrfToken } from "@trustdesk/services";
import { stringifySetCookie } from "cookie";
import type { NextFunction, Request, Response } from "express";
import { CSRF_COOKIE, CSRF_HEADER, PRESESSION_COOKIE, readCookies, SESSION_COOKIE } from "./cookies.ts";

declare global {
  namespace Express {
    interface Request {
      /** True when this request may change state: a valid signed double-submit token and a same-site Origin. */
      csrfOk: boolean;
      /**
       * Issues a CSRF token for the session cookies as they are after this response (sign-in,
       * sign-out, rotation): the session changed, so the token bound to the old one is replaced.
       */
      rotateCsrf?: (cookies: Record<string, string | undefined>) => void;
    }
  }
}

const PRESESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues the readable CSRF cookie when missing, invalid or bound to another session, and decides
 * whether the request carries the defence (header equal to the cookie, signature valid for this
 * browser's session binding, Origin — when sent — one of ours). Before any session the binding is a
 * random httpOnly pre-session id, so even sign-in needs a token made for this browser. The tRPC
 * layer refuses every mutation without it; queries are side-effect free.
 */
export function csrfProtection(secretKey: string, allowedOrigins: string[], secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const jar = readCookies(req);
    let preSession = jar[PRESESSION_COOKIE];
    if (!preSession || !PRESESSION_ID.test(preSession)) {
      preSession = randomBytes(32).toString("base64url");
      res.append(
        "Set-Cookie",
        stringifySetCookie({
          name: PRESESSION_COOKIE,
          value: preSession,
          httpOnly: true,
          sameSite: "lax",
          secure,
          path: "/",
        }),
      );
    }
    const bindingOf = (cookies: Record<string, string | undefined>) =>
      csrfBinding({
        preSession: preSession as string,
        customerSession: cookies[SESSION_COOKIE.customer],
        staffSession: cookies[SESSION_COOKIE.staff],
      });
    const issue = (cookies: Record<string, string | undefined>) => {
      res.append(
        "Set-Cookie",
        stringifySetCookie({
          name: CSRF_COOKIE,
          value: issueCsrfToken(secretKey, bindingOf(cookies)),
          sameSite: "strict",
          secure,
          path: "/",
        }),
      );
    };
    const binding = bindingOf(jar);
    const cookieValue = jar[CSRF_COOKIE];
    if (!verifyCsrfToken(secretKey, binding, cookieValue, cookieValue)) issue(jar);
    req.rotateCsrf = issue;
    const origin = req.get("origin");
    const originOk = !origin || allowedOrigins.includes(origin);
    req.csrfOk = originOk && verifyCsrfToken(secretKey, binding, cookieValue, req.get(CSRF_HEADER));
    next();
  };
}
