// Client (browser and bots): where the other players are drawn. Keeps each patch's positions on
// the server's time axis, draws them at an adaptive delay in the past (AdaptiveDelay), bridges a
// gap by extrapolating from the velocity the state carries (bounded), and glides the difference
// out when the held patches arrive (shared/sim/glide.ts), in a form a shot can describe to the
// server. Pure: the caller passes the times; no clock, no renderer.

import { EXTRAPOLATE_MAX_MS, MAX_REWIND_MS, PLAYER_MAX_SPEED, REMOTE_SNAP_PX } from "../../shared/constants.js";
import { extrapolateAxis } from "../../shared/sim/extrapolate.js";
import {
  GLIDE_KEYS, GLIDE_MIN_PX, GLIDE_SLOTS, glideMs, glideShare, wrapTime, type ShotStamp,
} from "../../shared/sim/glide.js";
import { AdaptiveDelay, type DelayLimits } from "./adaptiveDelay.js";

/** What a patch says about one player. */
export interface RemoteState {
  x: number;
  y: number;
  /** px/s */
  vx: number;
  vy: number;
  /** radians */
  aim: number;
  alive: boolean;
}

/** Snapshots kept per player: covers the largest delay at 60 Hz. */
const RING = 64;
/** A frame in which a remote player moved farther than JUMP_SPEED_X × its top speed (plus
 *  JUMP_SLACK_PX) is counted as a jump: the render clock's slew (±25 %) and the fade stay under. */
const JUMP_SPEED_X = 1.8;
const JUMP_SLACK_PX = 2;

class Track {
  readonly t = new Float64Array(RING);
  readonly x = new Float64Array(RING);
  readonly y = new Float64Array(RING);
  readonly vx = new Float64Array(RING);
  readonly vy = new Float64Array(RING);
  readonly aim = new Float64Array(RING);
  readonly alive = new Uint8Array(RING);
  head = 0;
  count = 0;
  /** Per glide slot: the correction this player got (picture before − after), px. */
  readonly glideX = new Float64Array(GLIDE_SLOTS);
  readonly glideY = new Float64Array(GLIDE_SLOTS);
  drawnX = NaN;
  drawnY = NaN;
  /** Last frame's figures for the probe: the drawn position jumped while the server's own
   *  motion did not (the client's doing); the server's motion itself jumped (the player's own
   *  inputs reached the server unevenly and it applied several in one tick); moving at all. */
  jumped = false;
  serverJumped = false;
  moving = false;

  push(time: number, s: RemoteState): void {
    const i = this.head;
    this.t[i] = time; this.x[i] = s.x; this.y[i] = s.y; this.vx[i] = s.vx; this.vy[i] = s.vy;
    this.aim[i] = s.aim; this.alive[i] = s.alive ? 1 : 0;
    this.head = (i + 1) % RING;
    this.count = Math.min(this.count + 1, RING);
  }

  /** Raw drawn position at server time `r` (no correction residual), into `out`. */
  at(r: number, out: { x: number; y: number; aim: number; vx: number; vy: number }): void {
    const newest = (this.head - 1 + RING) % RING;
    if (r >= this.t[newest] || this.count === 1) {
      const lead = Math.min(Math.max(0, r - this.t[newest]), EXTRAPOLATE_MAX_MS);
      const moving = this.alive[newest] === 1;
      out.vx = moving ? this.vx[newest] : 0;
      out.vy = moving ? this.vy[newest] : 0;
      out.x = extrapolateAxis(this.x[newest], out.vx, lead);
      out.y = extrapolateAxis(this.y[newest], out.vy, lead);
      out.aim = this.aim[newest];
      return;
    }
    if (this.bracket(r)) {
      const { a, b, u } = this.span;
      out.x = this.x[a] + (this.x[b] - this.x[a]) * u;
      out.y = this.y[a] + (this.y[b] - this.y[a]) * u;
      out.vx = this.vx[a] + (this.vx[b] - this.vx[a]) * u;
      out.vy = this.vy[a] + (this.vy[b] - this.vy[a]) * u;
      out.aim = lerpAngle(this.aim[a], this.aim[b], u);
      return;
    }
    const b = this.span.b;
    out.x = this.x[b]; out.y = this.y[b]; out.vx = 0; out.vy = 0; out.aim = this.aim[b];
  }

