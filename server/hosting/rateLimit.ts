// Server: per-key token buckets (room creation per client address). Pure; the clock is passed in.

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** When refused: seconds until one token is back. */
  retryAfterSeconds: number;
}

/** Most keys remembered; past it, full buckets are forgotten first (they hold no state). */
const MAX_KEYS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  /** `perMinute` tokens per minute per key, and a burst of the same size; 0 = unlimited. */
  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {
    this.refillPerMs = perMinute / 60_000;
  }

  take(key: string): RateLimitVerdict {
    if (this.perMinute === 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updatedAt: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    bucket.updatedAt = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= MAX_KEYS) this.prune();
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000) };
  }

  /** Keys currently remembered (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Forget buckets that have refilled completely: they behave exactly like new ones. */
  prune(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs >= this.perMinute) this.buckets.delete(key);
    }
    // Still full of active keys (a spray of addresses): drop the oldest rather than grow.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_KEYS) break;
      this.buckets.delete(key);
    }
  }
}
