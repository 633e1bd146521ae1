// Over the wire: server bots: a room created with bots, quick play's top-up and bots making room
// for people, the owner's bot controls and their refusals, and a bot keeping a dropped player's
// seat warm until they reconnect. Real server, real SDK clients.

import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAYER_MAX_SPEED, STEP_SECONDS } from "../shared/constants.js";
import { ClientMessage, ROOM_NAME, ServerMessage, type ChatLine, type NoticeEvent } from "../shared/protocol.js";
import { ArenaState } from "../shared/schema.js";
import { readConfig } from "../server/hosting/config.js";
import type { ArenaRoom } from "../server/rooms/ArenaRoom.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { waitFor } from "./helpers/waitFor.js";

const QUICKPLAY_MIN = 4;
/** Long enough to watch the stand-in play, short enough for the test. */
const WINDOW_SECONDS = 8;

let server: RunningServer;
const rooms: Room<ArenaState>[] = [];

beforeAll(async () => {
  server = await startGameServer({
    config: { ...readConfig({}), quickPlayMinPlayers: QUICKPLAY_MIN, botTakeover: true, reconnectionSeconds: WINDOW_SECONDS, roomCreatesPerMinute: 0 },
  });
});

afterAll(async () => {
  for (const room of rooms) if (room.connection.isOpen) await room.leave(true).catch(() => undefined);
  await server.stop();
});

const client = () => new Client(server.url);

async function track(joining: Promise<Room<ArenaState>>): Promise<Room<ArenaState>> {
  const room = await joining;
  rooms.push(room);
  return room;
}

const bots = (room: Room<ArenaState>) => [...room.state.players.values()].filter((p) => p.bot);
const people = (room: Room<ArenaState>) => [...room.state.players.values()].filter((p) => !p.bot);

async function leaveAll(list: Room[]): Promise<void> {
  await Promise.all(list.filter((r) => r.connection.isOpen).map((r) => r.leave(true).catch(() => undefined)));
}

function notices(room: Room): string[] {
  const seen: string[] = [];
  room.onMessage(ServerMessage.Notice, (n: NoticeEvent) => seen.push(n.text));
  return seen;
}

describe("a room created with bots", () => {
  it("has 4 players within a second; the bots move, stay within the real-time budget, and score", async () => {
    const createdAt = Date.now();
    const a = await track(client().create<ArenaState>(ROOM_NAME, { name: "Solo", private: true, bots: 3, botDifficulty: "hard" }, ArenaState));
    await waitFor("4 players", () => a.state.players.size === 4, { timeoutMs: 1000 });
    expect(Date.now() - createdAt).toBeLessThan(1000 + 500); // create + connect + first state
    expect(bots(a)).toHaveLength(3);
    expect(a.state.botDifficulty).toBe("hard");
    expect(a.state.owner).toBe(a.sessionId);
    // A person and bots: the match counts down at once.
    await waitFor("the match to start", () => a.state.phase === "playing", { timeoutMs: 8000 });

    // Every patch is one tick (or more): no bot moves farther per tick than a person can.
    const grid = Math.SQRT2 / 32;
    let lastTick = new Map<string, { x: number; y: number; alive: boolean }>();
    let patches = 0;
    let fastest = 0;
    let moved = 0;
    a.onStateChange(() => {
      patches++;
      const now = new Map<string, { x: number; y: number; alive: boolean }>();
      for (const [id, p] of a.state.players) {
        now.set(id, { x: p.x, y: p.y, alive: p.alive });
        const before = lastTick.get(id);
        if (!p.bot || !before || !before.alive || !p.alive) continue;
        const step = Math.hypot(p.x - before.x, p.y - before.y);
        if (step > 0) moved++;
        if (step < 96) fastest = Math.max(fastest, step); // ≥ 96 px: a respawn
      }
      lastTick = now;
    });
    const score = await waitFor("a bot to frag someone", () => {
      const frags = bots(a).reduce((n, p) => n + p.frags, 0);
      return frags > 0 && frags;
    }, { timeoutMs: 40_000 });
    expect(score).toBeGreaterThan(0);
    expect(patches).toBeGreaterThan(30);
    expect(moved).toBeGreaterThan(30);
    expect(fastest).toBeGreaterThan(0);
    expect(fastest).toBeLessThanOrEqual(PLAYER_MAX_SPEED * STEP_SECONDS + grid);
    const server = matchMaker.getLocalRoomById(a.roomId) as ArenaRoom;
    expect(server.state.players.size).toBe(4);
    await leaveAll([a]);
  });

  it("refuses out-of-range bots and unknown difficulties, saying what is allowed", async () => {
    // Rooms of earlier tests may still be closing: compare which rooms exist, not how many.
    const roomsBefore = new Set((await matchMaker.query({})).map((room) => room.roomId));
    const refusals = await Promise.allSettled([
      client().create(ROOM_NAME, { name: "Many", bots: 8 }),
      client().create(ROOM_NAME, { name: "Neg", bots: -1 }),
      client().create(ROOM_NAME, { name: "Half", bots: 1.5 }),
      client().create(ROOM_NAME, { name: "Odd", botDifficulty: "insane" }),
    ]);
    const errors = refusals.map((r) => {
      expect(r.status).toBe("rejected");
      return (r as PromiseRejectedResult).reason as { code: number; message: string };
    });
    for (const e of errors.slice(0, 3)) expect(e.message).toMatch(/bots: must be a whole number from 0 to 7/);
    expect(errors[3].message).toMatch(/botDifficulty: must be one of easy, normal, hard/);
    // onCreate's refusal reaches the client as a matchmaking error; nothing was left open.
    const opened = (await matchMaker.query({})).filter((room) => !roomsBefore.has(room.roomId));
    expect(opened.map((room) => room.roomId)).toEqual([]);
  });
});

