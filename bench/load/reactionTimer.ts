// Bench load child (latency probes): input → authoritative update latency, measured the same way
// in every variant: from sending the first input of a run (after standing still) to the first
// state update in which the server has the player moving that way.

import { PROBE_PHASE_STEPS, probeDirection } from "./scripts.js";

/** A run nobody saw within this is a miss, ms. */
const DEADLINE_MS = 1000;

export class ReactionTimer {
  readonly latencies: number[] = [];
  misses = 0;
  private pending: { direction: number; sentAt: number } | undefined;

  /** Call right after input number `step` (0-based) went out at `now` (performance.now ms). */
  sent(step: number, now: number): void {
    const direction = probeDirection(step);
    if (direction !== 0 && step % PROBE_PHASE_STEPS === 0) this.pending = { direction, sentAt: now };
  }

  /** Call on each state update with the own player's authoritative velocity. */
  observed(vx: number, alive: boolean, now: number): void {
    const p = this.pending;
    if (!p) return;
    if (!alive) {
      this.pending = undefined; // fragged: the run cannot show; not the netcode's fault
      return;
    }
    if (vx * p.direction > 0) {
      this.latencies.push(now - p.sentAt);
      this.pending = undefined;
    } else if (now - p.sentAt > DEADLINE_MS) {
      this.misses++;
      this.pending = undefined;
    }
  }

  /** Samples so far, and start over. */
  take(): { latencies: number[]; misses: number } {
    const out = { latencies: this.latencies.splice(0), misses: this.misses };
    this.misses = 0;
    return out;
  }
}
