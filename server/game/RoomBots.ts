// Server: the bots of one room: how many there should be (the room's request, quick play's
// top-up), seating and unseating them, and each tick one input per bot from its BotBrain
// (shared/bots/BotBrain.ts). A bot's input reaches the rules through the same InputQueue path
// as a client's (ArenaGame.tick): same step, same real-time budget, same limits. A bot also
// stands in for a person whose connection dropped, driving their own player record.

import type { ArenaMap } from "../../shared/arena.js";
import { BotBrain, type BotControls, type BotDifficulty, type BotOpponent } from "../../shared/bots/BotBrain.js";
import type { Command, InputQueue, PlayerTable } from "../../shared/game/ArenaGame.js";
import type { Player } from "../../shared/schema.js";
import type { Seats } from "./Seats.js";

/** Most bots a room may ask for (one person plus seven bots fill the eight seats). */
export const MAX_ROOM_BOTS = 7;

/** Names bots take, in turn (the bot tag beside them says what they are). */
const BOT_NAMES = ["Ada", "Bolt", "Cog", "Dot", "Echo", "Flux", "Gizmo", "Hex", "Ion", "Jolt"] as const;

/** One input waiting for the next tick: a bot makes one per tick, the rules take it within the
 *  budget. A new decision replaces one the budget did not take, so a bot never banks inputs. */
class BotInputQueue implements InputQueue {
  private readonly frame: Command = { moveX: 0, moveY: 0, aim: 0, fire: false, lead: 0 };
  private waiting = false;

  get size(): number {
    return this.waiting ? 1 : 0;
  }

  put(controls: BotControls): void {
    this.frame.moveX = controls.moveX;
    this.frame.moveY = controls.moveY;
    this.frame.aim = controls.aim;
    this.frame.fire = controls.fire;
    this.waiting = true;
  }

  next(): Command | undefined {
    if (!this.waiting) return undefined;
    this.waiting = false;
    return this.frame;
  }
}

/** A player as bots see them this tick (reused from tick to tick). */
interface SightedPlayer extends BotOpponent {
  id: string;
  x: number;
  y: number;
  alive: boolean;
  shielded: boolean;
}

interface Driver {
  brain: BotBrain;
  queue: BotInputQueue;
  /** Standing in for a dropped person (their seat, not a bot seat). */
  standIn: boolean;
}

export interface RoomBotsEvents {
  /** A bot took a seat (its player record is in the state). */
  botJoined(id: string, player: Player): void;
  /** A bot is about to leave its seat (its record is still there). */
  botLeaving(id: string, player: Player): void;
}

export interface RoomBotsOptions {
  seats: Seats;
  /** The room's players (read for positions; bots' records are written by the rules). */
  players: PlayerTable<Player>;
  arena: ArenaMap;
  /** Fixed step, ms: the bots' clock advances one step per tick. */
  stepMs: number;
  /** Participants quick play tops a room up to while a person plays (0: no top-up). */
  fillTo: number;
  /** Bots asked for when the room was created (undefined: none, or quick play's top-up). */
  requested?: number;
  difficulty: BotDifficulty;
  /** Seeds the bots' decisions (each bot gets its own stream from it). */
  seed: number;
  events: RoomBotsEvents;
}

export type BotRequestRefusal = "room_full" | "no_bots";

export class RoomBots {
  private readonly seats: Seats;
  private readonly players: PlayerTable<Player>;
  private readonly arena: ArenaMap;
  private readonly stepMs: number;
  private readonly events: RoomBotsEvents;
  private readonly drivers = new Map<string, Driver>();
  /** Bot seats in the order they were taken (the newest leaves first). */
  private readonly botIds: string[] = [];
  private fillTo: number;
  private requested: number;
  private difficultyNow: BotDifficulty;
  private readonly seed: number;
  /** Bot seats created so far (names), brains made so far (seeds). */
  private created = 0;
  private brainsMade = 0;
  private ticks = 0;
  /** What every bot sees this tick: one reused view per player, refreshed once per tick. */
  private readonly sight: SightedPlayer[] = [];
  private readonly controls: BotControls = { moveX: 0, moveY: 0, aim: 0, fire: false };
  /** Bound once: the room hands it to the rules every tick. */
  readonly queueOf = (id: string): InputQueue | undefined => this.drivers.get(id)?.queue;

  constructor(options: RoomBotsOptions) {
    this.seats = options.seats;
    this.players = options.players;
    this.arena = options.arena;
    this.stepMs = options.stepMs;
    this.events = options.events;
    this.difficultyNow = options.difficulty;
    this.seed = options.seed;
    // A room created with an explicit number of bots keeps that number: no quick-play top-up.
    this.requested = options.requested ?? 0;
    this.fillTo = options.requested === undefined ? options.fillTo : 0;
  }

