// Over the wire: seat reservations cannot be hoarded. Matchmaking calls that never open their
// WebSocket hold at most RESERVATIONS_PER_ADDRESS seats per address, for SEAT_RESERVATION_SECONDS;
// friends still join by code, other people still quick-play, and rooms nobody entered close.
// Addresses are told apart as behind a trusted proxy (X-Forwarded-For from loopback).

import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEAT_RESERVATION_SECONDS } from "../shared/constants.js";
import { ROOM_NAME, type RoomListing } from "../shared/protocol.js";
import { ArenaState } from "../shared/schema.js";
import { RESERVATIONS_PER_ADDRESS } from "../server/hosting/config.js";
import { startHostedServer, type RunningHostedServer } from "./hosting/helpers/hostedServer.js";
import { waitFor } from "./helpers/waitFor.js";

const MAX_ROOMS = 10;

let server: RunningHostedServer;
const rooms: Room[] = [];

beforeAll(async () => {
  server = await startHostedServer({ TRUST_PROXY: "loopback", MAX_ROOMS_PER_PROCESS: String(MAX_ROOMS), ROOM_CREATES_PER_MINUTE: "1000" });
});

afterAll(async () => {
  for (const room of rooms) if (room.connection.isOpen) await room.leave(true).catch(() => undefined);
  await server?.stop();
});

const from = (address: string) => ({ "x-forwarded-for": address });
const client = (address: string) => new Client(server.url, { headers: from(address) });

/** A matchmaking call whose WebSocket is never opened: its HTTP status. */
async function reserveOnly(method: string, address: string, target = ROOM_NAME, options: object = { name: "hoarder" }): Promise<number> {
  const res = await fetch(`${server.url}/matchmake/${method}/${target}`, {
    method: "POST", headers: { "content-type": "application/json", ...from(address) }, body: JSON.stringify(options),
  });
  await res.arrayBuffer();
  return res.status;
}

async function enter(address: string, how: { code?: string; name: string }): Promise<Room<ArenaState>> {
  const room = how.code
    ? await client(address).joinById<ArenaState>(how.code, { name: how.name }, ArenaState)
    : await client(address).joinOrCreate<ArenaState>(ROOM_NAME, { name: how.name }, ArenaState);
  rooms.push(room);
  await waitFor(`${how.name} seated`, () => room.state.players.has(room.sessionId));
  return room;
}

async function leave(list: Room[]): Promise<void> {
  await Promise.all(list.map((room) => room.leave(true).catch(() => undefined)));
}

async function localRoomCount(): Promise<number> {
  return (await matchMaker.query({})).length;
}

describe("seat reservations", () => {
  it(`20 unused reservations from one address hold ${RESERVATIONS_PER_ADDRESS} seats at most; a friend joins by code at once; they lapse after ${SEAT_RESERVATION_SECONDS} s`, async () => {
    const host = await enter("192.0.2.1", { name: "host" });
    const code = host.roomId;
    const statuses = await Promise.all(Array.from({ length: 20 }, () => reserveOnly(`joinById`, "198.51.100.1", code)));
    const reservedAt = Date.now();
    expect(statuses.filter((s) => s === 200)).toHaveLength(RESERVATIONS_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - RESERVATIONS_PER_ADDRESS);

    // The listing counts the reserved seats as taken, and the room is still open to a friend.
    const listing = (await matchMaker.query({ roomId: code }))[0].metadata as RoomListing;
    expect(listing).toMatchObject({ players: 1, seats: "open" });
    const friend = await enter("192.0.2.2", { code, name: "friend" });
    expect(friend.roomId).toBe(code);

    // Released after SEAT_RESERVATION_SECONDS: the same address may reserve again.
    await waitFor("the hoarder's reservations to lapse", async () => (await reserveOnly("joinById", "198.51.100.1", code)) === 200, {
      timeoutMs: (SEAT_RESERVATION_SECONDS + 5) * 1000, intervalMs: 200,
    });
    const lapsedAfter = (Date.now() - reservedAt) / 1000;
    expect(lapsedAfter).toBeGreaterThan(SEAT_RESERVATION_SECONDS - 0.5);
    expect(lapsedAfter).toBeLessThan(SEAT_RESERVATION_SECONDS + 3);
    await leave([host, friend]);
  }, 30_000);

  it("200 calls from one address in a second leave room for everyone else: quick play and join by code at once", async () => {
    const roomsBefore = await localRoomCount();
    const statuses = await Promise.all(Array.from({ length: 200 }, () => reserveOnly("joinOrCreate", "198.51.100.2")));
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(RESERVATIONS_PER_ADDRESS);
    expect(await localRoomCount()).toBeLessThanOrEqual(roomsBefore + RESERVATIONS_PER_ADDRESS);

    // At once: 12 people from other addresses quick-play, one more joins the first one's room by code.
    const players = await Promise.all(Array.from({ length: 12 }, (_, i) => enter(`203.0.113.${i + 1}`, { name: `p${i}` })));
    const friend = await enter("203.0.113.99", { code: players[0].roomId, name: "friend" });
    expect(friend.roomId).toBe(players[0].roomId);
    await leave([...players, friend]);
  }, 30_000);

  it(`rooms nobody entered close when their reservation lapses: one address never fills the process (${MAX_ROOMS} rooms)`, async () => {
    await waitFor("rooms of earlier tests to close", async () => (await localRoomCount()) === 0, { timeoutMs: 15_000, intervalMs: 200 });
    let most = 0;
    // Creates, public and private, as fast as the answers come, for longer than a reservation lasts.
    const until = Date.now() + (SEAT_RESERVATION_SECONDS + 2) * 1000;
    while (Date.now() < until) {
      await Promise.all([
        reserveOnly("create", "198.51.100.3", ROOM_NAME, { name: "hoarder" }),
        reserveOnly("create", "198.51.100.3", ROOM_NAME, { name: "hoarder", private: true }),
        reserveOnly("joinOrCreate", "198.51.100.3"),
      ]);
      most = Math.max(most, await localRoomCount());
    }
    expect(most).toBeLessThanOrEqual(RESERVATIONS_PER_ADDRESS);
    await waitFor("every unentered room closed", async () => (await localRoomCount()) === 0, {
      timeoutMs: (SEAT_RESERVATION_SECONDS + 5) * 1000, intervalMs: 200,
    });
    const honest = await enter("192.0.2.3", { name: "honest" });
    await leave([honest]);
  }, 40_000);
});
