import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_KINDS_TEXT,
  ATTACHMENT_LIMITS,
  type AttachmentUpload,
} from "@trustdesk/domain";
import { Button, cx } from "@trustdesk/ui";
import { formatBytes } from "../../lib/format.ts";

const MB = 1024 * 1024;
export const ATTACHMENT_HINT = `Up to ${ATTACHMENT_LIMITS.maxPerMessage} files, ${ATTACHMENT_LIMITS.maxBytes / MB} MB each (${ATTACHMENT_LIMITS.maxTotalBytes / MB} MB together): ${ATTACHMENT_KINDS_TEXT}. We check each file's content, not just its name.`;

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read"));
    reader.readAsDataURL(file);
  });
}

/**
 * The chosen files, checked for what the browser can tell (count and sizes) and read as base64 for
 * the reply. Their type is judged by the API from their content.
 */
export async function readAttachments(
  files: readonly File[],
): Promise<{ ok: true; files: AttachmentUpload[] } | { ok: false; message: string }> {
  if (files.length > ATTACHMENT_LIMITS.maxPerMessage)
    return { ok: false, message: `Attach at most ${ATTACHMENT_LIMITS.maxPerMessage} files to one message` };
  const tooBig = files.find((f) => f.size > ATTACHMENT_LIMITS.maxBytes);
  if (tooBig)
    return {
      ok: false,
      message: `“${tooBig.name}” is ${formatBytes(tooBig.size)}: each file can be at most ${ATTACHMENT_LIMITS.maxBytes / MB} MB`,
    };
  const empty = files.find((f) => f.size === 0);
  if (empty) return { ok: false, message: `“${empty.name}” is empty` };
  if (files.reduce((sum, f) => sum + f.size, 0) > ATTACHMENT_LIMITS.maxTotalBytes)
    return {
      ok: false,
      message: `The files can be at most ${ATTACHMENT_LIMITS.maxTotalBytes / MB} MB together`,
    };
  try {
    return {
      ok: true,
      files: await Promise.all(
        files.map(async (f) => ({ filename: f.name, contentBase64: await base64Of(f) })),
      ),
    };
  } catch {
    return { ok: false, message: "A file could not be read. Choose it again." };
  }
}

function fileKey(f: File): string {
  return `${f.name}:${f.size}:${f.lastModified}`;
}

export interface AttachmentPickerProps {
  id: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  error?: string | undefined;
}

/** A labelled file input that adds to the list of chosen files, each removable by its own button. */
export function AttachmentPicker({ id, files, onChange, error }: AttachmentPickerProps) {
  const describedBy = [error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(" ");
  return (
    <div className={cx("td-field", error && "td-field--invalid")}>
      <label className="td-field__label" htmlFor={id}>
        Attach files <span className="td-field__optional">(optional)</span>
      </label>
      <input
        id={id}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        className="ticket-attach__input"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const chosen = Array.from(event.currentTarget.files ?? []);
          // The same file chosen twice is attached once.
          onChange([...files, ...chosen.filter((c) => !files.some((f) => fileKey(f) === fileKey(c)))]);
          // Cleared, so choosing the same file again after removing it works.
          event.currentTarget.value = "";
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="td-field__error">
          {error}
        </p>
      ) : null}
      <p id={`${id}-hint`} className="td-field__hint">
        {ATTACHMENT_HINT}
      </p>
      {files.length > 0 ? (
        <ul className="ticket-attach__list" aria-label="Files to send">
          {files.map((f) => (
            <li key={fileKey(f)} className="ticket-attach__item">
              <span className="ticket-attach__name">{f.name}</span>
              <span className="td-text-muted">{formatBytes(f.size)}</span>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onChange(files.filter((x) => x !== f))}
                aria-label={`Remove ${f.name}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
