// Over the wire: playing with friends: quick play, private rooms by code, full rooms and
// spectators, match phases, chat, reconnection.

import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PLAYERS, RESULTS_SECONDS } from "../shared/constants.js";
import {
  ClientMessage, JoinError, LOBBY_ROOM_NAME, ROOM_NAME, ServerMessage, type ChatLine, type NoticeEvent, type RoomListing,
} from "../shared/protocol.js";
import { ArenaState } from "../shared/schema.js";
import { isRoomCode } from "../shared/text.js";
import { readConfig } from "../server/hosting/config.js";
import type { ArenaRoom } from "../server/rooms/ArenaRoom.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { waitFor } from "./helpers/waitFor.js";

/** Short reconnection window so "gone longer than the window" is testable. */
const WINDOW_SECONDS = 2;

let server: RunningServer;
const rooms: Room[] = [];

beforeAll(async () => {
  // Many rooms and a join storm from one address here: no per-address creation or reservation
  // limit (tested in test/hosting/edges and test/reservations).
  server = await startGameServer({
    config: { ...readConfig({}), quickPlayMinPlayers: 0, reconnectionSeconds: WINDOW_SECONDS, roomCreatesPerMinute: 0, reservationsPerAddress: 0 },
  });
});

afterAll(async () => {
  for (const room of rooms) if (room.connection.isOpen) await room.leave(true).catch(() => undefined);
  await server.stop();
});

const client = () => new Client(server.url);

async function quickPlay(name: string): Promise<Room<ArenaState>> {
  const room = await client().joinOrCreate<ArenaState>(ROOM_NAME, { name, seats: "open" }, ArenaState);
  rooms.push(room);
  return room;
}

async function createRoom(options: Record<string, unknown>): Promise<Room<ArenaState>> {
  const room = await client().create<ArenaState>(ROOM_NAME, options, ArenaState);
  rooms.push(room);
  return room;
}

async function joinCode(code: string, options: Record<string, unknown>): Promise<Room<ArenaState>> {
  const room = await client().joinById<ArenaState>(code, options, ArenaState);
  rooms.push(room);
  return room;
}

/** Leave every room still connected (leaving a closed one would wait forever). */
async function leaveAll(list: Room[]): Promise<void> {
  await Promise.all(list.filter((r) => r.connection.isOpen).map((r) => r.leave(true).catch(() => undefined)));
}

describe("quick play", () => {
  it("fills one room to 8 players before opening a second", async () => {
    const first: Room<ArenaState>[] = [];
    for (let i = 0; i < MAX_PLAYERS; i++) first.push(await quickPlay(`q${i}`));
    expect(new Set(first.map((r) => r.roomId)).size).toBe(1);
    expect(isRoomCode(first[0].roomId)).toBe(true);
    const ninth = await quickPlay("q8");
    expect(ninth.roomId).not.toBe(first[0].roomId);
    await leaveAll([...first, ninth]);
  });
});

describe("quick play under a join storm, from any Colyseus client", () => {
  it("40 plain joinOrCreate calls at once: all seated as players, 8 per room at most, none refused", async () => {
    // No `seats` filter and no retry: what a stock SDK in any language sends (and what our own
    // client sends: client/net/join.ts).
    const joins = await Promise.allSettled(Array.from({ length: 40 }, (_, i) =>
      client().joinOrCreate<ArenaState>(ROOM_NAME, { name: `storm${i}` }, ArenaState)));
    const refused = joins.filter((j) => j.status === "rejected").map((j) => String((j as PromiseRejectedResult).reason));
    expect(refused).toEqual([]);
    const joined = joins.map((j) => (j as PromiseFulfilledResult<Room<ArenaState>>).value);
    rooms.push(...joined);
    const perRoom = new Map<string, number>();
    for (const r of joined) perRoom.set(r.roomId, (perRoom.get(r.roomId) ?? 0) + 1);
    expect(Math.max(...perRoom.values())).toBeLessThanOrEqual(MAX_PLAYERS);
    expect(perRoom.size).toBeGreaterThanOrEqual(5);
    // Everyone got a player seat (none was turned into a spectator or refused at connect).
    for (const r of joined) await waitFor("own player", () => r.state.players.has(r.sessionId));
    await leaveAll(joined);
  });
});

