// Both sides: the rules of a Skirmish arena: each tick's inputs within a real-time budget,
// spawning, shots, damage, frags, respawns. Generic over the player records it writes (the room's
// schema players, the benchmark baselines' own, a replay's), so everything that runs the game runs
// these rules: the server's room (a thin adapter that feeds inputs in and forwards the events
// out), the benchmark's baselines, and the replay re-simulation (browser and CLI). Deterministic.

import type { ArenaMap } from "../arena.js";
import {
  BLASTER_DAMAGE, MAX_HEALTH, RESPAWN_SECONDS, SPAWN_PROTECTION_SECONDS, ticksFor,
} from "../constants.js";
import type { FragEvent, ShotEvent } from "../protocol.js";
import type { PlayerInput } from "../schema.js";
import type { ShotStamp } from "../sim/glide.js";
import { stepPlayer, type MoverState } from "../sim/player.js";
import { traceShot, type ShotTarget } from "../sim/shot.js";
import { InputBudget, type InputBudgetLimits } from "./InputBudget.js";
import { pickSpawn } from "../sim/spawn.js";

/** Every field of a player the rules read or write (shared/schema.ts Player has them all): the
 *  step's own (MoverState) and the rules'. */
export interface GamePlayer extends MoverState {
  aim: number;
  health: number;
  shield: number;
  frags: number;
  deaths: number;
  name: string;
  color: number;
}

/** What a Map and a Colyseus MapSchema both offer. */
export interface PlayerTable<P> {
  readonly size: number;
  get(id: string): P | undefined;
  set(id: string, player: P): unknown;
  delete(id: string): unknown;
  entries(): IterableIterator<[string, P]>;
  values(): IterableIterator<P>;
}

/** Where `shooterId` saw `target` when firing (live, or rewound: lag compensation); `stamp`: what
 *  the shot says about the shooter's picture (shared/sim/glide.ts). */
export type TargetLocator<P> = (shooterId: string, target: P, stamp: Partial<ShotStamp>) => { x: number; y: number };

/** A shot's outcome decided already (a replay knows what the server decided): whom it hit, and
 *  where that target was judged to be. */
export interface DecidedShot {
  hitId: string | null;
  x: number;
  y: number;
}

export interface ArenaGameEvents {
  onShot(event: ShotEvent): void;
  onFrag(event: FragEvent): void;
  /** An input is about to be applied (the match recorder keeps every applied input). */
  onInput?(id: string, cmd: Command): void;
}

export interface ArenaGameOptions<P extends GamePlayer> {
  /** The players, keyed by session id (written in place). */
  players: PlayerTable<P>;
  /** A fresh player record (fields are then set by the rules). */
  newPlayer(): P;
  arena: ArenaMap;
  /** Whether hits deal damage (off for netcode experiments). */
  damage: boolean;
  /** Ticks per second of the room: rules are set in seconds and counted in ticks. */
  tickRate: number;
  /** The real-time input budget (tickTimings: inputCatchupTicks, inputOverrunTicks). */
  inputBudget: InputBudgetLimits;
  locateTarget: TargetLocator<P>;
  /** When given and it answers, a shot's outcome is taken from it instead of traced against the
   *  located targets (replays: the server's verdict, with positions stored to 1/16 px). */
  decideShot?(shooterId: string): DecidedShot | undefined;
  /** Where the spawn rotation starts (replays start from the server's). */
  spawnRotation?: number;
  events: ArenaGameEvents;
}

/** The subset of an input frame the rules read. */
export type Command = Pick<PlayerInput, "moveX" | "moveY" | "aim" | "fire"> & Partial<ShotStamp>;

/** One player's waiting inputs, oldest first (the room's input buffer). */
export interface InputQueue {
  readonly size: number;
  /** Take the oldest input (it counts as processed: the client's acknowledgement advances). */
  next(): Command | undefined;
}

/** What one tick did with the players' inputs. */
export interface TickReport {
  /** Inputs applied (0: no player acted, nothing to acknowledge). */
  applied: number;
  /** Inputs dropped for going over a player's real-time budget. */
  dropped: number;
  /** Players who keep sending faster than real time (see InputBudget.recordDropped). */
  overrun: string[];
}

