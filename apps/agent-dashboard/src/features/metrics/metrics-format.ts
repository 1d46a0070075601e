const HOUR_MS = 3_600_000;

/** "5.3 h", "2 d 4 h" (from 72 h on), "—" for no value: durations of the 24–48 h promise read in hours. */
export function formatHours(ms: number | null): string {
  if (ms === null) return "—";
  const h = ms / HOUR_MS;
  if (h < 72) return `${h.toFixed(1)} h`;
  const days = Math.floor(h / 24);
  const rest = Math.round(h - days * 24);
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

/** "75 %", "33.3 %", "—" when there is nothing to share. */
export function formatShare(share: number | null): string {
  if (share === null) return "—";
  const pct = share * 100;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)} %`;
}

/** Milliseconds to hours for a chart axis (null stays a gap). */
export const toHours = (ms: number | null) => (ms === null ? null : ms / HOUR_MS);
