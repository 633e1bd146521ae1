// Adaptive interpolation delay and gap filling against scripted patch arrivals (no clocks: the
// test passes every arrival and frame time).

import { describe, expect, it } from "vitest";
import { EXTRAPOLATE_MAX_MS, PLAYER_MAX_SPEED } from "../../shared/constants.js";
import { RemoteTimeline, type RemoteState } from "./RemoteTimeline.js";

const PATCH_MS = 1000 / 30;
const FRAME_MS = 1000 / 60;
const BASE_TRANSIT_MS = 45;

/** A player running along x at full speed, turning back every 1.5 s (server time `s`, ms). */
function runner(s: number): RemoteState {
  const leg = 1500;
  const phase = s % (2 * leg);
  const forward = phase < leg;
  const along = forward ? phase : 2 * leg - phase;
  return { x: 100 + (along * PLAYER_MAX_SPEED) / 1000, y: 300, vx: forward ? PLAYER_MAX_SPEED : -PLAYER_MAX_SPEED, vy: 0, aim: 0, alive: true };
}

interface Run {
  timeline: RemoteTimeline;
  /** Per frame: local time, delay in use, lead, held, drawn x, true x at the render time. */
  frames: { now: number; delay: number; lead: number; held: boolean; x: number; truth: number; jumped: boolean }[];
}

/** Patches are stamped every PATCH_MS from server time 0 and arrive `lateness(s)` after
 *  s + BASE_TRANSIT_MS, in order (TCP); frames every FRAME_MS until `untilMs`. */
function play(lateness: (s: number) => number, untilMs: number): Run {
  const timeline = new RemoteTimeline({ patchMs: PATCH_MS, maxDelayMs: 400 }, 100);
  const arrivals: { s: number; at: number }[] = [];
  let last = 0;
  for (let s = 0; s < untilMs; s += PATCH_MS) {
    last = Math.max(last, s + BASE_TRANSIT_MS + lateness(s));
    arrivals.push({ s, at: last });
  }
  const frames: Run["frames"] = [];
  let next = 0;
  for (let now = 0; now < untilMs; now += FRAME_MS) {
    while (next < arrivals.length && arrivals[next].at <= now) {
      const { s, at } = arrivals[next++];
      timeline.onPatch(s, at, [["runner", runner(s)]]);
    }
    timeline.advance(now);
    const drawn = timeline.drawn("runner");
    if (!drawn) continue;
    frames.push({
      now, delay: timeline.delay.delayMs, lead: timeline.leadMs, held: timeline.held,
      x: drawn.x, truth: runner(timeline.renderTime).x, jumped: timeline.motion("runner")?.jumped ?? false,
    });
  }
  return { timeline, frames };
}

const between = (run: Run, from: number, to: number) => run.frames.filter((f) => f.now >= from && f.now < to);
/** Deterministic pseudo-jitter in [0, 1). */
const noise = (s: number) => (Math.sin(s * 12.9898) * 43758.5453) % 1 + (Math.sin(s * 12.9898) * 43758.5453 < 0 ? 1 : 0);

describe("RemoteTimeline: adaptive delay", () => {
  it("steady arrivals: draws ≤ 2 patch intervals in the past, exactly where the server had the player", () => {
    const run = play((s) => noise(s) * 2, 8000);
    const settled = between(run, 3000, 8000);
    for (const f of settled) {
      expect(f.delay).toBeLessThanOrEqual(2 * PATCH_MS);
      expect(f.lead).toBe(0);
      expect(Math.abs(f.x - f.truth)).toBeLessThan(0.01);
      expect(f.jumped).toBe(false);
    }
  });

  it("a jitter burst raises the delay above the jitter, without freezing or jumping", () => {
    // Steady, then 3 s of up to 60 ms extra transit, then steady again.
    const run = play((s) => (s >= 4000 && s < 7000 ? noise(s) * 60 : noise(s) * 2), 9000);
    const before = between(run, 3000, 4000);
    const during = between(run, 5500, 7000);
    expect(Math.max(...before.map((f) => f.delay))).toBeLessThanOrEqual(2 * PATCH_MS);
    expect(Math.min(...during.map((f) => f.delay))).toBeGreaterThan(PATCH_MS + 45);
    const late = during.filter((f) => f.lead > 0).length / during.length;
    expect(late).toBeLessThan(0.05);
    expect(run.frames.some((f) => f.jumped || f.held)).toBe(false);
  });

  it("comes back down within 10 s after the link recovers", () => {
    // A lossy second (stalls of 210 ms every 500 ms), then a clean link.
    const run = play((s) => (s >= 3000 && s < 5000 && s % 500 < PATCH_MS ? 210 : noise(s) * 2), 20_000);
    const peak = Math.max(...between(run, 3000, 6000).map((f) => f.delay));
    expect(peak).toBeGreaterThan(150);
    const recovered = between(run, 5000 + 10_000, 20_000);
    for (const f of recovered) expect(f.delay).toBeLessThanOrEqual(2 * PATCH_MS);
  });
});

describe("RemoteTimeline: gap filling", () => {
  it("a 400 ms stall: the player keeps moving for EXTRAPOLATE_MAX_MS, then glides back without a jump", () => {
    // One patch held 400 ms (a retransmission), everything behind it queued (TCP).
    const stallAt = 4000;
    const run = play((s) => (s >= stallAt && s < stallAt + PATCH_MS ? 400 : noise(s) * 2), 8000);
    const stall = between(run, stallAt + BASE_TRANSIT_MS, stallAt + BASE_TRANSIT_MS + 400);
    const extrapolated = stall.filter((f) => f.lead > 0);
    expect(extrapolated.length).toBeGreaterThan(0);
    // Moving, not frozen, up to the bound; held only beyond it.
    for (const f of stall) expect(f.held).toBe(f.lead >= EXTRAPOLATE_MAX_MS);
    const firstHeld = stall.find((f) => f.held);
    if (firstHeld) {
      const lastMoving = stall.filter((f) => f.now < firstHeld.now && f.lead > 0);
      expect(lastMoving.length).toBeGreaterThan((EXTRAPOLATE_MAX_MS - 2 * FRAME_MS) / FRAME_MS);
    }
    // No jump anywhere; back on the server's path within 1 s of the stall's end.
    for (let i = 1; i < run.frames.length; i++) {
      const step = Math.abs(run.frames[i].x - run.frames[i - 1].x);
      expect(step).toBeLessThanOrEqual(2 * PLAYER_MAX_SPEED * FRAME_MS / 1000 + 0.5);
    }
    for (const f of between(run, stallAt + 1600, 8000)) expect(Math.abs(f.x - f.truth)).toBeLessThan(0.5);
  });

  it("extrapolation along a straight run is exact", () => {
    // Stall in the middle of a leg (the runner turns at 1500 ms multiples).
    const stallAt = 3400;
    const run = play((s) => (s >= stallAt && s < stallAt + PATCH_MS ? 150 : 0), 6000);
    const stall = between(run, stallAt, stallAt + 400).filter((f) => f.lead > 0);
    expect(stall.length).toBeGreaterThan(0);
    for (const f of stall) expect(Math.abs(f.x - f.truth)).toBeLessThan(0.5);
  });

  it("stamps the render time it drew: the truth at renderTime is what was drawn while interpolating", () => {
    const run = play((s) => noise(s) * 5, 5000);
    const last = run.frames[run.frames.length - 1];
    const out = { x: 0, y: 0 };
    expect(run.timeline.truth("runner", run.timeline.renderTime, out)).toBe(last.lead === 0);
    if (last.lead === 0) expect(out.x).toBeCloseTo(last.x, 6);
  });
});
