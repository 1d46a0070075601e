import { useEffect } from "react";

/** Sets `document.title` to "<title> · <suffix>" while the calling page is mounted. */
export function useDocumentTitle(title: string, suffix = "Trustdesk"): void {
  useEffect(() => {
    document.title = title ? `${title} · ${suffix}` : suffix;
  }, [title, suffix]);
}
