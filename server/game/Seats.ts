// Server: who is in a room: players (with a Player in the state) and spectators (without). Some
// players are bots (server/game/RoomBots.ts): they hold a seat only until a person wants it.

import type { ArenaGame } from "../../shared/game/ArenaGame.js";
import type { ArenaState, Player } from "../../shared/schema.js";

export type SeatRefusal = "players_full" | "spectators_full";

/** Seats promised to clients that have not connected yet (matchmaking reservations). */
export interface PendingSeats {
  players: number;
  spectators: number;
}

const NONE_PENDING: PendingSeats = { players: 0, spectators: 0 };

export class Seats {
  private readonly spectatorNames = new Map<string, string>();
  private readonly botIds = new Set<string>();
  private readonly state: ArenaState;
  private readonly game: ArenaGame<Player>;
  readonly maxPlayers: number;
  readonly maxSpectators: number;

  constructor(options: { state: ArenaState; game: ArenaGame<Player>; maxPlayers: number; maxSpectators: number }) {
    this.state = options.state;
    this.game = options.game;
    this.maxPlayers = options.maxPlayers;
    this.maxSpectators = options.maxSpectators;
  }

  /** Seated players, including those whose seat is held while they reconnect. */
  get players(): number {
    return this.state.players.size;
  }

  /** Seated bots. */
  get bots(): number {
    return this.botIds.size;
  }

  /** Seated people (players who are not bots, those reconnecting included). */
  get people(): number {
    return this.players - this.botIds.size;
  }

  get spectators(): number {
    return this.spectatorNames.size;
  }

  /** Why a newcomer cannot take this kind of seat now, or undefined when they can; seats promised
   *  to clients still connecting (`pending`) count as taken, seats of bots as free (a bot gives
   *  its seat to a person). */
  refusal(spectate: boolean, pending: PendingSeats = NONE_PENDING): SeatRefusal | undefined {
    if (spectate) return this.spectators + pending.spectators >= this.maxSpectators ? "spectators_full" : undefined;
    return this.people + pending.players >= this.maxPlayers ? "players_full" : undefined;
  }

  /** Whether `id` holds a seat of either kind. */
  isSeated(id: string): boolean {
    return this.state.players.has(id) || this.spectatorNames.has(id);
  }

  isSpectator(id: string): boolean {
    return this.spectatorNames.has(id);
  }

  nameOf(id: string): string {
    return this.state.players.get(id)?.name ?? this.spectatorNames.get(id) ?? "someone";
  }

  seatPlayer(id: string, name: string): void {
    this.game.addPlayer(id, name);
  }

  /** Seat a bot (the caller makes room first: players never exceed maxPlayers). */
  seatBot(id: string, name: string): Player {
    this.botIds.add(id);
    const player = this.game.addPlayer(id, name);
    player.bot = true;
    return player;
  }

  isBot(id: string): boolean {
    return this.botIds.has(id);
  }

  seatSpectator(id: string, name: string): void {
    this.spectatorNames.set(id, name);
    this.state.spectators = this.spectatorNames.size;
  }

  /** A spectator moves to a free player seat. False when no seat is free. */
  promote(id: string): boolean {
    const name = this.spectatorNames.get(id);
    if (name === undefined || this.players >= this.maxPlayers) return false;
    this.spectatorNames.delete(id);
    this.state.spectators = this.spectatorNames.size;
    this.game.addPlayer(id, name);
    return true;
  }

  remove(id: string): void {
    if (this.spectatorNames.delete(id)) this.state.spectators = this.spectatorNames.size;
    else this.game.removePlayer(id);
    this.botIds.delete(id);
  }

  setConnected(id: string, connected: boolean): void {
    const player = this.state.players.get(id);
    if (player) player.connected = connected;
  }

  /** The person seated longest (who takes over the room's bot controls when their owner leaves). */
  firstPerson(): string | undefined {
    for (const id of this.state.players.keys()) if (!this.botIds.has(id)) return id;
    return undefined;
  }

  /** Players with a live connection (a match needs two of them). */
  connectedPlayers(): number {
    let n = 0;
    for (const p of this.state.players.values()) if (p.connected) n++;
    return n;
  }
}
