// Server: the rules of a Skirmish arena: spawning, shots, damage, frags, respawns.
// The room is a thin adapter that feeds inputs in and forwards the events out.

import type { ArenaMap } from "../../shared/arena.js";
import {
  BLASTER_DAMAGE, MAX_HEALTH, RESPAWN_SECONDS, SPAWN_PROTECTION_SECONDS, ticksFor,
} from "../../shared/constants.js";
import type { FragEvent, ShotEvent } from "../../shared/protocol.js";
import type { ArenaState, Player, PlayerInput } from "../../shared/schema.js";
import { Player as PlayerSchema } from "../../shared/schema.js";
import { stepPlayer, type MoverState } from "../../shared/sim/player.js";
import { traceShot, type ShotTarget } from "../../shared/sim/shot.js";
import { pickSpawn } from "./spawn.js";

/** Where the shooter saw a target when it fired: live, or rewound (lag compensation). */
/** Where `shooterId` saw `target` when firing; `leadMs`: how far its picture was extrapolated. */
export type TargetLocator = (shooterId: string, target: Player, leadMs: number) => { x: number; y: number };

export interface ArenaGameEvents {
  onShot(event: ShotEvent): void;
  onFrag(event: FragEvent): void;
}

export interface ArenaGameOptions {
  state: ArenaState;
  arena: ArenaMap;
  /** Whether hits deal damage (off for netcode experiments). */
  damage: boolean;
  /** Ticks per second of the room: rules are set in seconds and counted in ticks. */
  tickRate: number;
  locateTarget: TargetLocator;
  events: ArenaGameEvents;
}

/** The subset of an input frame the rules read. */
type Command = Pick<PlayerInput, "moveX" | "moveY" | "aim" | "fire"> & { lead?: number };

export class ArenaGame {
  private readonly state: ArenaState;
  private readonly arena: ArenaMap;
  private readonly locateTarget: TargetLocator;
  private readonly damageOn: boolean;
  private readonly respawnTicks: number;
  private readonly protectionTicks: number;
  /** Frags count (off on the results screen). */
  private scoring = true;
  private readonly events: ArenaGameEvents;
  /** Ticks until each dead player respawns. */
  private readonly respawnIn = new Map<string, number>();
  /** Plain copy the step runs on: schema fields quantize on every write, and the step writes
   *  intermediate values (sub-steps) that must keep full precision, as they do in the client's
   *  reconciler. The result is on the wire grid, so copying it back loses nothing. */
  private readonly mover: MoverState = { x: 0, y: 0, vx: 0, vy: 0, cooldown: 0, alive: false };
  private spawnTurn = 0;
  private colorTurn = 0;
  private tick = 0;

  constructor(options: ArenaGameOptions) {
    this.state = options.state;
    this.arena = options.arena;
    this.locateTarget = options.locateTarget;
    this.damageOn = options.damage;
    this.respawnTicks = ticksFor(RESPAWN_SECONDS, options.tickRate);
    this.protectionTicks = ticksFor(SPAWN_PROTECTION_SECONDS, options.tickRate);
    this.events = options.events;
  }

  addPlayer(id: string, name: string): Player {
    const player = new PlayerSchema();
    player.name = name;
    player.color = this.colorTurn++ % 8;
    this.state.players.set(id, player);
    this.spawn(id, player);
    return player;
  }

  removePlayer(id: string): void {
    this.state.players.delete(id);
    this.respawnIn.delete(id);
  }

  /** Apply one input frame of player `id` for one fixed step of `dt` seconds. */
  applyInput(id: string, cmd: Command, dt: number): void {
    const player = this.state.players.get(id);
    if (!player) return;
    player.aim = cmd.aim;
    const m = this.mover;
    m.x = player.x; m.y = player.y; m.vx = player.vx; m.vy = player.vy;
    m.cooldown = player.cooldown; m.alive = player.alive;
    const fired = stepPlayer(m, cmd, dt, this.arena);
    player.x = m.x; player.y = m.y; player.vx = m.vx; player.vy = m.vy;
    player.cooldown = m.cooldown;
    if (fired) this.fire(id, player, cmd.aim, cmd.lead ?? 0);
  }

  /** Whether hits hurt and frags count (off between matches). */
  setScoring(on: boolean): void {
    this.scoring = on;
  }

  /** A new match: everyone back to 0 frags and deaths, respawned with full health. */
  startMatch(): void {
    this.respawnIn.clear();
    for (const [id, player] of this.state.players) {
      player.frags = 0;
      player.deaths = 0;
      this.spawn(id, player);
    }
  }

  /** The best score among the players, and who holds it alone ("" when nobody, or a tie). */
  leader(): { id: string; frags: number } {
    let best = { id: "", frags: 0 };
    let tied = false;
    for (const [id, p] of this.state.players) {
      if (best.id === "" || p.frags > best.frags) {
        best = { id, frags: p.frags };
        tied = false;
      } else if (p.frags === best.frags) {
        tied = true;
      }
    }
    return tied || best.frags === 0 ? { id: "", frags: best.frags } : best;
  }

  /** Advance the clocks of the rules by one tick (respawns, spawn protection). */
  endTick(): void {
    this.tick++;
    for (const player of this.state.players.values()) {
      if (player.shield > 0) player.shield -= 1;
    }
    for (const [id, left] of this.respawnIn) {
      if (left > 1) {
        this.respawnIn.set(id, left - 1);
        continue;
      }
      this.respawnIn.delete(id);
      const player = this.state.players.get(id);
      if (player) this.spawn(id, player);
    }
  }

  private fire(shooterId: string, shooter: Player, aim: number, leadMs: number): void {
    const targets: ShotTarget[] = [];
    for (const [id, target] of this.state.players) {
      if (id === shooterId || !target.alive) continue;
      const seen = this.locateTarget(shooterId, target, leadMs);
      targets.push({ id, x: seen.x, y: seen.y });
    }
    const shot = traceShot(shooter.x, shooter.y, aim, this.arena, targets);
    this.events.onShot({
      by: shooterId,
      ox: shooter.x,
      oy: shooter.y,
      ex: shot.endX,
      ey: shot.endY,
      hit: shot.hitId ?? "",
      tick: this.tick,
    });
    if (shot.hitId !== null && this.damageOn && this.scoring) this.damage(shooterId, shot.hitId, BLASTER_DAMAGE);
  }

  private damage(attackerId: string, victimId: string, amount: number): void {
    const victim = this.state.players.get(victimId);
    if (!victim || !victim.alive || victim.shield > 0) return;
    victim.health = Math.max(0, victim.health - amount);
    if (victim.health > 0) return;
    victim.alive = false;
    victim.vx = 0;
    victim.vy = 0;
    victim.deaths += 1;
    const attacker = this.state.players.get(attackerId);
    if (attacker) attacker.frags += 1;
    this.respawnIn.set(victimId, this.respawnTicks);
    this.events.onFrag({ killer: attackerId, victim: victimId });
  }

  private spawn(id: string, player: Player): void {
    const opponents = [...this.state.players.entries()]
      .filter(([other, p]) => other !== id && p.alive)
      .map(([, p]) => ({ x: p.x, y: p.y }));
    const at = pickSpawn(this.arena.spawns, opponents, this.spawnTurn++);
    player.x = at.x;
    player.y = at.y;
    player.vx = 0;
    player.vy = 0;
    player.alive = true;
    player.health = MAX_HEALTH;
    player.shield = this.protectionTicks;
    player.cooldown = 0;
  }
}