  /** The two updates around server time `r` (older `a`, newer `b`) and how far between them `r`
   *  lies (`u`, 0 across a teleport), in `span`; false when `r` is older than every update
   *  (`span.b` is then the oldest). Reused: no allocation per frame. */
  private readonly span = { a: 0, b: 0, u: 0 };

  private bracket(r: number): boolean {
    const newest = (this.head - 1 + RING) % RING;
    let b = newest;
    for (let k = 1; k < this.count; k++) {
      const a = (newest - k + RING) % RING;
      if (this.t[a] <= r) {
        this.span.a = a;
        this.span.b = b;
        this.span.u = teleported(this, a, b) ? 0 : (r - this.t[a]) / (this.t[b] - this.t[a]);
        return true;
      }
      b = a;
    }
    this.span.b = b;
    return false;
  }

  /** Whether the server moved this player faster than it can run (`limitPxPerMs`) anywhere
   *  between server times `from` and `to`: its inputs reached the server unevenly (jitter, a
   *  stall) and the server applied several in one tick. */
  burst(from: number, to: number, limitPxPerMs: number): boolean {
    const newest = (this.head - 1 + RING) % RING;
    let b = newest;
    for (let k = 1; k < this.count; k++) {
      const a = (newest - k + RING) % RING;
      if (this.t[b] <= from) return false;
      if (this.t[a] < to) {
        const d = Math.hypot(this.x[b] - this.x[a], this.y[b] - this.y[a]);
        if (d > limitPxPerMs * (this.t[b] - this.t[a]) && d < REMOTE_SNAP_PX) return true;
      }
      b = a;
    }
    return false;
  }

  /** Where the server had this player at time `r` (tick positions, linear between them), or
   *  false when the patches do not cover `r` yet. */
  truth(r: number, out: { x: number; y: number }): boolean {
    const newest = (this.head - 1 + RING) % RING;
    if (this.count < 2 || r > this.t[newest] || !this.bracket(r)) return false;
    const { a, b, u } = this.span;
    out.x = this.x[a] + (this.x[b] - this.x[a]) * u;
    out.y = this.y[a] + (this.y[b] - this.y[a]) * u;
    return true;
  }
}

export interface DrawnRemote {
  x: number;
  y: number;
  aim: number;
}

/**
 * One per session. Per patch: `onPatch(serverTime, arrival, players)`. Per frame: `advance(now)`
 * then `drawn(id)` for each remote player. Times in ms; `now` and `arrival` on one local clock.
 */
export class RemoteTimeline {
  readonly delay: AdaptiveDelay;
  private readonly tracks = new Map<string, Track>();
  private readonly scratch = { x: 0, y: 0, aim: 0, vx: 0, vy: 0 };
  private readonly before = { x: 0, y: 0, aim: 0, vx: 0, vy: 0 };
  private readonly out: DrawnRemote = { x: 0, y: 0, aim: 0 };
  private newestTime = -Infinity;
  private lastFrame = NaN;
  /** Corrections gliding out, one slot each: the render time they happened at, the newest
   *  update before and after (server ms), when (local ms) and until when they glide. */
  private readonly glides = new Glides();
  /** The same, as the last frame showed them (a shot describes that frame). */
  private readonly shown = new Glides();
  private shownNewest = NaN;
  /** Corrections cut short because every slot was gliding (the picture jumped by their rest). */
  glidesCut = 0;
  /** Server time the last frame showed, ms (NaN before the first patch). */
  renderTime = NaN;
  /** How far past the newest patch the last frame ran, ms (0: interpolated), at most
   *  EXTRAPOLATE_MAX_MS. */
  leadMs = 0;
  /** Whether the last frame ran past EXTRAPOLATE_MAX_MS: moving players were held in place. */
  held = false;
  /** How far past the newest patch the last frame was, ms, unbounded (0: interpolated). */
  pastNewestMs = 0;

  constructor(limits: DelayLimits, initialDelayMs: number) {
    this.delay = new AdaptiveDelay(limits, initialDelayMs);
  }

  /** Newest patch's server time, ms. */
  get newestPatchTime(): number {
    return this.newestTime;
  }

