import { z } from "zod";
import { safeText } from "../text/safe-text.ts";
import { AttachmentUploads } from "./attachment.ts";
import { TicketId, TicketPriority, TicketStatus } from "./ticket.ts";

export const MessageBody = safeText({
  min: 1,
  max: 20_000,
  multiline: true,
  required: "Write a message",
  tooShort: "Write a message",
  tooLong: "Keep the message under 20,000 characters",
});

/** One per submit, made by the browser: a double submit creates one message (or ticket), not two. */
export const IdempotencyKey = z
  .string("Missing submit key")
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "Malformed submit key; reload the page");

/** What an agent's change was based on: a change based on an older version is refused as a conflict. */
export const ExpectedVersion = z.int("Reload the ticket").min(1, "Reload the ticket");

export const CustomerReplyInput = z.object({
  ticketId: TicketId,
  body: MessageBody,
  idempotencyKey: IdempotencyKey,
  /** Screenshots, PDFs, plain text: checked by content, stored with the message. */
  attachments: AttachmentUploads,
});
export type CustomerReplyInput = z.infer<typeof CustomerReplyInput>;

export const StaffReplyInput = z.object({
  ticketId: TicketId,
  body: MessageBody,
  /** Public: the customer sees it and is emailed. Internal: agents only, never shown or mailed. */
  visibility: z.enum(["public", "internal"], "Choose a public reply or an internal note"),
  /** The status after the reply (a public reply usually waits on the customer); none keeps it. */
  status: TicketStatus.exclude(
    ["new", "closed"],
    "Choose open, pending customer, on hold or solved",
  ).optional(),
  expectedVersion: ExpectedVersion,
  idempotencyKey: IdempotencyKey,
  attachments: AttachmentUploads,
});
export type StaffReplyInput = z.infer<typeof StaffReplyInput>;

export const ChangeTicketStatusInput = z.object({
  ticketId: TicketId,
  status: TicketStatus.exclude(["new"], "A ticket cannot become new again"),
  expectedVersion: ExpectedVersion,
});
export type ChangeTicketStatusInput = z.infer<typeof ChangeTicketStatusInput>;

export const AssignTicketInput = z.object({
  ticketId: TicketId,
  /** Null unassigns. */
  assigneeStaffId: z.uuid("Unknown staff member").nullable(),
  expectedVersion: ExpectedVersion,
});
export type AssignTicketInput = z.infer<typeof AssignTicketInput>;

export const TicketTag = safeText({
  min: 1,
  max: 40,
  required: "Tags cannot be empty",
  tooLong: "Keep tags under 40 characters",
}).transform((t) => t.toLowerCase());

export const UpdateTicketTriageInput = z.object({
  ticketId: TicketId,
  priority: TicketPriority.optional(),
  tags: z.array(TicketTag).max(20, "At most 20 tags").optional(),
  expectedVersion: ExpectedVersion,
});
export type UpdateTicketTriageInput = z.infer<typeof UpdateTicketTriageInput>;

export const TicketNumber = z.coerce
  .number("Enter a ticket number")
  .int("Ticket numbers are whole numbers")
  .min(1, "Ticket numbers start at 1")
  .max(Number.MAX_SAFE_INTEGER, "No such ticket");

export const MarkTicketSolvedInput = z.object({ ticketId: TicketId });

/**
 * The customer confirms on a ticket what its checklist asks of them: for exposed credentials, "I
 * revoked the key, created a replacement and removed it from where it leaked"; for a dormant account,
 * that the reactivation request on the ticket stands.
 */
export const ConfirmTicketRemediationInput = z.object({ ticketId: TicketId });
export type ConfirmTicketRemediationInput = z.infer<typeof ConfirmTicketRemediationInput>;
