// Bench (orchestrator, children, tests): percentiles, medians and ranges over samples.

export interface Spread {
  /** Median of the values; NaN when there are none. */
  median: number;
  min: number;
  max: number;
  /** Number of finite values. */
  n: number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile (q in 0..1) of values already sorted ascending; NaN when empty. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** p50 / p99 / max of `values` (not modified). */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentileSorted(sorted, 0.5),
    p99: percentileSorted(sorted, 0.99),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : NaN,
  };
}

/** Median (mean of the two middle values for an even count) and range; non-finite values are ignored. */
export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = finite.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
  return { median, min: finite[0], max: finite[n - 1], n };
}

/** a ÷ b, or NaN when either is missing or b is 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN;
}

/** A growable sample buffer that keeps at most `cap` values (reservoir-free: later values are dropped). */
export class SampleBuffer {
  private values: number[] = [];
  dropped = 0;

  constructor(private readonly cap = 200_000) {}

  push(value: number): void {
    if (this.values.length < this.cap) this.values.push(value);
    else this.dropped++;
  }

  /** The samples so far, and start over. */
  take(): number[] {
    const out = this.values;
    this.values = [];
    this.dropped = 0;
    return out;
  }
}
