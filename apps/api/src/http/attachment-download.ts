import { DomainError, staffCan } from "@trustdesk/domain";
import {
  getAttachmentForCustomer,
  getAttachmentForStaff,
  resolveCustomerActor,
  resolveSession,
  type ServiceDeps,
} from "@trustdesk/services";
import type { Request, RequestHandler, Response } from "express";
import { errorBody } from "../rest/rest-errors.ts";
import { readCookies, SESSION_COOKIE } from "./cookies.ts";

/**
 * `Content-Disposition: attachment` with the stored name: an ASCII fallback (quotes, backslashes
 * and anything outside printable ASCII become `_`) and the exact name in RFC 5987 form.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

type Found = Awaited<ReturnType<typeof getAttachmentForStaff>>;

/** The customer's view first (their session), then a staff member who works tickets; else null. */
async function findFor(
  deps: ServiceDeps,
  req: Request,
  id: string,
): Promise<Found | "unauthenticated" | null> {
  const jar = readCookies(req);
  const customerSession = await resolveSession(deps, "customer", jar[SESSION_COOKIE.customer]);
  const staffSession = await resolveSession(deps, "staff", jar[SESSION_COOKIE.staff]);
  if (!customerSession && !staffSession) return "unauthenticated";
  if (customerSession) {
    try {
      const customer = await resolveCustomerActor(deps, customerSession);
      return await getAttachmentForCustomer(deps, customer, id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  if (staffSession?.stage === "full") {
    const staff = await deps.db
      .selectFrom("staff_users")
      .select("role")
      .where("id", "=", staffSession.userId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (staff && staffCan(staff.role, "tickets.work")) {
      try {
        return await getAttachmentForStaff(deps, id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
  }
  return null;
}

/**
 * `GET /attachments/:id`: a ticket's file, only to who may see the ticket — the customer (their
 * account's ticket; a member only their own; public messages only) or staff who work tickets.
 * Anything else is 404, like an unknown id. Always a download (never rendered in our origin), with
 * the content type stored at upload (judged from the content), `nosniff`, a sandboxing CSP and no
 * caching anywhere but the browser's memory.
 */
export function attachmentDownload(deps: ServiceDeps): RequestHandler {
  return (req: Request, res: Response, next) => {
    const id = String(req.params.attachmentId ?? "");
    findFor(deps, req, id)
      .then((found) => {
        if (found === "unauthenticated") {
          res.status(401).json(errorBody(req, 401, "UNAUTHENTICATED", "Sign in to download this file."));
          return;
        }
        if (!found) {
          res
            .status(404)
            .json(errorBody(req, 404, "NOT_FOUND", "There is no such file, or it is not yours to see."));
          return;
        }
        res.setHeader(
          "Content-Type",
          found.contentType === "text/plain" ? "text/plain; charset=utf-8" : found.contentType,
        );
        res.setHeader("Content-Disposition", contentDisposition(found.filename));
        res.setHeader("Content-Length", String(found.content.length));
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Cache-Control", "private, no-store");
        res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        res.end(found.content);
      })
      .catch(next);
  };
}
