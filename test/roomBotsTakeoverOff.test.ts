// Over the wire: BOT_TAKEOVER=off: a dropped player's seat is held but nobody plays it.

import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOM_NAME } from "../shared/protocol.js";
import { ArenaState } from "../shared/schema.js";
import { readConfig } from "../server/hosting/config.js";
import type { ArenaRoom } from "../server/rooms/ArenaRoom.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { waitFor } from "./helpers/waitFor.js";

let server: RunningServer;
const rooms: Room<ArenaState>[] = [];

beforeAll(async () => {
  server = await startGameServer({ config: { ...readConfig({ BOT_TAKEOVER: "off", QUICKPLAY_MIN_PLAYERS: "0" }), reconnectionSeconds: 10 } });
});

afterAll(async () => {
  for (const room of rooms) if (room.connection.isOpen) await room.leave(true).catch(() => undefined);
  await server.stop();
});

it("with BOT_TAKEOVER=off a dropped player's seat stands still for the window", async () => {
  const a = await new Client(server.url).create<ArenaState>(ROOM_NAME, { name: "Dropper", private: true }, ArenaState);
  const b = await new Client(server.url).joinById<ArenaState>(a.roomId, { name: "Witness" }, ArenaState);
  rooms.push(a, b);
  a.reconnection.enabled = false;
  await waitFor("both seated", () => b.state.players.size === 2);
  const seat = a.sessionId;
  const room = matchMaker.getLocalRoomById(a.roomId) as ArenaRoom;
  const player = room.state.players.get(seat)!;
  (a.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
  await waitFor("the seat held", () => player.connected === false);
  const held = { x: player.x, y: player.y };
  const since = room.clock.elapsedTime;
  // A second of room time (30 ticks) in which a stand-in would have walked.
  await waitFor("a second of ticks", () => room.clock.elapsedTime - since >= 1000, { timeoutMs: 5000 });
  expect(player.standIn).toBe(false);
  expect({ x: player.x, y: player.y }).toEqual(held);
  expect(room.state.players.has(seat)).toBe(true);
});
