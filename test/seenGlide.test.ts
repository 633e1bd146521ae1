// What-you-saw hit registration across a stall, scripted (no clocks, no sockets): a client's
// RemoteTimeline extrapolates a runner past its turn while the patches are held up, glides back
// when they arrive, and stamps every frame as a shot would; the server's locateSeen redraws that
// picture from Colyseus' own Rewind history (patch samples) and the stamp. They must agree.

import { Rewind } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { MAX_REWIND_MS, PLAYER_MAX_SPEED, PLAYER_RADIUS } from "../shared/constants.js";
import { Player, PlayerInput } from "../shared/schema.js";
import { GLIDE_KEYS, type ShotStamp } from "../shared/sim/glide.js";
import { RemoteTimeline, type RemoteState } from "../client/net/RemoteTimeline.js";
import { REWIND_HISTORY_MS, locateSeen } from "../server/rooms/seenTarget.js";

const PATCH_MS = 1000 / 30;
const FRAME_MS = 1000 / 60;
/** One-way transit of every patch, ms. */
const TRANSIT_MS = 50;
/** The runner turns around at this server time, ms, in the middle of a stall. */
const TURN_AT = 2000;
/** Patches stamped in [STALL_FROM, STALL_TO) arrive together at STALL_TO + TRANSIT_MS (a TCP
 *  retransmission holds everything behind the lost segment). */
const STALL_FROM = 1900;
const STALL_TO = 2300;
const RUN_MS = 4000;

/** Runs right at full speed, turns back at TURN_AT (server time `s`, ms). */
function runner(s: number): RemoteState {
  const forward = s < TURN_AT;
  const x = forward ? 100 + (PLAYER_MAX_SPEED * s) / 1000 : 100 + (PLAYER_MAX_SPEED * (2 * TURN_AT - s)) / 1000;
  return { x, y: 300, vx: forward ? PLAYER_MAX_SPEED : -PLAYER_MAX_SPEED, vy: 0, aim: 0, alive: true };
}

interface Frame {
  /** Where the client drew the runner. */
  drawn: number;
  /** Where the server locates it for a shot stamped on this frame. */
  seen: number;
  /** The same with the glides left out of the stamp (what the server judged before). */
  seenWithoutGlides: number;
  /** Forged stamps: the first glide sent twice; every glide claimed to have just begun. */
  seenTwice: number;
  seenYoung: number;
  gliding: boolean;
}

/** The scripted run: patches (integer server times, as on the wire) into the client's timeline
 *  and, once sent, into the server's rewind history; a shot stamped on every frame. */
function play(): Frame[] {
  const timeline = new RemoteTimeline({ patchMs: PATCH_MS, maxDelayMs: MAX_REWIND_MS }, 100);
  const target = new Player();
  // Rewind.get keys one history per room; a fresh key gives a fresh history.
  const rewind = Rewind.get({}, { maxRewindMs: REWIND_HISTORY_MS });
  rewind.attach(target, { fields: ["x", "y", "vx", "vy"], mode: "snapshot" });
  const patches: { s: number; at: number }[] = [];
  for (let i = 0; i * PATCH_MS < RUN_MS; i++) {
    const s = Math.round(i * PATCH_MS);
    patches.push({ s, at: (s >= STALL_FROM && s < STALL_TO ? STALL_TO : s) + TRANSIT_MS });
  }
  const stamp = new PlayerInput() as unknown as ShotStamp;
  const frames: Frame[] = [];
  let arrived = 0;
  let recorded = 0;
  for (let now = 0; now < RUN_MS; now += FRAME_MS) {
    // The server's history up to its present (server time = this local time).
    for (; recorded < patches.length && patches[recorded].s <= now; recorded++) {
      Object.assign(target, runner(patches[recorded].s));
      rewind.record(patches[recorded].s, PATCH_MS);
    }
    for (; arrived < patches.length && patches[arrived].at <= now; arrived++) {
      const s = patches[arrived].s;
      timeline.onPatch(s, patches[arrived].at, [["runner", runner(s)]]);
    }
    timeline.advance(now);
    const drawn = timeline.drawn("runner");
    // Before server time 0 a stamp means "unstamped" (judged live), as before the clock syncs.
    if (!drawn || !(timeline.renderTime >= 1)) continue;
    timeline.stampShot(stamp);
    const renderTime = Math.round(timeline.renderTime);
    const seen = locateSeen(rewind, renderTime, stamp, target, { x: 0, y: 0 }).x;
    const gliding = GLIDE_KEYS.some((k) => stamp[k.at] > 0);
    const locate = (forged: ShotStamp) => locateSeen(rewind, renderTime, forged, target, { x: 0, y: 0 }).x;
    const [first, , , spare] = GLIDE_KEYS;
    const twice = { ...stamp, [spare.from]: stamp[first.from], [spare.to]: stamp[first.to], [spare.at]: stamp[first.at], [spare.age]: stamp[first.age] };
    const young = { ...stamp };
    for (const k of GLIDE_KEYS) young[k.age] = 0;
    const none = { ...stamp };
    for (const k of GLIDE_KEYS) none[k.at] = 0;
    frames.push({ drawn: drawn.x, seen, seenWithoutGlides: locate(none), seenTwice: locate(twice), seenYoung: locate(young), gliding });
  }
  return frames;
}

describe("what-you-saw hit registration across a stall", () => {
  const frames = play();
  const gliding = frames.filter((f) => f.gliding);

  it("the stall makes the client extrapolate past the turn and glide back for a while", () => {
    expect(gliding.length).toBeGreaterThan(10);
    // Without the glides the server would judge a dead-on shot a body radius or more off.
    const worst = Math.max(...gliding.map((f) => Math.abs(f.drawn - f.seenWithoutGlides)));
    expect(worst).toBeGreaterThan(PLAYER_RADIUS);
  });

  it("the server locates the runner where the client drew it, on every frame", () => {
    for (const f of frames) expect(Math.abs(f.drawn - f.seen)).toBeLessThan(0.5);
  });

  it("a forged stamp gets no more than the drawn picture: a glide sent twice counts once, a glide claimed younger than the render clock allows counts not at all", () => {
    for (const f of gliding) {
      expect(f.seenTwice).toBe(f.seen);
      expect(Math.abs(f.seenYoung - f.seenWithoutGlides)).toBeLessThanOrEqual(Math.abs(f.seen - f.seenWithoutGlides) + 1);
    }
  });
});