  /** A patch stamped `serverTime` arrived at `arrival` with these players (every player in the
   *  state, so each has a sample at every patch time). */
  onPatch(serverTime: number, arrival: number, players: Iterable<[string, RemoteState]>): void {
    if (!(serverTime > this.newestTime)) return;
    const previous = this.newestTime;
    this.newestTime = serverTime;
    this.delay.onPatch(serverTime, arrival);
    const r = this.renderTime;
    // Only a picture drawn past the newest update changes when a newer one arrives.
    const slot = r > previous ? this.glideSlot(r, previous, serverTime) : -1;
    for (const [id, state] of players) {
      let track = this.tracks.get(id);
      if (!track) {
        track = new Track();
        this.tracks.set(id, track);
      }
      const drawnBefore = slot >= 0 && track.count > 0;
      if (drawnBefore) track.at(r, this.before);
      track.push(serverTime, state);
      if (!drawnBefore) continue;
      // Keep the picture where it was this instant; the difference glides out.
      track.at(r, this.scratch);
      track.glideX[slot] += this.before.x - this.scratch.x;
      track.glideY[slot] += this.before.y - this.scratch.y;
    }
    if (slot >= 0) this.glideLasts(slot);
  }

  /** The slot for a correction at render time `r` from update `from` to `to`: the held patches
   *  of a stall arrive together, and each one that continues the last correction of this same
   *  instant joins it (its pictures telescope: before the first − after the last). */
  private glideSlot(r: number, from: number, to: number): number {
    const g = this.glides;
    const last = g.last;
    if (last >= 0 && g.used[last] === 1 && g.at[last] === r && g.to[last] === from) {
      g.to[last] = to;
      return last;
    }
    let slot = g.used.indexOf(0);
    if (slot < 0) {
      slot = 0;
      for (let k = 1; k < GLIDE_SLOTS; k++) if (g.ends[k] < g.ends[slot]) slot = k;
      this.glidesCut++;
    }
    // Its age counts from the frame that showed render time `r` (the render clock ran from there).
    g.used[slot] = 1; g.at[slot] = r; g.from[slot] = from; g.to[slot] = to; g.born[slot] = this.lastFrame;
    g.last = slot;
    for (const track of this.tracks.values()) track.glideX[slot] = track.glideY[slot] = 0;
    return slot;
  }

  /** Until when slot `slot` glides: the longest of its players' glides; freed when none moved. */
  private glideLasts(slot: number): void {
    let lasts = 0;
    for (const track of this.tracks.values()) {
      const d = Math.hypot(track.glideX[slot], track.glideY[slot]);
      if (d >= GLIDE_MIN_PX && d <= REMOTE_SNAP_PX) lasts = Math.max(lasts, glideMs(d));
    }
    const g = this.glides;
    g.ends[slot] = g.born[slot] + lasts;
    if (lasts === 0) g.used[slot] = 0;
  }

  /** Write what the last frame showed into a shot's stamp (ShotStamp: the server redraws it).
   *  An empty glide slot only gets `at` = 0: its other fields keep their value and cost no bytes
   *  (the input encoder sends changed fields only). */
  stampShot(out: ShotStamp): void {
    const shown = this.shown;
    out.lead = Math.min(MAX_REWIND_MS, Math.round(this.pastNewestMs));
    out.newest = Number.isFinite(this.shownNewest) ? wrapTime(this.shownNewest) : 0;
    for (let k = 0; k < GLIDE_SLOTS; k++) {
      const keys = GLIDE_KEYS[k];
      if (shown.used[k] === 0) {
        out[keys.at] = 0;
        continue;
      }
      out[keys.from] = wrapTime(shown.from[k]);
      out[keys.to] = wrapTime(shown.to[k]);
      out[keys.at] = Math.min(0xffff, Math.max(1, Math.round(shown.at[k] - shown.from[k])));
      out[keys.age] = Math.min(0xffff, Math.round(shown.born[k]));
    }
  }

  /** A player left: forget its history. */
  forget(id: string): void {
    this.tracks.delete(id);
  }

