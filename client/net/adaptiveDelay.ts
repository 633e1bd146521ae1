// Client (browser and bots): chooses how far in the past remote players are drawn, from how the
// patches actually arrive: their jitter and the stalls TCP retransmissions cause. Pure: the
// caller passes arrival times (ms) and server times (ms); no clock.

import { MIN_RTO_MS } from "./linkSim.js";

/** Share of patches the delay covers: the rest (the head of a loss stall) is bridged by bounded
 *  extrapolation. 0.97 keeps Wi-Fi (0.2 % loss) at ~1.5 patch intervals and covers most of each
 *  stall on a lossy link (2 % loss: 3 % of frames extrapolated instead of 5 % with 0.95, in an
 *  offline run of the link simulator; measured with the bots in README "Bots"). */
export const DELAY_QUANTILE = 0.97;
/** Added to the measured lateness, ms: timer and frame granularity. */
export const DELAY_MARGIN_MS = 4;
/** Arrival history the delay is chosen from, ms: long enough to see a few stalls on a lossy link,
 *  short enough that the delay comes back down within 10 s after the link recovers. */
export const LATENESS_WINDOW_MS = 6000;
/** How long the fastest arrival (the link's base one-way delay) is remembered, ms. */
export const OFFSET_WINDOW_MS = 10_000;
/** How fast the delay in use follows its target: the render clock runs at most this much slower
 *  (delay rising) or faster (falling) than real time, so remote players never jump. */
export const SLEW_UP = 0.25;
export const SLEW_DOWN = 0.1;
/** A frame gap longer than this (tab in the background) jumps straight to the target, ms. */
const RESYNC_GAP_MS = 1000;
/** A patch later than this is counted as a loss stall, ms (beyond any jitter of a usable link,
 *  below the 200 ms minimum retransmission timeout). */
export const STALL_LATENESS_MS = 120;

const RING = 1024;

export interface DelayLimits {
  /** Patch interval, ms (the server's tick). */
  patchMs: number;
  /** Largest delay allowed, ms: past it a shot could no longer be rewound to what was drawn. */
  maxDelayMs: number;
}

/**
 * Lateness of a patch = its arrival minus (its server time + the fastest offset seen): 0 for a
 * patch that came as fast as the link allows. The delay covers DELAY_QUANTILE of the recent
 * lateness plus one patch interval (the next patch must be in before the render time reaches the
 * newest one).
 */
export class AdaptiveDelay {
  private readonly lateAt = new Float64Array(RING);
  private readonly late = new Float64Array(RING);
  private readonly scratch = new Float64Array(RING);
  private lateHead = 0;
  private lateCount = 0;
  // Sliding-window minimum of (arrival − server time): monotonic deque in a ring.
  private readonly minAt = new Float64Array(RING);
  private readonly minV = new Float64Array(RING);
  private minFront = 0;
  private minBack = 0;
  private previousTransit = NaN;
  private previousLate = 0;
  private lagMs = NaN;
  private lastNow = NaN;
  private limits: DelayLimits;
  /** Interarrival jitter, ms (RFC 3550 estimator, stalls excluded). */
  jitterMs = 0;
  /** Loss stalls seen (a patch more than STALL_LATENESS_MS late after one that was not). */
  stalls = 0;
  /** The delay the last frame was drawn with, ms. */
  delayMs: number;
  /** The delay the arrivals call for now, ms (the delay in use slews toward it). */
  targetMs: number;
  /** The latest arrival in the window, ms past the fastest: a loss stall's retransmission
   *  timeout plus jitter on a lossy link. */
  maxLatenessMs = 0;

  constructor(limits: DelayLimits, initialDelayMs: number) {
    this.limits = limits;
    this.delayMs = initialDelayMs;
    this.targetMs = initialDelayMs;
  }

  /** Patch interval, ms. */
  get patchMs(): number {
    return this.limits.patchMs;
  }

  setLimits(limits: DelayLimits): void {
    this.limits = limits;
  }

  /** The fastest arrival offset in the window (arrival − server time), ms; NaN before any patch. */
  get baseOffsetMs(): number {
    return this.minFront === this.minBack ? NaN : this.minV[this.minFront % RING];
  }

  /** A patch stamped `serverTime` arrived at `arrival` (both ms). */
  onPatch(serverTime: number, arrival: number): void {
    const transit = arrival - serverTime;
    while (this.minBack > this.minFront && this.minV[(this.minBack - 1) % RING] >= transit) this.minBack--;
    this.minAt[this.minBack % RING] = arrival;
    this.minV[this.minBack % RING] = transit;
    this.minBack++;
    while (this.minAt[this.minFront % RING] < arrival - OFFSET_WINDOW_MS) this.minFront++;

    const late = transit - this.baseOffsetMs;
    this.lateAt[this.lateHead] = arrival;
    this.late[this.lateHead] = late;
    this.lateHead = (this.lateHead + 1) % RING;
    this.lateCount = Math.min(this.lateCount + 1, RING);

    if (late > STALL_LATENESS_MS && this.previousLate <= STALL_LATENESS_MS) this.stalls++;
    else if (late <= STALL_LATENESS_MS && Number.isFinite(this.previousTransit)) {
      this.jitterMs += (Math.abs(transit - this.previousTransit) - this.jitterMs) / 16;
    }
    this.previousTransit = transit;
    this.previousLate = late;
    this.targetMs = this.computeTarget(arrival);
  }

  /**
   * How far behind the server's clock to draw at local time `now`, ms: the render time is
   * `now − lag` on the server's axis. Moves toward the target at a bounded rate.
   */
  lag(now: number): number {
    const base = this.baseOffsetMs;
    if (!Number.isFinite(base)) return NaN;
    const target = base + this.targetMs;
    const dt = now - this.lastNow;
    this.lastNow = now;
    if (!Number.isFinite(this.lagMs) || !(dt >= 0) || dt > RESYNC_GAP_MS) {
      this.lagMs = target;
    } else if (target > this.lagMs) {
      this.lagMs = Math.min(target, this.lagMs + dt * SLEW_UP);
    } else {
      this.lagMs = Math.max(target, this.lagMs - dt * SLEW_DOWN);
    }
    this.delayMs = this.lagMs - base;
    return this.lagMs;
  }

  private computeTarget(now: number): number {
    let n = 0;
    for (let i = 0; i < this.lateCount; i++) {
      const at = (this.lateHead - 1 - i + RING) % RING;
      if (this.lateAt[at] < now - LATENESS_WINDOW_MS) break;
      this.scratch[n++] = this.late[at];
    }
    const recent = this.scratch.subarray(0, n).sort();
    const q = recent[Math.min(n - 1, Math.floor(DELAY_QUANTILE * n))] ?? 0;
    this.maxLatenessMs = recent[n - 1] ?? 0;
    const { patchMs, maxDelayMs } = this.limits;
    const floor = patchMs + DELAY_MARGIN_MS;
    return Math.max(floor, Math.min(maxDelayMs, patchMs + q + DELAY_MARGIN_MS));
  }
}

/** The largest interpolation delay whose shots the server can still rewind to, ms: the cap minus
 *  the shot's trip (the round trip with some jitter), one retransmission of the shot (as long as
 *  the stalls seen downstream, at least Linux's 200 ms) and two ticks of server wait.
 *  `rttMs`: the typical (median) network round trip; `stallMs`: the longest recent lateness. */
export function rewindBudgetMs(maxRewindMs: number, rttMs: number, stallMs: number, patchMs: number): number {
  return maxRewindMs - rttMs * 1.2 - Math.max(MIN_RTO_MS, stallMs) - 2 * patchMs;
}
