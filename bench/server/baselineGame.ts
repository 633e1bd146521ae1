// Bench server child (Minimal Colyseus and JSON broadcast): the same rules as server/game/ArenaGame
// (shared step, hitscan, damage, frags, respawns, spawn protection) over any player record, so the
// baselines simulate exactly what Skirmish simulates. No lag compensation: a baseline has no
// netcode. ArenaGame itself writes Skirmish's schema classes, hence this copy.

import { ARENA } from "../../shared/arena.js";
import {
  BLASTER_DAMAGE, MAX_HEALTH, MAX_INPUTS_PER_TICK, RESPAWN_SECONDS, SPAWN_PROTECTION_SECONDS, TICK_RATE, ticksFor,
} from "../../shared/constants.js";
import type { FragEvent, ShotEvent } from "../../shared/protocol.js";
import { stepPlayer, type MoveCommand, type MoverState } from "../../shared/sim/player.js";
import { traceShot, type ShotTarget } from "../../shared/sim/shot.js";
import { pickSpawn } from "../../shared/sim/spawn.js";

/** Every field Skirmish's Player schema carries. */
export interface GamePlayer {
  x: number;
  y: number;
  vx: number;
  vy: number;
  aim: number;
  cooldown: number;
  alive: boolean;
  health: number;
  shield: number;
  frags: number;
  deaths: number;
  name: string;
  color: number;
}

export interface GameCommand extends MoveCommand {
  aim: number;
}

/** What a Map and a Colyseus MapSchema both offer. */
export interface PlayerTable<P> {
  get(id: string): P | undefined;
  set(id: string, player: P): unknown;
  delete(id: string): unknown;
  entries(): IterableIterator<[string, P]>;
  values(): IterableIterator<P>;
  keys(): IterableIterator<string>;
}

export interface GameEvents {
  shot(event: ShotEvent): void;
  frag(event: FragEvent): void;
}

/** Inputs waiting per player beyond which the oldest is dropped (Skirmish: ~1 s at 30 Hz). */
const INPUT_QUEUE_MAX = 30;
const RESPAWN_TICKS = ticksFor(RESPAWN_SECONDS, TICK_RATE);
const SPAWN_PROTECTION_TICKS = ticksFor(SPAWN_PROTECTION_SECONDS, TICK_RATE);

export class BaselineGame<P extends GamePlayer> {
  private readonly queues = new Map<string, GameCommand[]>();
  private readonly respawnIn = new Map<string, number>();
  private readonly mover: MoverState = { x: 0, y: 0, vx: 0, vy: 0, cooldown: 0, alive: false };
  private spawnTurn = 0;
  private colorTurn = 0;
  private tick = 0;

  constructor(
    readonly players: PlayerTable<P>,
    private readonly newPlayer: () => P,
    private readonly events: GameEvents,
  ) {}

  add(id: string, name: string): void {
    const player = this.newPlayer();
    player.name = name;
    player.color = this.colorTurn++ % 8;
    this.players.set(id, player);
    this.queues.set(id, []);
    this.spawn(id, player);
  }

  remove(id: string): void {
    this.players.delete(id);
    this.queues.delete(id);
    this.respawnIn.delete(id);
  }

  /** Queue one input frame of `id` (applied at the next tick). */
  queue(id: string, command: GameCommand): void {
    const queue = this.queues.get(id);
    if (!queue) return;
    if (queue.length >= INPUT_QUEUE_MAX) queue.shift();
    queue.push(command);
  }

  /** One fixed step: each player's queued inputs (at most MAX_INPUTS_PER_TICK, as Skirmish), then the clocks. */
  step(dt: number): void {
    for (const [id, queue] of this.queues) {
      const n = Math.min(queue.length, MAX_INPUTS_PER_TICK);
      for (let i = 0; i < n; i++) this.apply(id, queue[i], dt);
      if (n > 0) queue.splice(0, n);
    }
    this.tick++;
    for (const player of this.players.values()) {
      if (player.shield > 0) player.shield -= 1;
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

  private apply(id: string, cmd: GameCommand, dt: number): void {
    const player = this.players.get(id);
    if (!player) return;
    player.aim = cmd.aim;
    const m = this.mover;
    m.x = player.x; m.y = player.y; m.vx = player.vx; m.vy = player.vy;
    m.cooldown = player.cooldown; m.alive = player.alive;
    const fired = stepPlayer(m, cmd, dt, ARENA);
    player.x = m.x; player.y = m.y; player.vx = m.vx; player.vy = m.vy;
    player.cooldown = m.cooldown;
    if (fired) this.fire(id, player, cmd.aim);
  }

  private fire(shooterId: string, shooter: P, aim: number): void {
    const targets: ShotTarget[] = [];
    for (const [id, target] of this.players.entries()) {
      if (id !== shooterId && target.alive) targets.push({ id, x: target.x, y: target.y });
    }
    const shot = traceShot(shooter.x, shooter.y, aim, ARENA, targets);
    this.events.shot({ by: shooterId, ox: shooter.x, oy: shooter.y, ex: shot.endX, ey: shot.endY, hit: shot.hitId ?? "", tick: this.tick });
    if (shot.hitId !== null) this.damage(shooterId, shot.hitId);
  }

  private damage(attackerId: string, victimId: string): void {
    const victim = this.players.get(victimId);
    if (!victim || !victim.alive || victim.shield > 0) return;
    victim.health = Math.max(0, victim.health - BLASTER_DAMAGE);
    if (victim.health > 0) return;
    victim.alive = false;
    victim.vx = 0;
    victim.vy = 0;
    victim.deaths += 1;
    const attacker = this.players.get(attackerId);
    if (attacker) attacker.frags += 1;
    this.respawnIn.set(victimId, RESPAWN_TICKS);
    this.events.frag({ killer: attackerId, victim: victimId });
  }

  private spawn(id: string, player: P): void {
    const opponents: { x: number; y: number }[] = [];
    for (const [other, p] of this.players.entries()) if (other !== id && p.alive) opponents.push({ x: p.x, y: p.y });
    const at = pickSpawn(ARENA.spawns, opponents, this.spawnTurn++);
    player.x = at.x;
    player.y = at.y;
    player.vx = 0;
    player.vy = 0;
    player.alive = true;
    player.health = MAX_HEALTH;
    player.shield = SPAWN_PROTECTION_TICKS;
    player.cooldown = 0;
  }
}

/** A fresh player record with Skirmish's defaults. */
export function plainPlayer(): GamePlayer {
  return { x: 0, y: 0, vx: 0, vy: 0, aim: 0, cooldown: 0, alive: true, health: 0, shield: 0, frags: 0, deaths: 0, name: "", color: 0 };
}

/** Clamp an untrusted input frame into a command (what Skirmish's `sanitize` does). */
export function sanitizeCommand(moveX: unknown, moveY: unknown, aim: unknown, fire: unknown): GameCommand {
  const clamp = (v: unknown, lo: number, hi: number) => (typeof v === "number" && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : 0);
  return { moveX: clamp(moveX, -1, 1), moveY: clamp(moveY, -1, 1), aim: clamp(aim, 0, 2 * Math.PI), fire: fire === true };
}