  /** Start the frame at local time `now`: choose the render time and age the corrections. */
  advance(now: number): void {
    const lag = this.delay.lag(now);
    const dt = Number.isFinite(this.lastFrame) ? Math.max(0, now - this.lastFrame) : 0;
    this.lastFrame = now;
    if (!Number.isFinite(lag)) return;
    const previousRender = this.renderTime;
    this.renderTime = now - lag;
    const past = this.renderTime - this.newestTime;
    this.pastNewestMs = Math.max(0, past);
    this.leadMs = Math.min(this.pastNewestMs, EXTRAPOLATE_MAX_MS);
    this.held = past > EXTRAPOLATE_MAX_MS;
    const g = this.glides;
    for (let k = 0; k < GLIDE_SLOTS; k++) if (g.used[k] === 1 && now >= g.ends[k]) g.used[k] = 0;
    this.shown.copyFrom(g, now);
    this.shownNewest = this.newestTime;
    for (const track of this.tracks.values()) {
      track.at(this.renderTime, this.scratch);
      let x = this.scratch.x;
      let y = this.scratch.y;
      for (let k = 0; k < GLIDE_SLOTS; k++) {
        if (g.used[k] === 0) continue;
        const gx = track.glideX[k];
        const gy = track.glideY[k];
        const share = glideShare(now - g.born[k], Math.hypot(gx, gy));
        x += gx * share;
        y += gy * share;
      }
      const limit = (JUMP_SPEED_X * PLAYER_MAX_SPEED * dt) / 1000 + JUMP_SLACK_PX;
      const step = Math.hypot(x - track.drawnX, y - track.drawnY);
      track.moving = this.scratch.vx !== 0 || this.scratch.vy !== 0;
      // Slack of one patch interval: a burst just converged from extrapolation shows a little later.
      track.serverJumped = dt > 0 && track.burst(previousRender - this.delay.patchMs, this.renderTime, (JUMP_SPEED_X * PLAYER_MAX_SPEED) / 1000);
      track.jumped = dt > 0 && !track.serverJumped && step > limit && step < REMOTE_SNAP_PX;
      track.drawnX = x;
      track.drawnY = y;
    }
  }

  /** Where to draw player `id` this frame (a reused object), or undefined without a patch yet. */
  drawn(id: string): DrawnRemote | undefined {
    const track = this.tracks.get(id);
    if (!track || track.count === 0 || !Number.isFinite(this.renderTime)) return undefined;
    track.at(this.renderTime, this.scratch);
    this.out.x = track.drawnX;
    this.out.y = track.drawnY;
    this.out.aim = this.scratch.aim;
    return this.out;
  }

  /** Last frame: whether `id` was moving, and whether its drawn position (or the server's own
   *  motion) jumped. */
  motion(id: string): Pick<Track, "moving" | "jumped" | "serverJumped"> | undefined {
    return this.tracks.get(id);
  }

  /** Where the server had `id` at server time `r`, known with hindsight once the patches
   *  covering `r` arrived; false until then. */
  truth(id: string, r: number, out: { x: number; y: number }): boolean {
    return this.tracks.get(id)?.truth(r, out) ?? false;
  }
}

/** Glide slots (see RemoteTimeline.glides). */
class Glides {
  readonly used = new Uint8Array(GLIDE_SLOTS);
  readonly at = new Float64Array(GLIDE_SLOTS);
  readonly from = new Float64Array(GLIDE_SLOTS);
  readonly to = new Float64Array(GLIDE_SLOTS);
  /** Local time of the correction (in a shown copy: its age at that frame, ms). */
  readonly born = new Float64Array(GLIDE_SLOTS);
  readonly ends = new Float64Array(GLIDE_SLOTS);
  /** Slot of the newest correction, or -1. */
  last = -1;

  /** Copy `source` as a frame at local time `now` shows it (`born` becomes the age). */
  copyFrom(source: Glides, now: number): void {
    this.used.set(source.used);
    this.at.set(source.at);
    this.from.set(source.from);
    this.to.set(source.to);
    for (let k = 0; k < GLIDE_SLOTS; k++) this.born[k] = now - source.born[k];
  }
}

/** Between samples `a` and `b` the player was moved, not run (a respawn): hold `a` until `b`. */
function teleported(track: Track, a: number, b: number): boolean {
  if (track.alive[a] === 0 && track.alive[b] === 1) return true;
  return Math.hypot(track.x[b] - track.x[a], track.y[b] - track.y[a]) > REMOTE_SNAP_PX;
}

function lerpAngle(a: number, b: number, u: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return a + d * u;
}
