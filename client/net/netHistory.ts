// Client (net graph, bots' progress line): the last ~10 s of netcode figures in 250 ms buckets,
// and the same figures as one line of text. Renderer-free.

/** Running counters and current values a probe hands over each frame. */
export interface NetCounters {
  /** Network round trip (ping), ms. */
  rttMs: number;
  /** Patch arrival jitter, ms. */
  jitterMs: number;
  /** Interpolation delay in use, ms. */
  delayMs: number;
  /** Latest input → acknowledgement time, ms. */
  inputDelayMs: number;
  /** Running counts. */
  stalls: number;
  remoteFrames: number;
  frozenFrames: number;
  corrections: number;
  correctionsNonZero: number;
  patches: number;
  bytesIn: number;
  bytesOut: number;
}

/** One bucket of the graph: values at its end, rates over it. */
export interface NetPoint {
  at: number;
  rttMs: number;
  jitterMs: number;
  delayMs: number;
  inputDelayMs: number;
  /** Loss stalls that started in the bucket. */
  stalls: number;
  /** Share of frames with a moving remote player drawn frozen or jumping, 0–1. */
  frozenShare: number;
  /** Own-player corrections that moved it. */
  corrections: number;
  patchesPerSec: number;
  downKBps: number;
  upKBps: number;
}

export const BUCKET_MS = 250;
export const HISTORY_MS = 10_000;
const POINTS = HISTORY_MS / BUCKET_MS;

export class NetHistory {
  private readonly points: NetPoint[] = [];
  private start: NetCounters | undefined;
  private startAt = NaN;

  /** Call each frame with the running counters. */
  frame(now: number, c: NetCounters): void {
    if (!this.start || !Number.isFinite(this.startAt)) {
      this.start = { ...c };
      this.startAt = now;
      return;
    }
    const span = now - this.startAt;
    if (span < BUCKET_MS) return;
    this.points.push(pointBetween(this.start, c, span, now));
    if (this.points.length > POINTS) this.points.shift();
    this.start = { ...c };
    this.startAt = now;
  }

  /** Oldest first. */
  get series(): readonly NetPoint[] {
    return this.points;
  }

  /** The last second, summed over its buckets (undefined before the first bucket). */
  lastSecond(): NetPoint | undefined {
    const recent = this.points.slice(-Math.round(1000 / BUCKET_MS));
    if (recent.length === 0) return undefined;
    return mergePoints(recent);
  }
}

function pointBetween(a: NetCounters, b: NetCounters, span: number, at: number): NetPoint {
  const seconds = span / 1000;
  const remote = b.remoteFrames - a.remoteFrames;
  return {
    at,
    rttMs: b.rttMs,
    jitterMs: b.jitterMs,
    delayMs: b.delayMs,
    inputDelayMs: b.inputDelayMs,
    stalls: b.stalls - a.stalls,
    frozenShare: remote > 0 ? (b.frozenFrames - a.frozenFrames) / remote : 0,
    corrections: b.correctionsNonZero - a.correctionsNonZero,
    patchesPerSec: (b.patches - a.patches) / seconds,
    downKBps: (b.bytesIn - a.bytesIn) / seconds / 1024,
    upKBps: (b.bytesOut - a.bytesOut) / seconds / 1024,
  };
}

/** Buckets (or several clients' last seconds) folded into one: values averaged, events summed. */
export function mergePoints(points: readonly NetPoint[]): NetPoint {
  const n = points.length;
  const avg = (f: (p: NetPoint) => number) => points.reduce((sum, p) => sum + f(p), 0) / n;
  const sum = (f: (p: NetPoint) => number) => points.reduce((total, p) => total + f(p), 0);
  return {
    at: points[n - 1].at,
    rttMs: avg((p) => p.rttMs),
    jitterMs: avg((p) => p.jitterMs),
    delayMs: avg((p) => p.delayMs),
    inputDelayMs: avg((p) => p.inputDelayMs),
    stalls: sum((p) => p.stalls),
    frozenShare: avg((p) => p.frozenShare),
    corrections: sum((p) => p.corrections),
    patchesPerSec: avg((p) => p.patchesPerSec),
    downKBps: avg((p) => p.downKBps),
    upKBps: avg((p) => p.upKBps),
  };
}

/** The figures as one line, shared by the net graph and the bots' progress line. */
export function formatNetLine(p: NetPoint): string {
  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "–");
  return [
    `rtt ${f(p.rttMs)} ms`,
    `input ${f(p.inputDelayMs)} ms`,
    `jitter ${f(p.jitterMs, 1)} ms`,
    `stalls ${p.stalls}`,
    `delay ${f(p.delayMs)} ms`,
    `frozen ${f(p.frozenShare * 100, 1)} %`,
    `corrections ${p.corrections}`,
    `${f(p.patchesPerSec, 1)} patches/s`,
    `down ${f(p.downKBps, 1)} up ${f(p.upKBps, 1)} KB/s`,
  ].join(" · ");
}
