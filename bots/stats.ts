// Bots: summaries of samples (percentiles) for reports.

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles over `values` (NaN when empty). */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, p50: NaN, p95: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}
