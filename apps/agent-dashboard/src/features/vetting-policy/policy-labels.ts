import type { BadgeTone } from "@trustdesk/ui";

/** A version's standing in words: the active one, the open draft, an older (retired) one, a discarded draft. */
export function versionStanding(v: { state: string; active: boolean }): { label: string; tone: BadgeTone } {
  if (v.active) return { label: "Active", tone: "success" };
  if (v.state === "draft") return { label: "Draft", tone: "info" };
  if (v.state === "discarded") return { label: "Discarded", tone: "neutral" };
  return { label: "Retired", tone: "neutral" };
}

/** The thresholds as the queue and account page show them beside a score. */
export function thresholdsText(
  review: number | null | undefined,
  reject: number | null | undefined,
): string | null {
  if (review == null || reject == null) return null;
  return `review at ${review}, reject at ${reject}`;
}
