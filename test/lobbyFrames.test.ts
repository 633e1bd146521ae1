// Over the wire: the lobby room (the live room list) closes a client's garbage as the arena does,
// and keeps listing rooms for everyone else.

import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode, LOBBY_ROOM_NAME, ROOM_NAME } from "../shared/protocol.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { waitFor } from "./helpers/waitFor.js";

let server: RunningServer;

beforeAll(async () => {
  server = await startGameServer();
});

afterAll(async () => {
  await server.stop();
});

describe("lobby frames", () => {
  it("closes a client sending garbage with 4100 and a reason; another client still gets the list", async () => {
    const noisy = await new Client(server.url).joinOrCreate(LOBBY_ROOM_NAME);
    const closed = new Promise<{ code: number; reason?: string }>((resolve) => noisy.onLeave((code, reason) => resolve({ code, reason })));
    noisy.connection.send(new Uint8Array([13, 0xd9, 200, 1, 2, 3]));
    expect(await closed).toMatchObject({ code: CloseCode.ProtocolViolation, reason: expect.stringMatching(/^malformed frame/) });

    const calm = await new Client(server.url).joinOrCreate(LOBBY_ROOM_NAME);
    const seen = new Set<string>();
    calm.onMessage("rooms", (list: Array<{ roomId: string }>) => list.forEach((r) => seen.add(r.roomId)));
    calm.onMessage("+", ([roomId]: [string]) => seen.add(roomId));
    calm.onMessage("-", () => undefined);
    const arena = await new Client(server.url).create(ROOM_NAME, { name: "listed" });
    await waitFor("the new room in the calm client's list", () => seen.has(arena.roomId));
    await Promise.all([calm.leave(), arena.leave()]);
  });
});
