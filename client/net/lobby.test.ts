import { describe, expect, it } from "vitest";
import { openRoomOf } from "./lobby.js";

describe("openRoomOf", () => {
  const listing = { name: "arena", roomId: "K7QFX", clients: 3, maxClients: 16 };

  it("reads the room's published listing", () => {
    expect(openRoomOf({ ...listing, metadata: { seats: "full", players: 8, maxPlayers: 8, spectators: 2, phase: "playing" } }))
      .toEqual({ code: "K7QFX", players: 8, maxPlayers: 8, spectators: 2, phase: "playing", seatFree: false });
  });

  it("falls back to client counts without metadata, and drops private and other rooms", () => {
    expect(openRoomOf(listing)).toEqual({ code: "K7QFX", players: 3, maxPlayers: 8, spectators: 0, phase: "waiting", seatFree: true });
    expect(openRoomOf({ ...listing, private: true })).toBeUndefined();
    expect(openRoomOf({ ...listing, name: "lobby" })).toBeUndefined();
  });
});
