import type { SessionRealm } from "@trustdesk/domain";
import type { SessionCookies } from "@trustdesk/trpc";
import { parseCookie, stringifySetCookie } from "cookie";
import type { Request, Response } from "express";

export const SESSION_COOKIE: Record<SessionRealm, string> = {
  customer: "td_customer_session",
  staff: "td_staff_session",
};
export const CSRF_COOKIE = "td_csrf";
/** Random, httpOnly: what the CSRF token is bound to before there is a session. */
export const PRESESSION_COOKIE = "td_presession";
export const CSRF_HEADER = "x-csrf-token";

export function readCookies(req: Request): Record<string, string | undefined> {
  return parseCookie(req.headers.cookie ?? "");
}

/**
 * httpOnly, SameSite=Lax, Secure in production; session cookies expire with the session. Every
 * change re-issues the CSRF token, which is bound to the session cookies (see csrf.ts).
 */
export function sessionCookies(req: Request, res: Response, secure: boolean): SessionCookies {
  const jar = readCookies(req);
  return {
    read: (realm) => jar[SESSION_COOKIE[realm]],
    write(realm, token, expiresAt) {
      jar[SESSION_COOKIE[realm]] = token;
      res.append(
        "Set-Cookie",
        stringifySetCookie({
          name: SESSION_COOKIE[realm],
          value: token,
          httpOnly: true,
          sameSite: "lax",
          secure,
          path: "/",
          expires: expiresAt,
        }),
      );
      req.rotateCsrf?.(jar);
    },
    clear(realm) {
      delete jar[SESSION_COOKIE[realm]];
      res.append(
        "Set-Cookie",
        stringifySetCookie({
          name: SESSION_COOKIE[realm],
          value: "",
          httpOnly: true,
          sameSite: "lax",
          secure,
          path: "/",
          expires: new Date(0),
        }),
      );
      req.rotateCsrf?.(jar);
    },
  };
}