describe("private rooms", () => {
  it("are joined by code in any case, and never by quick play or through the lobby list", async () => {
    const lobby = await client().joinOrCreate(LOBBY_ROOM_NAME);
    rooms.push(lobby);
    const listed = new Map<string, RoomListing>();
    lobby.onMessage("rooms", (list: { roomId: string; metadata: RoomListing }[]) => {
      for (const r of list) listed.set(r.roomId, r.metadata);
    });
    lobby.onMessage("+", ([roomId, r]: [string, { metadata: RoomListing }]) => listed.set(roomId, r.metadata));
    lobby.onMessage("-", (roomId: string) => listed.delete(roomId));

    const host = await createRoom({ name: "Host", private: true });
    const code = host.roomId;
    expect(isRoomCode(code)).toBe(true);
    const friend = await joinCode(code.toLowerCase(), { name: "Friend" });
    expect(friend.roomId).toBe(code);
    await waitFor("both players in the private room", () => host.state.players.size === 2);

    const stranger = await quickPlay("Stranger");
    expect(stranger.roomId).not.toBe(code);
    await waitFor("the public room in the lobby list with its player", () => listed.get(stranger.roomId)?.players === 1);
    expect(listed.get(stranger.roomId)).toMatchObject({ seats: "open", players: 1, maxPlayers: MAX_PLAYERS, spectators: 0, phase: "waiting" });
    expect(listed.has(code)).toBe(false);
    await leaveAll([host, friend, stranger, lobby]);
  });

  it("a wrong code is a clear error, not a hang", async () => {
    await expect(client().joinById("ZZZZZ", { name: "Lost" })).rejects.toThrow(/ZZZZZ.*not found|not found.*ZZZZZ/i);
  });
});

describe("full rooms and spectators", () => {
  it("the 9th joiner is offered to spectate, then watches live without a player", async () => {
    const host = await createRoom({ name: "P0" });
    const players = [host];
    for (let i = 1; i < MAX_PLAYERS; i++) players.push(await joinCode(host.roomId, { name: `P${i}` }));
    await waitFor("8 players", () => host.state.players.size === MAX_PLAYERS);

    const refused = client().joinById(host.roomId, { name: "Late" });
    await expect(refused).rejects.toMatchObject({ code: JoinError.PlayersFull });
    await expect(client().joinById(host.roomId, { name: "Late" })).rejects.toThrow(/full \(8\/8 players\).*spectator/);

    const watcher = await joinCode(host.roomId, { name: "Late", spectate: true });
    await waitFor("spectator gets the state", () => watcher.state.players.size === MAX_PLAYERS);
    expect(watcher.state.players.has(watcher.sessionId)).toBe(false);
    await waitFor("spectator counted", () => host.state.spectators === 1);

    // Its inputs change nothing.
    const input = watcher.input();
    for (let i = 0; i < 20; i++) {
      input.data.moveX = 1;
      input.send();
    }
    const notices: string[] = [];
    watcher.onMessage(ServerMessage.Notice, (n: NoticeEvent) => notices.push(n.text));
    watcher.send(ClientMessage.TakeSeat);
    await waitFor("no free seat notice", () => notices.some((t) => /no free seat/.test(t)));
    expect(watcher.state.players.has(watcher.sessionId)).toBe(false);

    // A seat opens: the spectator takes it and plays.
    await players[MAX_PLAYERS - 1].leave(true);
    await waitFor("a seat to open", () => watcher.state.players.size === MAX_PLAYERS - 1);
    watcher.send(ClientMessage.TakeSeat);
    await waitFor("the spectator to be seated", () => watcher.state.players.has(watcher.sessionId));
    expect(watcher.state.spectators).toBe(0);
    await leaveAll([...players, watcher]);
  });
});

describe("matches", () => {
  it("wait for two players, count down, play, show results, and start the next match", async () => {
    const a = await createRoom({ name: "A", matchSeconds: 5 });
    const phases: string[] = [];
    const record = () => {
      const p = `${a.state.phase}#${a.state.match}`;
      if (phases.at(-1) !== p) phases.push(p);
    };
    a.onStateChange(record);
    await waitFor("waiting", () => a.state.phase === "waiting");
    const b = await joinCode(a.roomId, { name: "B" });
    await waitFor("the second match's countdown", () => a.state.phase === "countdown" && a.state.match === 1, { timeoutMs: 30_000 });
    expect(phases).toEqual(["waiting#0", "countdown#0", "playing#1", "results#1", "countdown#1"]);
    expect(a.state.phaseEndsAt).toBeGreaterThan(0);
    await leaveAll([a, b]);
  }, 60_000);

  it("resets scores when a match starts", async () => {
    const a = await createRoom({ name: "A", matchSeconds: 5 });
    const room = matchMaker.getLocalRoomById(a.roomId) as ArenaRoom;
    await waitFor("own player", () => a.state.players.get(a.sessionId));
    room.state.players.get(a.sessionId)!.frags = 7; // a warm-up score
    const b = await joinCode(a.roomId, { name: "B" });
    await waitFor("match 1 playing", () => a.state.phase === "playing");
    expect(a.state.players.get(a.sessionId)!.frags).toBe(0);
    expect(RESULTS_SECONDS).toBeGreaterThan(0);
    await leaveAll([a, b]);
  });
});