export class ArenaGame<P extends GamePlayer> {
  private readonly players: PlayerTable<P>;
  private readonly newPlayer: () => P;
  private readonly arena: ArenaMap;
  private readonly locateTarget: TargetLocator<P>;
  private readonly decideShot: ((shooterId: string) => DecidedShot | undefined) | undefined;
  private readonly damageOn: boolean;
  private readonly respawnTicks: number;
  private readonly protectionTicks: number;
  /** Frags count (off on the results screen). */
  private scoring = true;
  private readonly events: ArenaGameEvents;
  /** Ticks until each dead player respawns. */
  private readonly respawnIn = new Map<string, number>();
  /** Players whose spawn protection is counting down: a tick with nobody here and nobody dead
   *  touches no player (idle rooms send nothing). */
  private readonly shielded = new Set<P>();
  private readonly budgets = new Map<string, InputBudget>();
  private readonly budgetLimits: InputBudgetLimits;
  private readonly report: TickReport = { applied: 0, dropped: 0, overrun: [] };
  /** Plain copy the step runs on: schema fields quantize on every write, and the step writes
   *  intermediate values (sub-steps) that must keep full precision, as they do in the client's
   *  reconciler. The result is on the wire grid, so copying it back loses nothing. */
  private readonly mover: MoverState = { x: 0, y: 0, vx: 0, vy: 0, cooldown: 0, alive: false };
  private spawnTurn = 0;
  private colorTurn = 0;
  private tickCount = 0;
  /** Ticks passed by rest() since the last tick(): the budgets catch up on them at the next. */
  private rested = 0;

  constructor(options: ArenaGameOptions<P>) {
    this.players = options.players;
    this.newPlayer = options.newPlayer;
    this.arena = options.arena;
    this.locateTarget = options.locateTarget;
    this.damageOn = options.damage;
    this.respawnTicks = ticksFor(RESPAWN_SECONDS, options.tickRate);
    this.protectionTicks = ticksFor(SPAWN_PROTECTION_SECONDS, options.tickRate);
    this.events = options.events;
    this.budgetLimits = options.inputBudget;
    this.decideShot = options.decideShot;
    this.spawnTurn = options.spawnRotation ?? 0;
  }

  addPlayer(id: string, name: string): P {
    const player = this.newPlayer();
    player.name = name;
    player.color = this.colorTurn++ % 8;
    this.players.set(id, player);
    this.budgets.set(id, new InputBudget(this.budgetLimits));
    this.spawn(id, player);
    return player;
  }

  /** Seat a player whose state is known already (a replay's players at the start of a match). */
  adoptPlayer(id: string, player: P): void {
    this.players.set(id, player);
    this.budgets.set(id, new InputBudget(this.budgetLimits));
    if (player.shield > 0) this.shielded.add(player);
  }

  removePlayer(id: string): void {
    const player = this.players.get(id);
    if (player) this.shielded.delete(player);
    this.players.delete(id);
    this.respawnIn.delete(id);
    this.budgets.delete(id);
  }

  /**
   * One fixed step of `dt` seconds: each player's waiting inputs within their real-time budget
   * (one step per tick, plus what a stall held up), then the rules' clocks. The report is reused
   * from tick to tick: read it before the next call.
   */
  tick(inputsOf: (id: string) => InputQueue | undefined, dt: number): TickReport {
    const report = this.report;
    report.applied = 0;
    report.dropped = 0;
    report.overrun.length = 0;
    const rested = this.rested;
    this.rested = 0;
    if (rested > 0) for (const budget of this.budgets.values()) budget.idle(rested);
    for (const [id, budget] of this.budgets) {
      const queue = inputsOf(id);
      if (queue === undefined || queue.size === 0) {
        budget.idle();
        continue;
      }
      budget.earn();
      while (queue.size > 0 && budget.spend()) {
        const input = queue.next();
        if (input === undefined) break;
        this.events.onInput?.(id, input);
        this.applyInput(id, input, dt);
        report.applied++;
      }
      let dropped = 0;
      while (queue.size > budget.backlogAllowed) {
        queue.next();
        dropped++;
      }
      report.dropped += dropped;
      if (budget.recordDropped(dropped)) report.overrun.push(id);
    }
    this.endTick();
    return report;
  }

  /** Whether spawn protection counts down for anyone: each tick changes their `shield`. */
  protecting(): boolean {
    return this.shielded.size > 0;
  }

  /** Whether a tick without inputs would change nothing but spawn protection's countdown:
   *  nobody dead, and nobody's protection ending (clients see only whether it is on). */
  atRest(): boolean {
    if (this.respawnIn.size > 0) return false;
    for (const player of this.shielded) if (player.shield <= 1) return false;
    return true;
  }

  /**
   * A tick in which nothing can happen: no input waiting for anyone and atRest(). Exactly what
   * tick() would do then (every player's budget earns a tick, protection counts down), without
   * walking the players.
   */
  rest(): void {
    this.tickCount++;
    this.rested++;
    for (const player of this.shielded) player.shield -= 1;
  }

