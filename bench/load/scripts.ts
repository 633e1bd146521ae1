// Bench load child: what each client presses, step by step: a seeded script, so every variant
// receives the same input streams; and the latency probes' stop-and-go pattern.

import { seededRandom } from "../../shared/random.js";
import type { Controls } from "../../client/net/GameSession.js";

/** What a bot presses in one step (the game client's own controls). */
export type Command = Controls;

/** Share of segments in which a bot moves, and in which it holds the trigger. */
const MOVING_SHARE = 0.85;
const FIRING_SHARE = 0.5;
/** Segment length, steps (0.5–2 s at 30 Hz). */
const SEGMENT_MIN = 15;
const SEGMENT_MAX = 60;
/** Aim sweep per step, radians: aim moves a little every step, like a mouse. */
const AIM_SWEEP = 0.02;

/** One bot's input stream: segments of straight running (or standing) with a sweeping aim. */
export class InputScript {
  private readonly random: () => number;
  private left = 0;
  private moveX = 0;
  private moveY = 0;
  private aim = 0;
  private sweep = 0;
  private fire = false;

  constructor(seed: number, bot: number) {
    this.random = seededRandom(seed * 1_000_003 + bot);
  }

  /** The next step's command, written into `out`. */
  next(out: Command): void {
    if (this.left <= 0) {
      const r = this.random;
      this.left = SEGMENT_MIN + Math.floor(r() * (SEGMENT_MAX - SEGMENT_MIN));
      const heading = r() * 2 * Math.PI;
      const moving = r() < MOVING_SHARE;
      this.moveX = moving ? Math.cos(heading) : 0;
      this.moveY = moving ? Math.sin(heading) : 0;
      this.aim = r() * 2 * Math.PI;
      this.sweep = (r() < 0.5 ? -1 : 1) * AIM_SWEEP;
      this.fire = r() < FIRING_SHARE;
    }
    this.left--;
    this.aim = (this.aim + this.sweep + 2 * Math.PI) % (2 * Math.PI);
    out.moveX = this.moveX;
    out.moveY = this.moveY;
    out.aim = this.aim;
    out.fire = this.fire;
  }
}

/** Steps per probe phase: rest, run right, rest, run left (400 ms each at 30 Hz). */
export const PROBE_PHASE_STEPS = 12;

/** Direction the probe runs on step `step`: +1, -1, or 0 (standing). */
export function probeDirection(step: number): number {
  const phase = Math.floor(step / PROBE_PHASE_STEPS) % 4;
  return phase === 1 ? 1 : phase === 3 ? -1 : 0;
}

export function probeCommand(step: number, out: Command): void {
  out.moveX = probeDirection(step);
  out.moveY = 0;
  out.aim = 0;
  out.fire = false;
}