  get count(): number {
    return this.botIds.length;
  }

  /** Whether any bot plays this tick (a bot seat or a stand-in): the room cannot rest. */
  get driving(): boolean {
    return this.drivers.size > 0;
  }

  get difficulty(): BotDifficulty {
    return this.difficultyNow;
  }

  /** Whether a bot produces this player's inputs (a bot seat, or a stand-in). */
  drives(id: string): boolean {
    return this.drivers.has(id);
  }

  /**
   * Seat or unseat bots so the room has what it asked for: the requested bots, or quick play's
   * top-up to `fillTo` participants, never more than the free seats leave (a bot gives its seat to
   * each arriving person), and none once no person is left. `arriving`: people about to be seated.
   */
  rebalance(arriving = 0): void {
    const people = this.seats.people + arriving;
    const wanted = people === 0 ? 0 : Math.min(Math.max(this.requested, this.fillTo - people), this.seats.maxPlayers - people);
    while (this.botIds.length > Math.max(0, wanted)) this.removeBot(this.botIds[this.botIds.length - 1]);
    while (this.botIds.length < wanted) this.addBot();
  }

  /** Add or remove one bot on request (the owner's panel): the count becomes the room's own. */
  request(change: 1 | -1): BotRequestRefusal | undefined {
    if (change > 0 && this.seats.players >= this.seats.maxPlayers) return "room_full";
    if (change < 0 && this.botIds.length === 0) return "no_bots";
    this.requested = this.botIds.length + change;
    this.fillTo = 0;
    this.rebalance();
    return undefined;
  }

  setDifficulty(difficulty: BotDifficulty): void {
    this.difficultyNow = difficulty;
    for (const driver of this.drivers.values()) driver.brain.difficulty = difficulty;
  }

  /** A person's connection dropped: a bot plays their seat until release(). */
  standIn(id: string): void {
    const player = this.players.get(id);
    if (!player || this.drivers.has(id)) return;
    this.drivers.set(id, this.newDriver(true));
    player.standIn = true;
  }

  /** The person is back (or gone): their seat is theirs again, from where the bot left it. */
  release(id: string): void {
    const driver = this.drivers.get(id);
    if (!driver || !driver.standIn) return;
    this.drivers.delete(id);
    const player = this.players.get(id);
    if (player) player.standIn = false;
  }

  /** Before the rules' tick: each bot decides from what it sees and queues one input. */
  think(): void {
    if (this.drivers.size === 0) return;
    const nowMs = ++this.ticks * this.stepMs;
    this.refreshSight();
    for (const [id, driver] of this.drivers) {
      const self = this.players.get(id);
      if (!self) continue;
      driver.queue.put(driver.brain.decide(self, id, this.sight, nowMs, this.controls));
    }
  }

  /** Every bot leaves (the room closes, or the last person left). */
  removeAll(): void {
    while (this.botIds.length > 0) this.removeBot(this.botIds[this.botIds.length - 1]);
  }

  private addBot(): void {
    const n = this.created++;
    const id = `bot${n + 1}`;
    const name = `${BOT_NAMES[n % BOT_NAMES.length]}${n >= BOT_NAMES.length ? ` ${Math.floor(n / BOT_NAMES.length) + 1}` : ""}`;
    const player = this.seats.seatBot(id, name);
    this.botIds.push(id);
    this.drivers.set(id, this.newDriver(false));
    this.events.botJoined(id, player);
  }

  private removeBot(id: string): void {
    const player = this.players.get(id);
    if (player) this.events.botLeaving(id, player);
    this.seats.remove(id);
    this.drivers.delete(id);
    const at = this.botIds.indexOf(id);
    if (at >= 0) this.botIds.splice(at, 1);
  }

  private newDriver(standIn: boolean): Driver {
    return {
      brain: new BotBrain({ arena: this.arena, difficulty: this.difficultyNow, seed: this.seed + 7919 * ++this.brainsMade }),
      queue: new BotInputQueue(),
      standIn,
    };
  }

  private refreshSight(): void {
    let i = 0;
    for (const [id, p] of this.players.entries()) {
      const view = this.sight[i] ?? (this.sight[i] = { id: "", x: 0, y: 0, alive: false, shielded: false });
      view.id = id;
      view.x = p.x;
      view.y = p.y;
      view.alive = p.alive;
      view.shielded = p.shield > 0;
      i++;
    }
    this.sight.length = i;
  }
}
