import { createHash } from "node:crypto";
import type { Executor } from "@trustdesk/db";
import {
  ATTACHMENT_LIMITS,
  type AttachmentContentType,
  type AttachmentUpload,
  DomainError,
  judgeAttachment,
} from "@trustdesk/domain";
import { fileTypeFromBuffer } from "file-type";
import { redactCustomerText } from "../security/redact-customer-text.ts";

export interface CheckedAttachment {
  filename: string;
  contentType: AttachmentContentType;
  /** What is stored: for text, after redaction. */
  content: Buffer;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function asText(bytes: Buffer): string | null {
  try {
    const text = UTF8.decode(bytes);
    // Valid UTF-8 with NULs is a binary format without a magic number, not text a person wrote.
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

/**
 * Decodes and checks the files of one message before any transaction opens (it is CPU work, and a
 * refusal should cost no database time): each within the size limit, its type read from its content
 * by `file-type` (plain text has no magic number: valid UTF-8 without NULs), its name agreeing with
 * that type (`judgeAttachment`). `redact` runs a text file through the same key redaction as messages
 * (customer files); the keys found are returned for the caller to revoke with the message's.
 */
export async function checkAttachments(
  uploads: readonly AttachmentUpload[],
  options: { redact: boolean },
): Promise<{ files: CheckedAttachment[]; found: string[] }> {
  if (uploads.length > ATTACHMENT_LIMITS.maxPerMessage) {
    throw new DomainError(
      "VALIDATION",
      `Attach at most ${ATTACHMENT_LIMITS.maxPerMessage} files to one message.`,
    );
  }
  const files: CheckedAttachment[] = [];
  const found = new Set<string>();
  let total = 0;
  for (const upload of uploads) {
    const bytes = Buffer.from(upload.contentBase64, "base64");
    if (bytes.length === 0) {
      throw new DomainError("VALIDATION", `"${upload.filename}" is empty. Attach the file again.`);
    }
    if (bytes.length > ATTACHMENT_LIMITS.maxBytes) {
      throw new DomainError(
        "PAYLOAD_TOO_LARGE",
        `"${upload.filename}" is larger than ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB. Attach a smaller file.`,
      );
    }
    total += bytes.length;
    if (total > ATTACHMENT_LIMITS.maxTotalBytes) {
      throw new DomainError(
        "PAYLOAD_TOO_LARGE",
        `The files of one message can be at most ${ATTACHMENT_LIMITS.maxTotalBytes / 1024 / 1024} MB together.`,
      );
    }
    const detected = await fileTypeFromBuffer(bytes);
    const text = detected ? null : asText(bytes);
    const verdict = judgeAttachment(upload.filename, detected?.mime, text !== null);
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.message);
    let content = bytes;
    if (verdict.contentType === "text/plain" && options.redact && text !== null) {
      const redacted = redactCustomerText(text);
      if (redacted.found.length > 0) {
        for (const key of redacted.found) found.add(key);
        content = Buffer.from(redacted.value, "utf8");
      }
    }
    files.push({ filename: upload.filename, contentType: verdict.contentType, content });
  }
  return { files, found: [...found] };
}

/** Stores checked files on a message (in the caller's transaction, with the message). */
export async function insertAttachments(
  trx: Executor,
  messageId: string,
  files: readonly CheckedAttachment[],
  now: Date,
): Promise<void> {
  if (files.length === 0) return;
  await trx
    .insertInto("attachments")
    .values(
      files.map((f) => ({
        ticket_message_id: messageId,
        filename: f.filename,
        content_type: f.contentType,
        size_bytes: f.content.length,
        sha256: createHash("sha256").update(f.content).digest(),
        content: f.content,
        created_at: now,
      })),
    )
    .execute();
}

/** The files of some messages, without their content: what a conversation lists. */
export async function listAttachmentsOf(trx: Executor, messageIds: readonly string[]) {
  if (messageIds.length === 0) return new Map<string, AttachmentSummary[]>();
  const rows = await trx
    .selectFrom("attachments")
    .select(["id", "ticket_message_id", "filename", "content_type", "size_bytes"])
    .where("ticket_message_id", "in", messageIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const byMessage = new Map<string, AttachmentSummary[]>();
  for (const r of rows) {
    const list = byMessage.get(r.ticket_message_id) ?? [];
    list.push({ id: r.id, filename: r.filename, contentType: r.content_type, sizeBytes: r.size_bytes });
    byMessage.set(r.ticket_message_id, list);
  }
  return byMessage;
}

export interface AttachmentSummary {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** A reply as a service takes it: callers other than the API (jobs, tests) may leave out the files. */
export type WithOptionalAttachments<T extends { attachments: unknown }> = Omit<T, "attachments"> & {
  attachments?: readonly AttachmentUpload[];
};
