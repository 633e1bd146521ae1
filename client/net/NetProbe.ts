// Client (bots, tests, debug HUD): measures what a player feels of the netcode: corrections,
// interpolation underruns, input acknowledgement latency, RTT, jitter, bytes and patches.

import { INTERP_DELAY_MS } from "../../shared/constants.js";
import { tapConnection } from "./connectionTap.js";
import type { GameSession } from "./GameSession.js";

/** Running counters and raw samples; summarize with percentiles where they are reported. */
export interface NetSamples {
  /** Own-player correction per reconcile, px (0 = prediction matched). */
  corrections: number[];
  /** Input sent → server acknowledgement seen, ms. */
  ackLatencies: number[];
  /** RTT and jitter as the client's clock sees them, sampled once per second, ms. */
  rtt: number[];
  jitter: number[];
  /** Frames with a moving remote player in view, and how many of them had no newer update to
   *  interpolate toward (the buffer ran dry: the remote is held or extrapolated). */
  remoteFrames: number;
  underrunFrames: number;
  bytesIn: number;
  bytesOut: number;
  framesIn: number;
  framesOut: number;
  patches: number;
}

export function emptySamples(): NetSamples {
  return {
    corrections: [], ackLatencies: [], rtt: [], jitter: [],
    remoteFrames: 0, underrunFrames: 0, bytesIn: 0, bytesOut: 0, framesIn: 0, framesOut: 0, patches: 0,
  };
}

/** Attach once per session, right after joining; call `frame(now)` after each `session.frame`. */
export class NetProbe {
  readonly samples: NetSamples = emptySamples();
  private readonly session: GameSession;
  private readonly sentAt: number[] = [];
  private seenSent = 0;
  private seenAcked = 0;
  private lastPatchAt = -Infinity;
  private nextClockSample = 0;

  constructor(session: GameSession) {
    this.session = session;
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
      this.lastPatchAt = performance.now();
      this.collectAcks(this.lastPatchAt);
    });
    const previous = session.listeners.correction;
    session.listeners.correction = (distance) => {
      s.corrections.push(distance);
      previous?.(distance);
    };
  }

  frame(now: number): void {
    const session = this.session;
    for (let seq = this.seenSent + 1; seq <= session.inputsSent; seq++) this.sentAt[seq % 1024] = now;
    this.seenSent = session.inputsSent;
    this.collectAcks(now);

    let remoteMoving = false;
    for (const [id, p] of session.room.state.players) {
      if (id !== session.sessionId && p.alive && (p.vx !== 0 || p.vy !== 0)) remoteMoving = true;
    }
    if (remoteMoving) {
      this.samples.remoteFrames++;
      if (now - INTERP_DELAY_MS > this.lastPatchAt) this.samples.underrunFrames++;
    }
    if (now >= this.nextClockSample && session.rttMs > 0) {
      this.nextClockSample = now + 1000;
      this.samples.rtt.push(session.rttMs);
      this.samples.jitter.push(session.room.clock?.jitter() ?? 0);
    }
  }

  private collectAcks(now: number): void {
    const acked = Math.min(this.session.inputsAcked, this.seenSent);
    for (let seq = this.seenAcked + 1; seq <= acked; seq++) {
      // Older than the ring (after a long stall): skip rather than report a wrong figure.
      if (this.seenSent - seq < 1024) this.samples.ackLatencies.push(now - this.sentAt[seq % 1024]);
    }
    this.seenAcked = Math.max(this.seenAcked, acked);
  }
}
