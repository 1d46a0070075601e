import { DomainError } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import type { TicketViewer } from "./list-customer-tickets.ts";
import { canSeeTicket } from "./ticket-visibility.ts";

const NOT_FOUND = "There is no such file, or it is not yours to see.";

function attachmentQuery(deps: ServiceDeps, attachmentId: string) {
  return deps.db
    .selectFrom("attachments as a")
    .innerJoin("ticket_messages as m", "m.id", "a.ticket_message_id")
    .innerJoin("tickets as t", "t.id", "m.ticket_id")
    .select([
      "a.filename",
      "a.content_type",
      "a.size_bytes",
      "a.content",
      "m.visibility",
      "t.account_id",
      "t.opened_by_user_id",
      "t.category",
    ])
    .where("a.id", "=", attachmentId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A file for a customer to download: only on a public message of a ticket they may see (their
 * account's; a member only the tickets they opened; a takeover-recovery session only takeover
 * tickets). Anything else answers NOT_FOUND like an unknown id, so ids cannot be probed.
 */
export async function getAttachmentForCustomer(
  deps: ServiceDeps,
  viewer: TicketViewer & { recovery?: boolean },
  attachmentId: string,
) {
  if (!UUID.test(attachmentId)) throw new DomainError("NOT_FOUND", NOT_FOUND);
  const row = await attachmentQuery(deps, attachmentId).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", NOT_FOUND);
  const visible =
    row.visibility === "public" &&
    canSeeTicket(viewer, row) &&
    !(viewer.recovery && row.category !== "account_takeover");
  if (!visible) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return { filename: row.filename, contentType: row.content_type, content: row.content };
}

/** A file for staff who work tickets (the caller checks the permission): any message's. */
export async function getAttachmentForStaff(deps: ServiceDeps, attachmentId: string) {
  if (!UUID.test(attachmentId)) throw new DomainError("NOT_FOUND", NOT_FOUND);
  const row = await attachmentQuery(deps, attachmentId).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", NOT_FOUND);
  return { filename: row.filename, contentType: row.content_type, content: row.content };
}
