import { Alert } from "@trustdesk/ui";
import { toApiError } from "./api-error.ts";

/** What a page says above its content after an action: done, or why the API refused it. */
export type Notice = { tone: "success" | "danger"; text: string } | null;

/** The page's notice, if any: a refusal is announced at once, a success politely. */
export function NoticeAlert({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <Alert tone={notice.tone} live={notice.tone === "danger" ? "assertive" : "polite"}>
      {notice.text}
    </Alert>
  );
}

/**
 * The per-call callbacks of an action started from a row (no form to show errors beside): its
 * success, or the API's refusal, becomes the page's notice.
 */
export function noticeCallbacks(onNotice: (notice: Notice) => void, success: string) {
  return {
    onSuccess: () => onNotice({ tone: "success", text: success }),
    onError: (error: unknown) => onNotice({ tone: "danger", text: toApiError(error).message }),
  };
}
