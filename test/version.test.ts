// Over the wire: the version handshake. A client of another build (its `version` join option
// differs from the server's wire version) is refused at join with a clear "reload the page";
// a plain Colyseus client that sends no version is served.

import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JoinError, ROOM_NAME } from "../shared/protocol.js";
import { ArenaState } from "../shared/schema.js";
import { WIRE_VERSION } from "../shared/wireVersion.js";
import { GameSession } from "../client/net/GameSession.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";

let server: RunningServer;
const rooms: Room[] = [];

beforeAll(async () => {
  server = await startGameServer();
});

afterAll(async () => {
  for (const room of rooms) if (room.connection.isOpen) await room.leave(true).catch(() => undefined);
  await server.stop();
});

const OLD_BUILD = "0.00000000.00000000";

describe("version handshake", () => {
  it("serves a plain client that sends no version, and our own client (same build)", async () => {
    const plain = await new Client(server.url).joinOrCreate<ArenaState>(ROOM_NAME, { name: "plain" }, ArenaState);
    rooms.push(plain);
    const ours = await GameSession.join(new Client(server.url), { name: "ours", roomId: plain.roomId });
    rooms.push(ours.room);
    expect(ours.room.roomId).toBe(plain.roomId);
    expect(WIRE_VERSION).toMatch(/^\d+\.[0-9a-f]{8}\.[0-9a-f]{8}$/);
  });

  it("refuses another build at quick play, create and join by code, before any room is made for it", async () => {
    const host = await new Client(server.url).create<ArenaState>(ROOM_NAME, { name: "host" }, ArenaState);
    rooms.push(host);
    const roomsBefore = (await matchMaker.query({ name: ROOM_NAME })).length;
    const old = new Client(server.url);
    const attempts = [
      old.joinOrCreate(ROOM_NAME, { name: "old", version: OLD_BUILD }),
      old.create(ROOM_NAME, { name: "old", version: OLD_BUILD }),
      old.joinById(host.roomId, { name: "old", version: OLD_BUILD }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({ code: JoinError.OtherBuild, message: "the server was updated: reload the page" });
    }
    expect((await matchMaker.query({ name: ROOM_NAME })).length).toBe(roomsBefore);
    expect(host.state.players.size).toBe(1);
  });
});