describe("the owner's bot controls", () => {
  it("the creator adds and removes bots and sets their difficulty; anyone else, or a full room, gets a notice and nothing changes", async () => {
    const owner = await track(client().create<ArenaState>(ROOM_NAME, { name: "Owner", private: true }, ArenaState));
    const guest = await track(client().joinById<ArenaState>(owner.roomId, { name: "Guest" }, ArenaState));
    const ownerNotes = notices(owner);
    const guestNotes = notices(guest);
    await waitFor("both seated", () => owner.state.players.size === 2);
    expect(bots(owner)).toHaveLength(0);

    owner.send(ClientMessage.AddBot);
    await waitFor("a bot", () => bots(guest).length === 1);
    guest.send(ClientMessage.AddBot);
    guest.send(ClientMessage.BotDifficulty, { difficulty: "easy" });
    await waitFor("the guest's notices", () => guestNotes.length === 2);
    expect(guestNotes[0]).toMatch(/only the player who created this room/);
    expect(bots(owner)).toHaveLength(1);
    expect(owner.state.botDifficulty).toBe("normal");

    owner.send(ClientMessage.BotDifficulty, { difficulty: "impossible" });
    await waitFor("a difficulty refusal", () => ownerNotes.some((t) => /must be one of easy, normal, hard/.test(t)));
    owner.send(ClientMessage.BotDifficulty, { difficulty: "easy" });
    await waitFor("easy bots", () => guest.state.botDifficulty === "easy");

    for (let i = 0; i < 6; i++) owner.send(ClientMessage.AddBot);
    await waitFor("a full room", () => owner.state.players.size === 8);
    owner.send(ClientMessage.AddBot);
    await waitFor("a full-room notice", () => ownerNotes.some((t) => /room is full/.test(t)));
    expect(owner.state.players.size).toBe(8);

    // A person still gets in: a bot gives its seat.
    const third = await track(client().joinById<ArenaState>(owner.roomId, { name: "Third" }, ArenaState));
    await waitFor("the third person seated", () => third.state.players.has(third.sessionId) && people(owner).length === 3);
    expect(bots(owner)).toHaveLength(5);

    owner.send(ClientMessage.RemoveBot);
    await waitFor("one bot fewer", () => bots(guest).length === 4);

    // The owner leaves: the person seated longest takes the controls over.
    await leaveAll([owner]);
    await waitFor("the guest owns the room", () => guest.state.owner === guest.sessionId);
    guest.send(ClientMessage.AddBot);
    await waitFor("the guest's bot", () => bots(guest).length === 5);
    await leaveAll([guest, third]);
  });
});

