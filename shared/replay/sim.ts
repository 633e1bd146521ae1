// Both sides: a match re-simulated from its replay: the shared movement step for every stored
// input, the stored shot outcomes for damage, and the server's bookkeeping (respawns, spawn
// protection) redone tick by tick. Pure: `npm run replay -- verify` and the browser viewer run it.

import type { ArenaMap } from "../arena.js";
import {
  BLASTER_DAMAGE, MAX_HEALTH, RESPAWN_SECONDS, SPAWN_PROTECTION_SECONDS, ticksFor,
} from "../constants.js";
import { stepPlayer, type MoverState } from "../sim/player.js";
import { traceShot } from "../sim/shot.js";
import { pickSpawn } from "../sim/spawn.js";
import {
  digestState, type CheckedState, type Replay, type ReplayEvent, type ReplayPlayer,
} from "./format.js";

export interface SimPlayer extends ReplayPlayer, CheckedState, MoverState {
  aim: number;
}

/** A shot as the viewer draws it, traced again from the shooter's simulated position and aim. */
export interface SimShot {
  slot: number;
  ox: number;
  oy: number;
  ex: number;
  ey: number;
  hit: number | null;
}

/** Something the re-simulation disagrees with in the stored events. */
export interface SimMismatch {
  slot: number;
  field: "fire";
  /** What the stored events say, and what the simulation did. */
  stored: string;
  simulated: string;
}

export class ReplaySim {
  /** Players by slot, in the order they were seated (the server's order). */
  readonly players = new Map<number, SimPlayer>();
  /** Ticks simulated since the match started. */
  tick = 0;
  /** Shots resolved during the last tick. */
  readonly shots: SimShot[] = [];
  private readonly respawnIn = new Map<number, number>();
  private readonly respawnTicks: number;
  private readonly protectionTicks: number;
  private readonly dt: number;
  private spawnTurn: number;
  private cursor = 0;
  /** Slot whose input fired on the last step and awaits its stored shot, or -1. */
  private pendingShot = -1;

  constructor(private readonly replay: Replay, private readonly arena: ArenaMap) {
    const h = replay.header;
    this.dt = 1 / h.tickRate;
    this.respawnTicks = ticksFor(RESPAWN_SECONDS, h.tickRate);
    this.protectionTicks = ticksFor(SPAWN_PROTECTION_SECONDS, h.tickRate);
    this.spawnTurn = h.spawnTurn;
    for (const p of h.players) this.players.set(p.slot, { ...p, aim: 0 });
  }

  /** Whether every event has been simulated. */
  get finished(): boolean {
    return this.cursor >= this.replay.events.length;
  }

  /**
   * Simulate up to and including the next tick's end. `onEvent` sees each event after it is
   * applied (the verifier checks digests there). Returns the first disagreement with the stored
   * shots, if any.
   */
  stepTick(onEvent?: (event: ReplayEvent) => void): SimMismatch | undefined {
    this.shots.length = 0;
    let mismatch: SimMismatch | undefined;
    const events = this.replay.events;
    while (this.cursor < events.length) {
      const event = events[this.cursor++];
      if (this.pendingShot >= 0 && (event.kind !== "shot" || event.slot !== this.pendingShot)) {
        mismatch ??= { slot: this.pendingShot, field: "fire", stored: "no shot", simulated: "fired" };
        this.pendingShot = -1;
      }
      switch (event.kind) {
        case "input": this.applyInput(event); break;
        case "shot":
          if (this.pendingShot !== event.slot) {
            mismatch ??= { slot: event.slot, field: "fire", stored: "a shot", simulated: "could not fire (cooldown or dead)" };
          }
          this.pendingShot = -1;
          this.applyShot(event);
          break;
        case "join": this.join(event); break;
        case "leave":
          this.players.delete(event.slot);
          this.respawnIn.delete(event.slot);
          break;
        case "tick": this.endTick(); break;
        case "checkpoint": break;
      }
      onEvent?.(event);
      if (event.kind === "tick") break;
    }
    return mismatch;
  }

  /** The state digest the server computes at the end of a tick. */
  digest(): number {
    return digestState(this.digestEntries());
  }

  private *digestEntries(): Iterable<{ slot: number; state: CheckedState }> {
    for (const p of this.players.values()) yield { slot: p.slot, state: p };
  }

  private applyInput(e: Extract<ReplayEvent, { kind: "input" }>): void {
    const p = this.players.get(e.slot);
    if (!p) return;
    p.aim = e.aim;
    if (stepPlayer(p, e, this.dt, this.arena)) this.pendingShot = e.slot;
  }

  private applyShot(e: Extract<ReplayEvent, { kind: "shot" }>): void {
    const shooter = this.players.get(e.slot);
    if (!shooter) return;
    const target = e.hit === null ? [] : [{ id: String(e.hit), x: e.jx, y: e.jy }];
    const traced = traceShot(shooter.x, shooter.y, shooter.aim, this.arena, target);
    this.shots.push({ slot: e.slot, ox: shooter.x, oy: shooter.y, ex: traced.endX, ey: traced.endY, hit: e.hit });
    if (e.hit === null || !this.replay.header.damage) return;
    const victim = this.players.get(e.hit);
    if (!victim || !victim.alive || victim.shield > 0) return;
    victim.health = Math.max(0, victim.health - BLASTER_DAMAGE);
    if (victim.health > 0) return;
    victim.alive = false;
    victim.vx = 0;
    victim.vy = 0;
    victim.deaths += 1;
    shooter.frags += 1;
    this.respawnIn.set(e.hit, this.respawnTicks);
  }

  private join(e: Extract<ReplayEvent, { kind: "join" }>): void {
    const p: SimPlayer = {
      slot: e.slot, name: e.name, color: e.color, bot: e.bot, aim: 0,
      x: 0, y: 0, vx: 0, vy: 0, cooldown: 0, alive: true, health: MAX_HEALTH, shield: 0, frags: 0, deaths: 0,
    };
    this.players.set(e.slot, p);
    this.spawn(p);
  }

  /** The server's end of tick: spawn protection runs down, the dead respawn when due. */
  private endTick(): void {
    this.tick++;
    for (const p of this.players.values()) if (p.shield > 0) p.shield -= 1;
    for (const [slot, left] of this.respawnIn) {
      if (left > 1) {
        this.respawnIn.set(slot, left - 1);
        continue;
      }
      this.respawnIn.delete(slot);
      const p = this.players.get(slot);
      if (p) this.spawn(p);
    }
  }

  private spawn(p: SimPlayer): void {
    const opponents: Array<{ x: number; y: number }> = [];
    for (const o of this.players.values()) if (o !== p && o.alive) opponents.push({ x: o.x, y: o.y });
    const at = pickSpawn(this.arena.spawns, opponents, this.spawnTurn++);
    p.x = at.x;
    p.y = at.y;
    p.vx = 0;
    p.vy = 0;
    p.alive = true;
    p.health = MAX_HEALTH;
    p.shield = this.protectionTicks;
    p.cooldown = 0;
  }
}