describe("chat", () => {
  it("delivers lines to everyone in order, refuses bad ones with a notice, throttles floods", async () => {
    const a = await createRoom({ name: "Ann" });
    const b = await joinCode(a.roomId, { name: "Bob" });
    const w = await joinCode(a.roomId, { name: "Wes", spectate: true });
    const seen: ChatLine[] = [];
    b.onMessage(ServerMessage.Chat, (line: ChatLine) => seen.push(line));
    const notices: string[] = [];
    a.onMessage(ServerMessage.Notice, (n: NoticeEvent) => notices.push(n.text));
    for (const text of ["one", "two", "<img src=x onerror=alert(1)>"]) a.send(ClientMessage.Chat, { text });
    w.send(ClientMessage.Chat, { text: "watching" });
    await waitFor("4 lines at B", () => seen.filter((l) => l.kind !== "system").length === 4);
    const said = seen.filter((l) => l.kind !== "system");
    // One speaker's lines arrive in the order sent (different speakers may interleave).
    expect(said.filter((l) => l.name === "Ann").map((l) => [l.kind, l.text])).toEqual([
      ["player", "one"], ["player", "two"], ["player", "<img src=x onerror=alert(1)>"],
    ]);
    expect(said.find((l) => l.name === "Wes")).toMatchObject({ kind: "spectator", text: "watching" });

    a.send(ClientMessage.Chat, { text: "x".repeat(500) });
    await waitFor("a notice about the length", () => notices.some((t) => /at most 120 characters/.test(t)));
    for (let i = 0; i < 10; i++) a.send(ClientMessage.Chat, { text: `spam ${i}` });
    await waitFor("a slow-down notice", () => notices.some((t) => /slow down/.test(t)));
    // The room carries on: a later line from Bob still arrives.
    const before = seen.length;
    b.send(ClientMessage.Chat, { text: "still here" });
    await waitFor("Bob's line", () => seen.slice(before).some((l) => l.text === "still here"));
    await leaveAll([a, b, w]);
  });
});

describe("reconnection", () => {
  function killSocket(room: Room): void {
    (room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
  }

  it("a dropped client gets its seat back with its frags; others see it disconnected meanwhile", async () => {
    const a = await createRoom({ name: "Dropper" });
    const b = await joinCode(a.roomId, { name: "Witness" });
    a.reconnection.minUptime = 0;
    await waitFor("both players", () => b.state.players.size === 2 && a.state.players.get(a.sessionId));
    const room = matchMaker.getLocalRoomById(a.roomId) as ArenaRoom;
    room.state.players.get(a.sessionId)!.frags = 3;
    const seatId = a.sessionId;
    const dropped = new Promise<void>((resolve) => a.onDrop(() => resolve()));
    const back = new Promise<void>((resolve) => a.onReconnect(() => resolve()));
    killSocket(a);
    await dropped;
    await waitFor("B sees A disconnected", () => b.state.players.get(seatId)?.connected === false);
    await back;
    expect(a.sessionId).toBe(seatId);
    await waitFor("B sees A back", () => b.state.players.get(seatId)?.connected === true);
    expect(b.state.players.get(seatId)?.frags).toBe(3);
    expect(b.state.players.size).toBe(2);
    await leaveAll([a, b]);
  });

  it("a client gone longer than the window loses its seat", async () => {
    const a = await createRoom({ name: "Gone" });
    const b = await joinCode(a.roomId, { name: "Witness" });
    a.reconnection.enabled = false;
    await waitFor("both players", () => b.state.players.size === 2);
    const goneId = a.sessionId;
    killSocket(a);
    await waitFor("A held as disconnected", () => b.state.players.get(goneId)?.connected === false);
    await waitFor("A's seat freed after the window", () => !b.state.players.has(goneId), { timeoutMs: (WINDOW_SECONDS + 5) * 1000 });
    await leaveAll([b]);
  });
});
