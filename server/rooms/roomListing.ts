// Server: what a room publishes in the lobby's room list and for quick play's seat filter.

import type { MatchPhase, RoomListing } from "../../shared/protocol.js";

export interface ListingSource {
  players: number;
  /** Bots among the players: their seats are free for people. */
  bots: number;
  /** Player seats promised to clients still connecting: taken for quick play, not listed as players. */
  pendingPlayers: number;
  maxPlayers: number;
  spectators: number;
  phase: MatchPhase;
}

/** Writes a room's listing only when it changed (each write reaches every lobby client). A
 *  room publishes on every reservation, join and leave: an unchanged listing allocates nothing. */
export class ListingPublisher {
  private last: RoomListing | undefined;

  constructor(private readonly write: (listing: RoomListing) => Promise<unknown>) {}

  async publish(source: ListingSource): Promise<void> {
    const seats = source.players - source.bots + source.pendingPlayers < source.maxPlayers ? "open" : "full";
    const last = this.last;
    if (
      last !== undefined && last.seats === seats && last.players === source.players && last.bots === source.bots &&
      last.maxPlayers === source.maxPlayers && last.spectators === source.spectators && last.phase === source.phase
    ) return;
    const listing: RoomListing = {
      seats, players: source.players, bots: source.bots, maxPlayers: source.maxPlayers, spectators: source.spectators, phase: source.phase,
    };
    this.last = listing;
    await this.write(listing);
  }
}
