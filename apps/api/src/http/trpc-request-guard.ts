import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { NextFunction, Request, Response } from "express";

/** A refusal in tRPC's own error shape (what the SPAs' client reads), with the request id. */
export function trpcErrorBody(
  req: Request,
  status: number,
  code: keyof typeof TRPC_ERROR_CODES_BY_KEY,
  message: string,
) {
  return {
    error: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY[code],
      data: {
        code,
        httpStatus: status,
        requestId: req.id,
        domainCode: null,
        fieldErrors: null,
        retryAfterSeconds: null,
        details: null,
      },
    },
  };
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * What tRPC would refuse in its own way (plain text, no request id) or misread, refused in the API's
 * shape first: a procedure path that does not percent-decode (400); and, as tRPC reads every body as
 * uncompressed UTF-8 whatever the headers say, a compressed body or another charset (415, with what
 * to send instead — the same rule as on /v1).
 */
export function trpcRequestGuard(req: Request, res: Response, next: NextFunction): void {
  if (!decodes(req.path)) {
    res
      .status(400)
      .json(
        trpcErrorBody(
          req,
          400,
          "BAD_REQUEST",
          "The URL is not valid: it holds a malformed percent-encoding.",
        ),
      );
    return;
  }
  const encoding = (req.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity") {
    res
      .status(415)
      .json(
        trpcErrorBody(
          req,
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          `The Content-Encoding ${JSON.stringify(encoding)} is not supported here. Send the body uncompressed.`,
        ),
      );
    return;
  }
  const charset = CHARSET.exec(req.get("content-type") ?? "")?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    res
      .status(415)
      .json(
        trpcErrorBody(
          req,
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          `The charset ${JSON.stringify(charset)} is not supported. Send JSON as UTF-8: Content-Type: application/json; charset=utf-8.`,
        ),
      );
    return;
  }
  next();
}
