import { issueCsrfToken, verifyCsrfToken } from "@trustdesk/services";
import { stringifySetCookie } from "cookie";
import type { NextFunction, Request, Response } from "express";
import { CSRF_COOKIE, CSRF_HEADER, readCookies } from "./cookies.ts";

declare global {
  namespace Express {
    interface Request {
      /** True when this request may change state: a valid signed double-submit token and a same-site Origin. */
      csrfOk: boolean;
    }
  }
}

/**
 * Issues the readable CSRF cookie when missing or invalid, and decides whether the request carries
 * the defence (header equal to the cookie, signature valid, Origin — when sent — one of ours). The
 * tRPC layer refuses every mutation without it; queries are side-effect free.
 */
export function csrfProtection(secretKey: string, allowedOrigins: string[], secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const cookieValue = readCookies(req)[CSRF_COOKIE];
    const cookieValid = verifyCsrfToken(secretKey, cookieValue, cookieValue);
    if (!cookieValid) {
      res.append(
        "Set-Cookie",
        stringifySetCookie({
          name: CSRF_COOKIE,
          value: issueCsrfToken(secretKey),
          sameSite: "strict",
          secure,
          path: "/",
        }),
      );
    }
    const origin = req.get("origin");
    const originOk = !origin || allowedOrigins.includes(origin);
    req.csrfOk = originOk && verifyCsrfToken(secretKey, cookieValue, req.get(CSRF_HEADER));
    next();
  };
}
