// Over the wire: the arena room on a real server with real WebSocket clients.

import { matchMaker } from "@colyseus/core";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GameSession, type JoinRequest } from "../client/net/GameSession.js";
import { IDLE, runHeadless, type HeadlessLoop } from "../client/net/headlessLoop.js";
import { CloseCode, ROOM_NAME } from "../shared/protocol.js";

import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { sample } from "./hosting/helpers/metrics.js";
import { waitFor } from "./helpers/waitFor.js";
import { Sessions } from "./helpers/sessions.js";

let server: RunningServer;
const loops: HeadlessLoop[] = [];
const sessions = new Sessions(() => server.url);

beforeAll(async () => {
  server = await startGameServer();
});

afterAll(async () => {
  for (const loop of loops) loop.stop();
  await sessions.leaveAll();
  await server.stop();
});

const join = (request: JoinRequest = {}): Promise<GameSession> => sessions.join(request);

function serverPlayer(session: GameSession, id = session.sessionId) {
  return session.room.state.players.get(id);
}

describe("arena room", () => {
  it("moves the player only through inputs: authoritative position follows the keys", async () => {
    const a = await join({ name: "mover", create: true });
    const start = await waitFor("own player in state", () => serverPlayer(a));
    const x0 = start.x;
    const y0 = start.y;
    // Hold "right" (or "left" near the right edge) for a while.
    const dir = x0 < 640 ? 1 : -1;
    const loop = runHeadless(a, () => ({ ...IDLE, moveX: dir }));
    loops.push(loop);
    await waitFor("authoritative x to change by 100 px", () => Math.abs(serverPlayer(a)!.x - x0) > 100);
    loop.stop();
    expect(Math.sign(serverPlayer(a)!.x - x0)).toBe(dir);
    expect(serverPlayer(a)!.y).toBe(y0);
  });

  it("two clients in one room see each other move", async () => {
    const a = await join({ name: "alpha", create: true });
    const b = await join({ name: "beta", roomId: a.room.roomId });
    await waitFor("both players on both sides", () =>
      a.room.state.players.size === 2 && b.room.state.players.size === 2);
    expect(serverPlayer(b, a.sessionId)?.name).toBe("alpha");
    expect(serverPlayer(a, b.sessionId)?.name).toBe("beta");

    const x0 = serverPlayer(b, a.sessionId)!.x;
    const dir = x0 < 640 ? 1 : -1;
    const la = runHeadless(a, () => ({ ...IDLE, moveX: dir }));
    const lb = runHeadless(b, () => IDLE);
    loops.push(la, lb);
    // B's interpolated view of A moves, and so does the state B received.
    await waitFor("B to see A move 60 px", () => {
      const seen = b.players().find((p) => p.id === a.sessionId);
      return seen !== undefined && Math.abs(seen.x - x0) > 60;
    });
    la.stop();
    lb.stop();
  });

  it("sends nothing while nothing changes and nobody sends inputs, and acknowledges inputs that change nothing", async () => {
    const patches = async () => sample(await (await fetch(`${server.url}/metrics`)).text(), "skirmish_ws_sent_messages_total", { kind: "patch" }) ?? NaN;
    const client = new Client(server.url);
    const room = await client.create(ROOM_NAME, { name: "idler" });
    const me = await waitFor("own player, spawn protection over", () => {
      const p = (room.state as { players: Map<string, { shielded: boolean }> }).players.get(room.sessionId);
      return p && !p.shielded ? p : undefined;
    });
    expect(me.shielded).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = await patches();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await patches() - before).toBe(0);
    // Inputs that move nothing (a player standing still) are still acknowledged, one patch a tick.
    const input = room.input();
    const timer = setInterval(() => input.send(), 1000 / 30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(timer);
    expect(await patches() - before).toBeGreaterThanOrEqual(5);
    await room.leave();
  });

  it("sends spawn protection as two changes (on, off), not its countdown every tick", async () => {
    const client = new Client(server.url);
    const room = await client.create(ROOM_NAME, { name: "newcomer" });
    type Shown = { shielded: boolean; shield?: number };
    type Players = { players: Map<string, Shown> };
    const own = () => (room.state as Players).players.get(room.sessionId);
    let states = 0;
    const firstState = new Promise<boolean | undefined>((resolve) => room.onStateChange.once((state) => resolve((state as Players).players.get(room.sessionId)?.shielded)));
    room.onStateChange(() => states++);
    // Protected from the first state on (the full state the join brings, not a tick later).
    expect(await firstState).toBe(true);
    // The countdown itself stays on the server.
    expect(own()?.shield ?? 0).toBe(0);
    await waitFor("spawn protection over", () => (own()?.shielded === false ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A second of protection at 30 Hz was 30 patches to the room: now the full state, the join's
    // own patch (its chat line) and the end of protection.
    expect(states).toBeLessThanOrEqual(3);
    await room.leave();
  });

  it("rests while idle: nothing sent, nothing recorded, and it wakes for the first input", async () => {
    type Players = { players: Map<string, { shielded: boolean; x: number }> };
    const client = new Client(server.url);
    const a = await client.create(ROOM_NAME, { name: "watcher" });
    const b = await client.joinById(a.roomId, { name: "mover" });
    // The room as the server runs it (this test's server is in this process).
    const room = matchMaker.getLocalRoomById(a.roomId) as unknown as {
      restedTicks: number;
      state: Players;
      history: { lastRecordedAt: number };
    };
    await waitFor("match playing, spawn protection over", () => {
      const s = a.state as unknown as Players & { phase: string };
      return s.phase === "playing" && [...s.players.values()].every((p) => !p.shielded) ? true : undefined;
    }, { timeoutMs: 10_000 });
    await waitFor("the room resting", () => (room.restedTicks > 15 ? true : undefined));
    const mover = room.state.players.get(b.sessionId)!;
    const restingX = mover.x;
    const rested = room.restedTicks;
    const recordedAt = room.history.lastRecordedAt;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // ~6 ticks passed at rest, with no lag-compensation sample (no patch was sent).
    expect(room.restedTicks - rested).toBeGreaterThanOrEqual(3);
    expect(room.history.lastRecordedAt).toBe(recordedAt);
    const input = b.input() as unknown as { data: { moveX: number }; send(): number };
    input.data.moveX = 1;
    const timer = setInterval(() => input.send(), 1000 / 30);
    await waitFor("the mover moved", () => (mover.x > restingX + 40 ? true : undefined));
    clearInterval(timer);
    expect(room.history.lastRecordedAt).toBeGreaterThan(recordedAt);
    await a.leave();
    await b.leave();
  });

  it("rejects bad join options with a message that says what was wrong", async () => {
    const client = new Client(server.url);
    await expect(client.joinOrCreate(ROOM_NAME, { name: "   " })).rejects.toThrow(/name must have at least 1 visible character/);
    await expect(client.joinOrCreate(ROOM_NAME, { name: "x".repeat(40) })).rejects.toThrow(/at most 16 characters/);
    await expect(client.joinOrCreate(ROOM_NAME, { name: "bell\u0007" })).rejects.toThrow(/control characters/);
    await expect(client.joinOrCreate(ROOM_NAME, { colour: "red" })).rejects.toThrow(/Unrecognized key: "colour"/);
  });

  it("closes a client that sends an unknown message, with code and reason, and the room carries on", async () => {
    const good = await join({ name: "good", create: true });
    const bad = await join({ name: "bad", roomId: good.room.roomId });
    await waitFor("two players", () => good.room.state.players.size === 2);
    const closed = new Promise<{ code: number; reason?: string }>((resolve) =>
      bad.room.onLeave((code, reason) => resolve({ code, reason })));
    bad.room.send("teleport", { x: 0, y: 0 });
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.ProtocolViolation);
    expect(reason).toMatch(/malformed frame: unknown message type/);

    await expectRoomStillTicks(good);
  });

  it("survives garbage frames on the socket and keeps the other players playing", async () => {
    const good = await join({ name: "steady", create: true });
    const bad = await join({ name: "noisy", roomId: good.room.roomId });
    await waitFor("two players", () => good.room.state.players.size === 2);
    const garbage = [
      new Uint8Array([255, 1, 2, 3]),
      new Uint8Array([13, 200, 200, 200, 200]), // a ROOM_DATA code with a broken type string
      new Uint8Array(0),
      new TextEncoder().encode("{\"json\":true}"),
    ];
    for (const frame of garbage) bad.room.connection.send(frame);
    await expectRoomStillTicks(good);
  });

  it("disconnects a client that floods messages, and the room carries on", async () => {
    const good = await join({ name: "calm", create: true });
    const flooder = await join({ name: "flood", roomId: good.room.roomId });
    await waitFor("two players", () => good.room.state.players.size === 2);
    const closed = new Promise<{ code: number; reason?: string }>((resolve) => flooder.room.onLeave((code, reason) => resolve({ code, reason })));
    const input = flooder.room.input();
    for (let i = 0; i < 1000; i++) input.send();
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.Flood);
    expect(reason).toMatch(/too many messages/);
    await waitFor("flooder removed from state", () => good.room.state.players.size === 1);
    await expectRoomStillTicks(good);
  });
});

/** The room still simulates: the given client can still move itself. */
async function expectRoomStillTicks(session: GameSession): Promise<void> {
  const p = await waitFor("own player", () => session.room.state.players.get(session.sessionId));
  const x0 = p.x;
  const dir = x0 < 640 ? 1 : -1;
  const loop = runHeadless(session, () => ({ ...IDLE, moveX: dir }));
  try {
    await waitFor("room to keep ticking (player moves 40 px)", () =>
      Math.abs(session.room.state.players.get(session.sessionId)!.x - x0) > 40);
  } finally {
    loop.stop();
  }
}