  /** Apply one input frame of player `id` for one fixed step of `dt` seconds. */
  applyInput(id: string, cmd: Command, dt: number): void {
    const player = this.players.get(id);
    if (!player) return;
    player.aim = cmd.aim;
    const m = this.mover;
    m.x = player.x; m.y = player.y; m.vx = player.vx; m.vy = player.vy;
    m.cooldown = player.cooldown; m.alive = player.alive;
    const fired = stepPlayer(m, cmd, dt, this.arena);
    player.x = m.x; player.y = m.y; player.vx = m.vx; player.vy = m.vy;
    player.cooldown = m.cooldown;
    if (fired) this.fire(id, player, cmd.aim, cmd);
  }

  /** The spawn rotation counter (breaks ties between spawn points): replays start from it. */
  get spawnRotation(): number {
    return this.spawnTurn;
  }

  /** Whether hits hurt and frags count (off between matches). */
  setScoring(on: boolean): void {
    this.scoring = on;
  }

  /** A new match: everyone back to 0 frags and deaths, respawned with full health. */
  startMatch(): void {
    this.respawnIn.clear();
    for (const [id, player] of this.players.entries()) {
      player.frags = 0;
      player.deaths = 0;
      this.spawn(id, player);
    }
  }

  /** The best score among the players, and who holds it alone ("" when nobody, or a tie). */
  leader(): { id: string; frags: number } {
    let bestId = "";
    let bestFrags = 0;
    let tied = false;
    for (const [id, p] of this.players.entries()) {
      if (bestId === "" || p.frags > bestFrags) {
        bestId = id;
        bestFrags = p.frags;
        tied = false;
      } else if (p.frags === bestFrags) {
        tied = true;
      }
    }
    return { id: tied || bestFrags === 0 ? "" : bestId, frags: bestFrags };
  }

  /** The best score among the players (what the frag limit is checked against each tick). */
  topFrags(): number {
    let top = 0;
    for (const p of this.players.values()) if (p.frags > top) top = p.frags;
    return top;
  }

  /** Advance the clocks of the rules by one tick (respawns, spawn protection); part of tick(). */
  endTick(): void {
    this.tickCount++;
    for (const player of this.shielded) {
      if (player.shield > 1) player.shield -= 1;
      else {
        player.shield = 0;
        this.shielded.delete(player);
      }
    }
    for (const [id, left] of this.respawnIn) {
      if (left > 1) {
        this.respawnIn.set(id, left - 1);
        continue;
      }
      this.respawnIn.delete(id);
      const player = this.players.get(id);
      if (player) this.spawn(id, player);
    }
  }

  private fire(shooterId: string, shooter: P, aim: number, stamp: Partial<ShotStamp>): void {
    const targets: ShotTarget[] = [];
    const decided = this.decideShot?.(shooterId);
    if (decided) {
      if (decided.hitId !== null) targets.push({ id: decided.hitId, x: decided.x, y: decided.y });
    } else {
      for (const [id, target] of this.players.entries()) {
        if (id === shooterId || !target.alive) continue;
        const seen = this.locateTarget(shooterId, target, stamp);
        targets.push({ id, x: seen.x, y: seen.y });
      }
    }
    const traced = traceShot(shooter.x, shooter.y, aim, this.arena, targets);
    const shot = decided ? { ...traced, hitId: decided.hitId } : traced;
    this.events.onShot({
      by: shooterId,
      ox: shooter.x,
      oy: shooter.y,
      ex: shot.endX,
      ey: shot.endY,
      hit: shot.hitId ?? "",
      tick: this.tickCount,
    });
    if (shot.hitId !== null && this.damageOn && this.scoring) this.damage(shooterId, shot.hitId, BLASTER_DAMAGE);
  }

  private damage(attackerId: string, victimId: string, amount: number): void {
    const victim = this.players.get(victimId);
    if (!victim || !victim.alive || victim.shield > 0) return;
    victim.health = Math.max(0, victim.health - amount);
    if (victim.health > 0) return;
    victim.alive = false;
    victim.vx = 0;
    victim.vy = 0;
    victim.deaths += 1;
    const attacker = this.players.get(attackerId);
    if (attacker) attacker.frags += 1;
    this.respawnIn.set(victimId, this.respawnTicks);
    this.events.onFrag({ killer: attackerId, victim: victimId });
  }

  private spawn(id: string, player: P): void {
    const opponents: { x: number; y: number }[] = [];
    for (const [other, p] of this.players.entries()) if (other !== id && p.alive) opponents.push({ x: p.x, y: p.y });
    const at = pickSpawn(this.arena.spawns, opponents, this.spawnTurn++);
    player.x = at.x;
    player.y = at.y;
    player.vx = 0;
    player.vy = 0;
    player.alive = true;
    player.health = MAX_HEALTH;
    player.shield = this.protectionTicks;
    if (this.protectionTicks > 0) this.shielded.add(player);
    player.cooldown = 0;
  }
}
