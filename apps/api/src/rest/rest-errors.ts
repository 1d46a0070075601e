import { DomainError } from "@trustdesk/domain";
import type { NextFunction, Request, RequestHandler, Response } from "express";

export function errorBody(
  req: Request,
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
) {
  return { error: { code, status, message, requestId: req.id, ...(fields ? { fields } : {}) } };
}

/**
 * Wraps an async REST handler: DomainErrors become their status with a person-readable message
 * (and the failing fields), anything else goes to the host's last-resort handler (500, request id).
 */
export function restHandler(
  handler: (req: Request, res: Response, next: NextFunction) => Promise<void>,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res, next).catch((error: unknown) => {
      if (error instanceof DomainError) {
        if (error.retryAfterSeconds) res.setHeader("Retry-After", String(error.retryAfterSeconds));
        if (error.code === "UNAUTHENTICATED") res.setHeader("WWW-Authenticate", 'Bearer realm="trustdesk"');
        res.status(error.status).json(errorBody(req, error.status, error.code, error.message, error.fields));
        return;
      }
      next(error);
    });
  };
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get("authorization");
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}
