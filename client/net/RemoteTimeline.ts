// Client (browser and bots): where the other players are drawn. Keeps each patch's positions on
// the server's time axis, draws them at an adaptive delay in the past (AdaptiveDelay), bridges a
// gap by extrapolating from the velocity the state carries (bounded), and fades the difference
// out when the held patches arrive. Pure: the caller passes the times; no clock, no renderer.

import { EXTRAPOLATE_MAX_MS, PLAYER_MAX_SPEED, REMOTE_SNAP_PX } from "../../shared/constants.js";
import { extrapolateAxis } from "../../shared/sim/extrapolate.js";
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

/** Time constant of the fade from an extrapolated position to the true one, ms: about three
 *  patches, so a wrong guess glides back instead of jumping. */
export const CONVERGE_MS = 100;
/** Snapshots kept per player: covers the largest delay at 60 Hz. */
const RING = 64;
/** The fade moves a remote player at most this fast on top of its own motion, px/s: a wrong
 *  guess glides back rather than teleports. */
const CONVERGE_MAX_SPEED = PLAYER_MAX_SPEED / 2;
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
  /** Residual of the last correction, px, fading with CONVERGE_MS. */
  errX = 0;
  errY = 0;
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
    this.newestTime = serverTime;
    this.delay.onPatch(serverTime, arrival);
    const r = this.renderTime;
    for (const [id, state] of players) {
      let track = this.tracks.get(id);
      if (!track) {
        track = new Track();
        this.tracks.set(id, track);
      }
      const drawnBefore = track.count > 0 && Number.isFinite(r);
      if (drawnBefore) track.at(r, this.before);
      track.push(serverTime, state);
      if (!drawnBefore) continue;
      // Keep the picture where it was this instant; the difference fades out (CONVERGE_MS).
      track.at(r, this.scratch);
      track.errX += this.before.x - this.scratch.x;
      track.errY += this.before.y - this.scratch.y;
      if (Math.hypot(track.errX, track.errY) > REMOTE_SNAP_PX) track.errX = track.errY = 0;
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
    const fade = 1 - Math.exp(-dt / CONVERGE_MS);
    const maxFade = (CONVERGE_MAX_SPEED * dt) / 1000;
    for (const track of this.tracks.values()) {
      const err = Math.hypot(track.errX, track.errY);
      if (err > 0) {
        const keep = 1 - Math.min(err * fade, maxFade) / err;
        track.errX *= keep;
        track.errY *= keep;
      }
      track.at(this.renderTime, this.scratch);
      const x = this.scratch.x + track.errX;
      const y = this.scratch.y + track.errY;
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

/** Between samples `a` and `b` the player was moved, not run (a respawn): hold `a` until `b`. */
function teleported(track: Track, a: number, b: number): boolean {
  return Math.hypot(track.x[b] - track.x[a], track.y[b] - track.y[a]) > REMOTE_SNAP_PX;
}

function lerpAngle(a: number, b: number, u: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return a + d * u;
}
