// Client (bots, tests, the net graph): measures what a player feels of the netcode: corrections,
// frozen or jumping remote players, where remote players are drawn versus where the server had
// them, the delay in use, input delay, the network round trip, jitter, stalls, bytes and patches.

import { tapConnection } from "./connectionTap.js";
import type { GameSession } from "./GameSession.js";
import { NetHistory } from "./netHistory.js";

/** Running counters and raw samples; summarize with percentiles where they are reported. */
export interface NetSamples {
  /** Own-player correction per reconcile, px (0 = prediction matched). */
  corrections: number[];
  /** Reconciles so far, and of them the ones that moved the own player at all. */
  correctionsCount: number;
  correctionsNonZero: number;
  /** Input sent → server acknowledgement seen (the input delay), ms. */
  ackLatencies: number[];
  /** Network round trip (WebSocket ping), one per answer, ms. */
  rtt: number[];
  /** Patch arrival jitter, sampled once per second, ms. */
  jitter: number[];
  /** Interpolation delay in use, one per frame, ms. */
  delays: number[];
  /** Distance between where a moving remote player was drawn and where the server had it at the
   *  instant drawn (known with hindsight from later patches), px, one per player per frame. */
  drawErrors: number[];
  /** Frames with a moving remote player in view; of them, frames drawn past the newest update
   *  (extrapolated), and frames where one was frozen (held past the extrapolation bound) or
   *  jumped (moved farther in a frame than it can run). */
  remoteFrames: number;
  underrunFrames: number;
  frozenOrJumpingFrames: number;
  /** Frames where a remote player's own motion on the server jumped (its inputs reached the
   *  server unevenly, several applied in one tick): drawn faithfully, not the viewer's link. */
  serverJumpFrames: number;
  /** Patches that arrived in a loss stall. */
  stalls: number;
  bytesIn: number;
  bytesOut: number;
  framesIn: number;
  framesOut: number;
  patches: number;
}

export function emptySamples(): NetSamples {
  return {
    corrections: [], correctionsCount: 0, correctionsNonZero: 0, ackLatencies: [], rtt: [], jitter: [], delays: [], drawErrors: [],
    remoteFrames: 0, underrunFrames: 0, frozenOrJumpingFrames: 0, serverJumpFrames: 0, stalls: 0,
    bytesIn: 0, bytesOut: 0, framesIn: 0, framesOut: 0, patches: 0,
  };
}

/** Drawn positions waiting for the patches that tell where the player really was. */
const PENDING = 4096;

export interface ProbeOptions {
  /** Keep every raw sample (bots, tests: summarized at the end). Off in the browser, where only
   *  the counters and the last ~10 s are kept, so a long session does not grow. */
  keepSamples?: boolean;
}

const browserProbes = new WeakMap<GameSession, NetProbe>();

/** Attach once per session, right after joining; call `frame(now)` after each `session.frame`. */
export class NetProbe {
  /** The session's counters-only probe, made on first use (the browser's scene drives it, the
   *  net graph reads it). */
  static of(session: GameSession): NetProbe {
    let probe = browserProbes.get(session);
    if (!probe) {
      probe = new NetProbe(session, { keepSamples: false });
      browserProbes.set(session, probe);
    }
    return probe;
  }

  readonly samples: NetSamples = emptySamples();
  /** The last ~10 s, for the net graph. */
  readonly history = new NetHistory();
  private readonly session: GameSession;
  private readonly sentAt: number[] = [];
  private seenSent = 0;
  private seenAcked = 0;
  private seenPings = 0;
  private nextClockSample = 0;
  private readonly pendingT = new Float64Array(PENDING);
  private readonly pendingX = new Float64Array(PENDING);
  private readonly pendingY = new Float64Array(PENDING);
  private readonly pendingId: string[] = new Array<string>(PENDING);
  private pendingHead = 0;
  private pendingTail = 0;
  private readonly truth = { x: 0, y: 0 };
  private readonly keep: boolean;
  private lastInputDelay = 0;

