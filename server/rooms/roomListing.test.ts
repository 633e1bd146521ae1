import { describe, expect, it } from "vitest";
import type { RoomListing } from "../../shared/protocol.js";
import { ListingPublisher, type ListingSource } from "./roomListing.js";

const source = (over: Partial<ListingSource> = {}): ListingSource => ({
  players: 2, bots: 0, pendingPlayers: 0, maxPlayers: 8, spectators: 0, phase: "playing", ...over,
});

describe("ListingPublisher", () => {
  it("writes a listing when it changed, and only then", async () => {
    const written: RoomListing[] = [];
    const publisher = new ListingPublisher(async (listing) => { written.push(listing); });
    await publisher.publish(source());
    await publisher.publish(source());
    expect(written).toEqual([{ seats: "open", players: 2, bots: 0, maxPlayers: 8, spectators: 0, phase: "playing" }]);
    // Each field of the listing is a change of its own.
    const changes: Array<Partial<ListingSource>> = [
      { players: 3 }, { bots: 1 }, { maxPlayers: 6 }, { spectators: 1 }, { phase: "results" },
    ];
    for (const change of changes) await publisher.publish(source(change));
    expect(written.length).toBe(1 + changes.length);
    expect(written.at(-1)).toEqual({ seats: "open", players: 2, bots: 0, maxPlayers: 8, spectators: 0, phase: "results" });
  });

  it("counts seats promised to connecting clients as taken, and bots' seats as free", async () => {
    const written: RoomListing[] = [];
    const publisher = new ListingPublisher(async (listing) => { written.push(listing); });
    await publisher.publish(source({ players: 7 }));
    // A reservation takes the last seat: the listing says full although the players did not change.
    await publisher.publish(source({ players: 7, pendingPlayers: 1 }));
    await publisher.publish(source({ players: 7, pendingPlayers: 1 }));
    // A bot among the players gives its seat to a person.
    await publisher.publish(source({ players: 8, bots: 1 }));
    expect(written.map((l) => l.seats)).toEqual(["open", "full", "open"]);
    expect(written[1].players).toBe(7);
  });
});
