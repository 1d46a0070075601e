import type { Request } from "express";

/** A request refused before any handler ran: the status, the API's error code and what to change. */
export interface RequestRefusal {
  status: number;
  code: string;
  message: string;
}

interface HttpishError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  code?: unknown;
  limit?: unknown;
  charset?: unknown;
  encoding?: unknown;
  expose?: unknown;
}

/**
 * What the body parser and the router throw for a caller's mistake (a malformed, oversized or
 * undecodable body; a URL that does not decode) as the API's refusal, with a sentence saying what
 * to send instead. Null for anything else: that is a bug and stays a 500 with the request id only.
 */
export function requestRefusal(error: unknown, req: Request): RequestRefusal | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as HttpishError;
  const status =
    typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : 0;
  const contentEncoding = req.get("content-encoding") ?? "identity";
  switch (e.type) {
    case "entity.too.large":
      return {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message: `The request body is larger than ${typeof e.limit === "number" ? e.limit : "the allowed"} bytes. Send less per request (split a batch in several).`,
      };
    case "entity.parse.failed":
      return { status: 400, code: "BAD_REQUEST", message: "The request body is not valid JSON." };
    case "charset.unsupported":
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: `The charset ${JSON.stringify(String(e.charset ?? "").toLowerCase())} is not supported. Send JSON as UTF-8: Content-Type: application/json; charset=utf-8.`,
      };
    case "encoding.unsupported":
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: `The Content-Encoding ${JSON.stringify(String(e.encoding ?? contentEncoding))} is not supported. Send the body uncompressed, or compressed with gzip, deflate or br.`,
      };
    case "request.size.invalid":
      return {
        status: 400,
        code: "BAD_REQUEST",
        message: "The request body's length does not match its Content-Length header.",
      };
    case "request.aborted":
      return { status: 400, code: "BAD_REQUEST", message: "The request body ended before it was complete." };
  }
  // zlib refusing a body that is not what its Content-Encoding claims (raw-body passes it on as a 400).
  if (typeof e.code === "string" && e.code.startsWith("Z_") && status === 400) {
    return {
      status: 400,
      code: "BAD_REQUEST",
      message: `The request body could not be decompressed: it is not valid ${contentEncoding} data. Fix the body or its Content-Encoding header.`,
    };
  }
  // The router could not percent-decode a part of the URL (e.g. `%E0%A4%A`).
  if (error instanceof URIError && status === 400) {
    return {
      status: 400,
      code: "BAD_REQUEST",
      message: "The URL is not valid: it holds a malformed percent-encoding.",
    };
  }
  // Any other refusal the HTTP layer marked as the caller's (http-errors' `expose`), never a 5xx.
  if (status >= 400 && status < 500 && e.expose === true) {
    return {
      status,
      code: "BAD_REQUEST",
      message: "The request could not be read. Check its headers and body.",
    };
  }
  return null;
}
