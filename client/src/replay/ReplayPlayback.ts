// Browser client: plays a replay by re-simulating it (shared/replay/sim.ts) at a chosen speed,
// with pause and seeking, and checks the server's digests on the way. Phaser-free: the arena
// scene draws what frame() returns.

import type { ArenaMap } from "../../../shared/arena.js";
import { TICK_DIGEST_MASK, type Replay } from "../../../shared/replay/format.js";
import { ReplaySim, type SimShot } from "../../../shared/replay/sim.js";
import type { PlayerView } from "../../net/GameSession.js";

export const REPLAY_SPEEDS = [0.5, 1, 2, 4] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];
/** Longest frame step, ms: a tab that slept does not jump the replay ahead. */
const MAX_FRAME_MS = 100;

export interface ReplayFrame {
  views: PlayerView[];
  /** Shots resolved since the last frame (drawn as tracers). */
  shots: SimShot[];
}

export class ReplayPlayback {
  readonly totalTicks: number;
  readonly tickRate: number;
  /** Everyone who played in the match (the starters and those who joined), by slot. */
  readonly roster: Array<{ slot: number; name: string }>;
  playing = true;
  speed: ReplaySpeed = 1;
  /** First tick whose state differs from the server's digest, or null (so far all match). */
  desyncTick: number | null = null;
  private sim: ReplaySim;
  /** Playback position, ticks (fractional between two simulated ticks). */
  private position = 0;
  private lastNow: number | undefined;
  /** Positions one tick back, for drawing between ticks. */
  private previous = new Map<number, { x: number; y: number }>();

  constructor(private readonly replay: Replay, private readonly arena: ArenaMap) {
    this.totalTicks = replay.events.reduce((n, e) => n + (e.kind === "tick" ? 1 : 0), 0);
    this.tickRate = replay.header.tickRate;
    this.roster = [
      ...replay.header.players.map((p) => ({ slot: p.slot, name: p.name })),
      ...replay.events.flatMap((e) => (e.kind === "join" ? [{ slot: e.slot, name: e.name }] : [])),
    ];
    this.sim = new ReplaySim(replay, arena);
  }

  get tick(): number {
    return this.sim.tick;
  }

  get finished(): boolean {
    return this.sim.tick >= this.totalTicks;
  }

  /** Jump to `tick` (re-simulating from the start when going back). */
  seek(tick: number): void {
    const target = Math.max(0, Math.min(this.totalTicks, Math.floor(tick)));
    if (target < this.sim.tick) {
      this.sim = new ReplaySim(this.replay, this.arena);
      this.previous.clear();
    }
    while (this.sim.tick < target && !this.sim.finished) this.advance();
    this.position = this.sim.tick;
  }

  /** Advance by the time since the last frame and return what to draw. */
  frame(now: number): ReplayFrame {
    const elapsed = this.lastNow === undefined ? 0 : Math.min(MAX_FRAME_MS, now - this.lastNow);
    this.lastNow = now;
    const shots: SimShot[] = [];
    if (this.playing && !this.finished) {
      this.position = Math.min(this.totalTicks, this.position + (elapsed / 1000) * this.tickRate * this.speed);
      while (this.sim.tick < Math.floor(this.position) && !this.sim.finished) {
        this.advance();
        shots.push(...this.sim.shots);
      }
    }
    return { views: this.views(this.position - Math.floor(this.position)), shots };
  }

  private advance(): void {
    this.previous.clear();
    for (const p of this.sim.players.values()) this.previous.set(p.slot, { x: p.x, y: p.y });
    this.sim.stepTick((event) => {
      if (event.kind === "tick" && this.desyncTick === null && (this.sim.digest() & TICK_DIGEST_MASK) !== event.digest) {
        this.desyncTick = this.sim.tick;
      }
    });
  }

  private views(between: number): PlayerView[] {
    const views: PlayerView[] = [];
    for (const p of this.sim.players.values()) {
      const from = this.previous.get(p.slot);
      // A respawn is a jump, not a glide.
      const glide = from && p.alive && Math.hypot(p.x - from.x, p.y - from.y) < 64;
      const t = this.playing && !this.finished ? between : 0;
      views.push({
        id: String(p.slot), isSelf: false, name: p.name, color: p.color, aim: p.aim,
        x: glide ? from.x + (p.x - from.x) * t : p.x,
        y: glide ? from.y + (p.y - from.y) * t : p.y,
        health: p.health, alive: p.alive, shielded: p.shield > 0, frags: p.frags, deaths: p.deaths, connected: true,
        bot: p.bot, standIn: false,
      });
    }
    return views;
  }
}