describe("quick play with bots", () => {
  it("tops a public room up to the minimum, each arriving person takes a bot's seat, the last person leaving takes the bots along", async () => {
    const first = await track(client().joinOrCreate<ArenaState>(ROOM_NAME, { name: "First" }, ArenaState));
    await waitFor("the top-up", () => first.state.players.size === QUICKPLAY_MIN);
    expect(bots(first)).toHaveLength(QUICKPLAY_MIN - 1);
    await waitFor("a countdown with one person", () => first.state.phase === "countdown" || first.state.phase === "playing", { timeoutMs: 3000 });

    const joined: Room<ArenaState>[] = [first];
    for (let i = 2; i <= 6; i++) {
      const next = await track(client().joinOrCreate<ArenaState>(ROOM_NAME, { name: `Q${i}` }, ArenaState));
      expect(next.roomId).toBe(first.roomId); // bots' seats count as free for quick play
      joined.push(next);
      const expectedBots = Math.max(0, QUICKPLAY_MIN - i);
      await waitFor(`${i} people and ${expectedBots} bots`, () => people(first).length === i && bots(first).length === expectedBots);
    }
    await leaveAll(joined.slice(2));
    await waitFor("bots back to the minimum", () => people(first).length === 2 && bots(first).length === 2);
    const roomId = first.roomId;
    await leaveAll(joined.slice(0, 2));
    await waitFor("the room closed with its bots", () => matchMaker.getLocalRoomById(roomId) === undefined);
  });
});

describe("a dropped player's seat is kept warm", () => {
  function killSocket(room: Room): void {
    (room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
  }

  it("a bot plays it during the window (frags still theirs) and hands it back on reconnect without a jump", async () => {
    const a = await track(client().create<ArenaState>(ROOM_NAME, { name: "Dropper", private: true }, ArenaState));
    const b = await track(client().joinById<ArenaState>(a.roomId, { name: "Witness" }, ArenaState));
    const chat: ChatLine[] = [];
    b.onMessage(ServerMessage.Chat, (line: ChatLine) => chat.push(line));
    a.onMessage(ServerMessage.Chat, () => undefined);
    a.reconnection.enabled = false; // this test reconnects by hand, once it has watched the stand-in
    await waitFor("both seated", () => b.state.players.size === 2 && a.state.players.has(a.sessionId));
    const seat = a.sessionId;
    const room = matchMaker.getLocalRoomById(a.roomId) as ArenaRoom;
    room.state.players.get(seat)!.frags = 3;
    await waitFor("B sees the frags", () => b.state.players.get(seat)?.frags === 3);
    const token = a.reconnectionToken;

    killSocket(a);
    await waitFor("a stand-in", () => b.state.players.get(seat)?.standIn === true && b.state.players.get(seat)?.connected === false);
    const seen = new Set<string>();
    await waitFor("the dropped player moving", () => {
      const p = b.state.players.get(seat)!;
      seen.add(`${p.x},${p.y}`);
      return seen.size >= 20;
    }, { timeoutMs: 6000 });
    expect(b.state.players.get(seat)!.frags).toBeGreaterThanOrEqual(3);
    expect(b.state.players.size).toBe(2); // the stand-in is not an extra player

    // Watch the server's own record around the hand-back: every tick, how far it moved.
    const player = room.state.players.get(seat)!;
    let last = { x: player.x, y: player.y };
    let biggest = 0;
    const watch = setInterval(() => {
      biggest = Math.max(biggest, Math.hypot(player.x - last.x, player.y - last.y));
      last = { x: player.x, y: player.y };
    }, 2);
    const back = await track(client().reconnect<ArenaState>(token, ArenaState));
    expect(back.sessionId).toBe(seat);
    await waitFor("control back", () => back.state.players.get(seat)?.standIn === false && back.state.players.get(seat)?.connected === true);
    // Its person sends nothing (a bare SDK room): the seat stops where the bot left it.
    let still = { x: player.x, y: player.y, since: Date.now() };
    const settled = await waitFor("the seat still once its person sends nothing", () => {
      if (player.x !== still.x || player.y !== still.y) still = { x: player.x, y: player.y, since: Date.now() };
      return Date.now() - still.since > 300 && still;
    }, { timeoutMs: 3000 });
    clearInterval(watch);
    // A few ticks between samples at most: never a jump (a respawn moves ≥ 96 px).
    expect(biggest).toBeLessThan(PLAYER_MAX_SPEED * STEP_SECONDS * 6);
    const mine = back.state.players.get(seat)!;
    expect(Math.hypot(mine.x - settled.x, mine.y - settled.y)).toBeLessThan(1);
    expect(mine.frags).toBe(room.state.players.get(seat)!.frags);
    expect(mine.frags).toBeGreaterThanOrEqual(3);
    expect(chat.some((l) => /Dropper lost connection/.test(l.text))).toBe(true);
    await leaveAll([back, b]);
  });
});
