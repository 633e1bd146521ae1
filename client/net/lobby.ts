// Client (browser start screen, bots): the live list of open public arenas, from Colyseus' built-in
// lobby room ("rooms" = the full list, "+" = added or changed, "-" = gone). Renderer-free.

import type { Client, Room, RoomAvailable } from "@colyseus/sdk";
import { MAX_PLAYERS } from "../../shared/constants.js";
import { LOBBY_ROOM_NAME, ROOM_NAME, type MatchPhase, type RoomListing } from "../../shared/protocol.js";

/** One public arena as the list shows it. */
export interface OpenRoom {
  /** The room code (its id): join with `joinById(code)`. */
  code: string;
  players: number;
  maxPlayers: number;
  spectators: number;
  phase: MatchPhase;
  /** A player seat is free (otherwise one can only watch). */
  seatFree: boolean;
}

type Listing = RoomAvailable<Partial<RoomListing>> & { private?: boolean };

/** Best first: rooms with a free seat, then fuller ones (a match to join), then by code. */
function byInterest(a: OpenRoom, b: OpenRoom): number {
  return Number(b.seatFree) - Number(a.seatFree) || b.players - a.players || a.code.localeCompare(b.code);
}

/** A listing as an OpenRoom, or undefined for what the list must not show (other room types,
 *  private rooms). Rooms that publish no metadata are described from their client count. */
export function openRoomOf(listing: Listing): OpenRoom | undefined {
  if (listing.name !== ROOM_NAME || listing.private) return undefined;
  const meta = listing.metadata ?? {};
  const players = meta.players ?? listing.clients;
  const maxPlayers = meta.maxPlayers ?? Math.min(listing.maxClients, MAX_PLAYERS);
  return {
    code: listing.roomId,
    players,
    maxPlayers,
    spectators: meta.spectators ?? 0,
    phase: meta.phase ?? "waiting",
    seatFree: meta.seats !== undefined ? meta.seats === "open" : players < maxPlayers,
  };
}

export interface RoomDirectoryListeners {
  /** The list changed (a fresh sorted copy). */
  change(rooms: readonly OpenRoom[]): void;
  /** The lobby connection ended for good (server gone); subscribe again to retry. */
  closed?(): void;
}

/** The open public rooms, kept up to date while subscribed. */
export class RoomDirectory {
  private readonly lobby: Room;
  private readonly entries = new Map<string, OpenRoom>();
  private readonly listeners: RoomDirectoryListeners;
  private closing = false;

  /** Join the lobby and start listening. Throws the SDK's error when the lobby is unreachable. */
  static async subscribe(client: Client, listeners: RoomDirectoryListeners): Promise<RoomDirectory> {
    return new RoomDirectory(await client.joinOrCreate(LOBBY_ROOM_NAME), listeners);
  }

  private constructor(lobby: Room, listeners: RoomDirectoryListeners) {
    this.lobby = lobby;
    this.listeners = listeners;
    lobby.onMessage("rooms", (rooms: Listing[]) => {
      this.entries.clear();
      for (const listing of rooms) this.put(listing.roomId, listing);
      this.changed();
    });
    lobby.onMessage("+", ([roomId, listing]: [string, Listing]) => {
      this.put(roomId, listing);
      this.changed();
    });
    lobby.onMessage("-", (roomId: string) => {
      if (this.entries.delete(roomId)) this.changed();
    });
    lobby.onLeave(() => {
      if (!this.closing) this.listeners.closed?.();
    });
  }

  get rooms(): OpenRoom[] {
    return [...this.entries.values()].sort(byInterest);
  }

  /** Stop listening and leave the lobby. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.lobby.reconnection.enabled = false;
    if (this.lobby.connection?.isOpen) await this.lobby.leave(true);
  }

  private put(roomId: string, listing: Listing): void {
    const room = openRoomOf({ ...listing, roomId });
    if (room) this.entries.set(roomId, room);
    else this.entries.delete(roomId);
  }

  private changed(): void {
    if (!this.closing) this.listeners.change(this.rooms);
  }
}
