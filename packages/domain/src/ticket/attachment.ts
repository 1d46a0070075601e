import { z } from "zod";

/**
 * Files on a ticket message: screenshots, PDFs and plain text, checked by their content (the
 * services detect the type from the bytes; the name only has to agree with it).
 *
 * Uploads travel base64-encoded inside the reply itself (one JSON call, one transaction with the
 * message, idempotent under the reply's submit key), so the bounds below also bound the request: the
 * API admits a larger body only for the procedures that carry attachments (see apps/api).
 */
export const ATTACHMENT_LIMITS = {
  /** One file. */
  maxBytes: 5 * 1024 * 1024,
  /** Files on one message. */
  maxPerMessage: 3,
  /** All the files of one message together (base64 makes the request a third larger). */
  maxTotalBytes: 6 * 1024 * 1024,
} as const;

/** The content types we keep, each with the file name endings that may carry it. */
export const ATTACHMENT_TYPES = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
  "text/plain": ["txt", "text", "log"],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES;

/** For an `accept` attribute and for messages: what a person may attach. */
export const ATTACHMENT_ACCEPT = Object.values(ATTACHMENT_TYPES)
  .flat()
  .map((e) => `.${e}`)
  .join(",");
export const ATTACHMENT_KINDS_TEXT = "screenshots (PNG, JPEG, GIF, WebP), PDFs and plain text files";

function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

const FILENAME_MESSAGE = "Give the file a name of 1 to 255 characters, without slashes or control characters";

/** A file name as shown and as offered on download: no path, no control characters. */
export const AttachmentFilename = z
  .string(FILENAME_MESSAGE)
  .trim()
  .min(1, FILENAME_MESSAGE)
  .max(255, FILENAME_MESSAGE)
  .refine((name) => !/[/\\\p{Cc}\p{Cf}]/u.test(name) && name !== "." && name !== "..", FILENAME_MESSAGE);

export const AttachmentUpload = z.object({
  filename: AttachmentFilename,
  /** The file's bytes, base64 (standard alphabet, padded). */
  contentBase64: z
    .string("Attach the file's content")
    .max(
      base64Length(ATTACHMENT_LIMITS.maxBytes),
      `Each file can be at most ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`,
    )
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "The file's content is not valid base64"),
});
export type AttachmentUpload = z.infer<typeof AttachmentUpload>;

export const AttachmentUploads = z
  .array(AttachmentUpload)
  .max(
    ATTACHMENT_LIMITS.maxPerMessage,
    `Attach at most ${ATTACHMENT_LIMITS.maxPerMessage} files to one message`,
  )
  .refine(
    (files) =>
      files.reduce((sum, f) => sum + f.contentBase64.length, 0) <=
      base64Length(ATTACHMENT_LIMITS.maxTotalBytes),
    `The files of one message can be at most ${ATTACHMENT_LIMITS.maxTotalBytes / 1024 / 1024} MB together`,
  )
  .default([]);

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot <= 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

export type AttachmentVerdict =
  | { ok: true; contentType: AttachmentContentType }
  | { ok: false; code: "UNSUPPORTED_MEDIA_TYPE"; message: string };

const LABEL: Record<AttachmentContentType, string> = {
  "image/png": "a PNG image",
  "image/jpeg": "a JPEG image",
  "image/gif": "a GIF image",
  "image/webp": "a WebP image",
  "application/pdf": "a PDF",
  "text/plain": "a plain text file",
};

/**
 * Decides what a file is from what its content says, never from its name: `detected` is the type
 * its magic number shows (undefined when it has none), `utf8` whether the bytes are valid UTF-8
 * (plain text has no magic number). A name whose ending claims another type is refused, so nobody
 * downloads "invoice.png" and opens a PDF — or the other way round.
 */
export function judgeAttachment(
  filename: string,
  detected: string | undefined,
  utf8: boolean,
): AttachmentVerdict {
  const contentType: AttachmentContentType | null =
    detected === undefined
      ? utf8
        ? "text/plain"
        : null
      : detected in ATTACHMENT_TYPES
        ? (detected as AttachmentContentType)
        : null;
  if (!contentType) {
    return {
      ok: false,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `"${filename}" is not a file we can accept (it is ${detected ? `of type ${detected}` : "not readable text"}). Attach ${ATTACHMENT_KINDS_TEXT}.`,
    };
  }
  const allowed: readonly string[] = ATTACHMENT_TYPES[contentType];
  const ext = extensionOf(filename);
  if (ext !== "" && !allowed.includes(ext)) {
    return {
      ok: false,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `"${filename}" is named .${ext} but its content is ${LABEL[contentType]}. Rename it to .${allowed[0]} or attach the right file.`,
    };
  }
  return { ok: true, contentType };
}

/** The largest request body such a call needs: the files in base64, the message, JSON around them. */
export const ATTACHMENT_REQUEST_MAX_BYTES = base64Length(ATTACHMENT_LIMITS.maxTotalBytes) + 256 * 1024;