  constructor(session: GameSession, options: ProbeOptions = {}) {
    this.session = session;
    this.keep = options.keepSamples ?? true;
    const s = this.samples;
    tapConnection(session.room.connection, {
      send(data, forward) {
        s.bytesOut += data.byteLength;
        s.framesOut++;
        forward(data);
      },
      receive(event, forward) {
        s.bytesIn += event.data.byteLength;
        s.framesIn++;
        forward(event);
      },
    });
    session.room.onStateChange(() => {
      s.patches++;
      this.collectAcks(performance.now());
    });
    const previous = session.listeners.correction;
    session.listeners.correction = (distance) => {
      if (this.keep) s.corrections.push(distance);
      s.correctionsCount++;
      if (distance > 0) s.correctionsNonZero++;
      previous?.(distance);
    };
  }

  /** The latest input → acknowledgement time, ms (0 until measured). */
  get inputDelayMs(): number {
    return this.lastInputDelay;
  }

  frame(now: number): void {
    const session = this.session;
    const s = this.samples;
    for (let seq = this.seenSent + 1; seq <= session.inputsSent; seq++) this.sentAt[seq % 1024] = now;
    this.seenSent = session.inputsSent;
    this.collectAcks(now);

    const remotes = session.remotes;
    let moving = false;
    let bad = false;
    let serverJump = false;
    if (Number.isFinite(remotes.renderTime)) {
      for (const [id, p] of session.room.state.players) {
        if (id === session.sessionId || !p.alive) continue;
        const motion = remotes.motion(id);
        const drawn = remotes.drawn(id);
        if (!motion || !drawn || !motion.moving) continue;
        moving = true;
        if (motion.jumped) bad = true;
        if (motion.serverJumped) serverJump = true;
        if (this.keep) this.remember(remotes.renderTime, id, drawn.x, drawn.y);
      }
      if (this.keep) s.delays.push(remotes.delay.delayMs);
    }
    if (moving) {
      s.remoteFrames++;
      if (remotes.leadMs > 0) s.underrunFrames++;
      if (bad || remotes.held) s.frozenOrJumpingFrames++;
      if (serverJump) s.serverJumpFrames++;
    }
    this.settle();
    s.stalls = remotes.delay.stalls;

    if (session.ping.samples > this.seenPings) {
      this.seenPings = session.ping.samples;
      if (this.keep) s.rtt.push(session.ping.lastMs);
    }
    if (now >= this.nextClockSample && Number.isFinite(remotes.renderTime)) {
      this.nextClockSample = now + 1000;
      if (this.keep) s.jitter.push(remotes.delay.jitterMs);
    }
    this.history.frame(now, {
      rttMs: session.ping.lastMs,
      jitterMs: remotes.delay.jitterMs,
      delayMs: remotes.delay.delayMs,
      stalls: s.stalls,
      remoteFrames: s.remoteFrames,
      frozenFrames: s.frozenOrJumpingFrames,
      corrections: s.correctionsCount,
      correctionsNonZero: s.correctionsNonZero,
      patches: s.patches,
      bytesIn: s.bytesIn,
      bytesOut: s.bytesOut,
      inputDelayMs: this.lastInputDelay,
    });
  }

  private remember(r: number, id: string, x: number, y: number): void {
    if (this.pendingTail - this.pendingHead >= PENDING) this.pendingHead++; // oldest dropped
    const i = this.pendingTail++ % PENDING;
    this.pendingT[i] = r;
    this.pendingX[i] = x;
    this.pendingY[i] = y;
    this.pendingId[i] = id;
  }

  /** Score the drawn positions whose instant the patches now cover. */
  private settle(): void {
    const remotes = this.session.remotes;
    const newest = remotes.newestPatchTime;
    while (this.pendingHead < this.pendingTail) {
      const i = this.pendingHead % PENDING;
      if (this.pendingT[i] > newest) break;
      if (remotes.truth(this.pendingId[i], this.pendingT[i], this.truth)) {
        this.samples.drawErrors.push(Math.hypot(this.pendingX[i] - this.truth.x, this.pendingY[i] - this.truth.y));
      }
      this.pendingHead++;
    }
  }

  private collectAcks(now: number): void {
    const acked = Math.min(this.session.inputsAcked, this.seenSent);
    for (let seq = this.seenAcked + 1; seq <= acked; seq++) {
      // Older than the ring (after a long stall): skip rather than report a wrong figure.
      if (this.seenSent - seq >= 1024) continue;
      this.lastInputDelay = now - this.sentAt[seq % 1024];
      if (this.keep) this.samples.ackLatencies.push(this.lastInputDelay);
    }
    this.seenAcked = Math.max(this.seenAcked, acked);
  }
}
