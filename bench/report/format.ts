// Bench (report, progress): numbers and durations as people read them.

/** `v` with exactly `digits` decimals and thousands separators; "–" when missing. */
export function fmt(v: number, digits: number): string {
  if (!Number.isFinite(v)) return "–";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** 75000 → "1m15s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
