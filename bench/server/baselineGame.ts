// Bench server child (Minimal Colyseus and JSON broadcast): the game's own rules
// (server/game/ArenaGame: input budget, step, hitscan, damage, frags, respawns) driven the way a
// plain server drives them: each input queued as it arrives, applied at the next tick. No lag
// compensation: a baseline has no netcode.

import { ARENA } from "../../shared/arena.js";
import { DEFAULT_TIMINGS, TICK_RATE } from "../../shared/constants.js";
import type { FragEvent, ShotEvent } from "../../shared/protocol.js";
import { ArenaGame, type Command, type GamePlayer, type InputQueue, type PlayerTable } from "../../shared/game/ArenaGame.js";

export type { GamePlayer } from "../../shared/game/ArenaGame.js";

export interface GameEvents {
  shot(event: ShotEvent): void;
  frag(event: FragEvent): void;
}

/** Inputs waiting for the next tick, oldest first; the oldest drops past `capacity` (as the
 *  Colyseus input buffer Skirmish uses). */
class CommandQueue implements InputQueue {
  private items: Command[] = [];
  private head = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(command: Command): void {
    this.items.push(command);
    if (this.size > this.capacity) this.head++;
  }

  next(): Command | undefined {
    if (this.size === 0) return undefined;
    const command = this.items[this.head++];
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    }
    return command;
  }
}

export class BaselineGame<P extends GamePlayer> {
  private readonly game: ArenaGame<P>;
  private readonly queues = new Map<string, CommandQueue>();
  private readonly inputsOf = (id: string): InputQueue | undefined => this.queues.get(id);

  constructor(players: PlayerTable<P>, newPlayer: () => P, events: GameEvents) {
    this.game = new ArenaGame<P>({
      players, newPlayer, arena: ARENA, damage: true, tickRate: TICK_RATE,
      inputBudget: DEFAULT_TIMINGS,
      locateTarget: (_shooterId, target) => target,
      events: { onShot: (e) => events.shot(e), onFrag: (e) => events.frag(e) },
    });
  }

  add(id: string, name: string): void {
    this.queues.set(id, new CommandQueue(DEFAULT_TIMINGS.inputBufferSize));
    this.game.addPlayer(id, name);
  }

  remove(id: string): void {
    this.queues.delete(id);
    this.game.removePlayer(id);
  }

  /** Queue one input frame of `id` (applied at the next tick). */
  queue(id: string, command: Command): void {
    this.queues.get(id)?.push(command);
  }

  /** One fixed step of `dt` seconds. */
  step(dt: number): void {
    this.game.tick(this.inputsOf, dt);
  }
}

/** A fresh player record with Skirmish's defaults. */
export function plainPlayer(): GamePlayer {
  return { x: 0, y: 0, vx: 0, vy: 0, aim: 0, cooldown: 0, alive: true, health: 0, shield: 0, frags: 0, deaths: 0, name: "", color: 0 };
}

/** Clamp an untrusted input frame into a command (what Skirmish's `sanitize` does). */
export function sanitizeCommand(moveX: unknown, moveY: unknown, aim: unknown, fire: unknown): Command {
  const clamp = (v: unknown, lo: number, hi: number) => (typeof v === "number" && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : 0);
  return { moveX: clamp(moveX, -1, 1), moveY: clamp(moveY, -1, 1), aim: clamp(aim, 0, 2 * Math.PI), fire: fire === true };
}
