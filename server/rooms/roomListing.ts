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

/** Writes a room's listing only when it changed (each write reaches every lobby client). */
export class ListingPublisher {
  private last = "";

  constructor(private readonly write: (listing: RoomListing) => Promise<unknown>) {}

  async publish(source: ListingSource): Promise<void> {
    const listing: RoomListing = {
      seats: source.players - source.bots + source.pendingPlayers < source.maxPlayers ? "open" : "full",
      players: source.players,
      bots: source.bots,
      maxPlayers: source.maxPlayers,
      spectators: source.spectators,
      phase: source.phase,
    };
    const key = `${listing.seats} ${listing.players} ${listing.bots} ${listing.maxPlayers} ${listing.spectators} ${listing.phase}`;
    if (key === this.last) return;
    this.last = key;
    await this.write(listing);
  }
}
